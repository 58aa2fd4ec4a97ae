"""A client threatens violence to someone else (seed 000), walked through the engine:
intent, ability and urgency; a manager's second opinion before any breach unless it is an
emergency; the basis for sharing; and the decision recorded either way."""

import itertools
import json

import pytest

from protocols.engine import AnswerError, Registry, Run

PLAN = Registry().load("threat-to-others")
THREAT = "I'll be waiting behind the bailiff's car at 5"
NON_URGENT = {"intent": "specific", "weapon": "no", "history": "no", "urgency": "time"}
TO_SECOND_OPINION = {
    **NON_URGENT,
    "talk-first": "not-talked",
    "worker-view": "consider",
    "manager-available": "available",
}


def follow(run: Run, answers: dict) -> Run:
    """Confirms instructions and answers questions from `answers` (step id -> value)
    until the run ends or reaches a step with no answer given (such as a decision)."""
    for _ in range(100):
        if run.finished:
            break
        if run.step.kind in ("instruction", "information"):
            run.confirm()
        elif run.current in answers:
            run.answer(answers[run.current])
        else:
            break
    return run


def start(answers: dict) -> Run:
    return follow(Run.start(PLAN), {"what-threatened": THREAT, **answers})


def route(run: Run) -> list[str]:
    return [step for step, _, _ in run.path] + [run.current]


def disclosures(run: Run) -> list[tuple[str, str, bool]]:
    return [
        (r.effect.recipient, r.effect.purpose, r.effect.emergency)
        for r in run.effects
        if r.effect.type == "open_disclosure_decision"
    ]


# An emergency: police now, no waiting for a second opinion ------------------------------


@pytest.mark.parametrize(
    "ability",
    [{"weapon": "yes", "history": "no"}, {"weapon": "dont-know", "history": "no"}, {"weapon": "no", "history": "yes"}],
)
def test_a_specific_able_urgent_threat_goes_to_the_police_now_without_a_second_opinion(ability):
    run = start({"intent": "specific", **ability, "urgency": "now"})

    assert route(run)[-2:] == ["phone-police", "police-called-at"]
    assert "second-opinion" not in route(run)
    assert "manager-available" not in route(run)
    [(recipient, purpose, emergency)] = disclosures(run)
    assert (recipient, emergency) == ("Police", True)
    assert "without a second opinion" in purpose

    follow(run, {"police-called-at": "16:40", "police-reference": "CR/123"})
    assert run.current == "record-decision"
    calls = [(r.effect.service, r.filled) for r in run.effects if r.effect.type == "record_emergency_call"]
    assert calls == [("police", {"called_at": "16:40", "reference": "CR/123"})]
    [task] = [r.effect for r in run.effects if r.effect.type == "create_task"]
    assert (task.assignee, task.due_working_days) == ("team-leader", 2)
    assert [r.id for r in run.outstanding_records()] == ["decision-record"]


def test_when_no_manager_can_be_reached_in_time_the_worker_discloses_without_waiting():
    run = start({**TO_SECOND_OPINION, "manager-available": "no-time"})

    assert route(run)[-3:] == ["manager-available", "phone-police", "police-called-at"]
    assert [emergency for _, _, emergency in disclosures(run)] == [True]


# Not an emergency: a manager's second opinion before any breach -------------------------


@pytest.mark.parametrize(
    "answers",
    [
        NON_URGENT,
        {"intent": "idle", "weapon": "yes", "history": "yes", "urgency": "now"},
        {"intent": "specific", "weapon": "no", "history": "no", "urgency": "now"},
    ],
)
def test_a_threat_that_is_not_an_emergency_requires_a_managers_second_opinion_before_any_breach(answers):
    run = start({**answers, "talk-first": "talked", "worker-view": "consider", "manager-available": "available"})

    assert run.current == "second-opinion"
    assert "phone-police" not in route(run)
    assert disclosures(run) == []
    before = run.state()
    with pytest.raises(AnswerError) as refused:
        run.answer("share", note="The worker wants to warn the Jobcentre")
    assert refused.value.message == "Only a team leader or deputy manager or safeguarding lead can make this decision"
    with pytest.raises(AnswerError, match="Enter the reason for the decision"):
        run.answer("share", role="team-leader", note=" ")
    assert run.state() == before


@pytest.mark.parametrize(
    ("basis", "purpose"),
    [
        ("health-safety", "A threat of violence: a risk to someone's health or safety"),
        ("crime", "A threat of violence: to prevent or detect a crime"),
        ("client-wish", "A threat of violence: the client's explicit wish that a warning be sent"),
    ],
)
@pytest.mark.parametrize(
    ("warn", "recipients"),
    [
        ("police", ["Police"]),
        ("at-risk", ["The person at risk, or their organisation"]),
        ("both", ["Police", "The person at risk, or their organisation"]),
    ],
)
def test_after_the_second_opinion_the_chosen_basis_opens_a_disclosure_decision_for_each_recipient(
    basis, purpose, warn, recipients
):
    run = start(TO_SECOND_OPINION)
    run.answer("share", role="deputy-manager", note="Specific plan against a named bailiff", by="dee")
    follow(run, {"basis": basis, "warn-who": warn})

    assert route(run)[-5:] == ["second-opinion", "basis", "warn-who", "share-warning", "record-decision"]
    assert disclosures(run) == [(recipient, purpose, False) for recipient in recipients]
    signposts = [r.effect.categories for r in run.effects if r.effect.type == "signpost"]
    assert signposts == ([["police-non-emergency"]] if warn != "at-risk" else [])
    [decision] = [event for event in run.events if event["step"] == "second-opinion"]
    assert (decision["value"], decision["role"], decision["by"]) == ("share", "deputy-manager", "dee")


def test_no_breach_after_the_second_opinion_is_still_recorded():
    run = start(TO_SECOND_OPINION)
    run.answer("do-not-share", role="team-leader", note="An idle threat made in anger; support worker informed")

    assert run.current == "record-decision"
    assert run.finished
    assert disclosures(run) == []
    assert [r.id for r in run.outstanding_records()] == ["decision-record"]
    assert "either way" in run.step.text
    [decision] = [a for a in run.summary()["answers"] if a["step"] == "second-opinion"]
    assert decision["label"] == "Do not share it"
    assert run.events[-1]["role"] == "team-leader"
    assert run.events[-1]["note"].startswith("An idle threat")


def test_a_worker_who_sees_no_real_risk_records_that_decision_too():
    run = start({**NON_URGENT, "intent": "idle", "talk-first": "talked", "worker-view": "no-risk"})

    assert run.current == "record-decision"
    assert run.effects == []
    assert [r.id for r in run.outstanding_records()] == ["decision-record"]


# History never dismisses a risk ---------------------------------------------------------


def after_the_factors(intent: str, weapon: str, history: str, urgency: str) -> str:
    run = start({"intent": intent, "weapon": weapon, "history": history, "urgency": urgency})
    return run.current


def test_no_history_of_violence_never_leads_to_less_action_than_a_history_or_not_knowing():
    for intent, weapon, urgency in itertools.product(["idle", "specific"], ["yes", "no", "dont-know"], ["now", "time"]):
        outcomes = {
            history: after_the_factors(intent, weapon, history, urgency) for history in ("yes", "no", "dont-know")
        }
        # No history is treated exactly like not knowing, and a history can only escalate.
        assert outcomes["no"] == outcomes["dont-know"], (intent, weapon, urgency)
        if outcomes["no"] == "phone-police":
            assert outcomes["yes"] == "phone-police", (intent, weapon, urgency)
    assert PLAN.step_map["history"].guidance.dont == ["Treat 'no history of violence' as a reason not to act"]


def test_if_in_doubt_the_worker_goes_on_towards_sharing():
    worker_view = PLAN.step_map["worker-view"]

    assert [o.label for o in worker_view.answer.options][0] == "Yes, or I am in doubt"
    assert "If in doubt, act." in worker_view.guidance.note


def test_every_step_cites_the_seed():
    for step in PLAN.steps:
        assert step.policy.startswith("Seed 000: "), step.id


def test_a_walked_threat_replays_to_the_same_state():
    run = start(TO_SECOND_OPINION)
    run.answer("share", role="safeguarding-lead", note="Risk to a named Jobcentre worker")
    follow(run, {"basis": "health-safety", "warn-who": "both"})
    run.complete_record("decision-record", by="cara")

    replayed = Run.replay(PLAN, json.loads(json.dumps(run.to_json())))
    assert replayed.state() == run.state()
    assert run.outstanding_records() == []
