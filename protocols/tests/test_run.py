"""A run walks a worker through one pinned version, keeps every answer, and replays exactly."""

import json

import pytest

from protocols.engine import AnswerError, Run, RunError
from protocols.tests.helpers import fixture_registry

REGISTRY = fixture_registry()


@pytest.fixture
def safety():
    return REGISTRY.load("sample-safety", "1")


def walk_to_decision(run: Run) -> None:
    run.answer("not-safe")
    run.confirm()
    run.answer({"description": "At a friend's flat", "postcode": "sw1a 2ah"})
    run.answer(2)
    run.answer("no")


def test_a_run_starts_at_the_first_step_pinned_to_its_version(safety):
    run = Run.start(safety)

    assert (run.current, run.step.text, run.finished) == ("safe-now", "Are you safe at the moment?", False)
    assert run.to_json() == {"protocol": "sample-safety", "version": "1", "events": []}


def test_answers_follow_the_transitions_their_conditions_choose(safety):
    run = Run.start(safety)
    walk_to_decision(run)

    assert [step for step, _, _ in run.path] == ["safe-now", "summon-partner", "where", "children", "call-999"]
    assert run.current == "call-decision"
    assert run.answers["where"] == {"description": "At a friend's flat", "postcode": "SW1A 2AH"}


@pytest.mark.parametrize(
    ("steps", "value", "message"),
    [
        ([], "maybe", "Select an answer"),
        ([], None, "Select an answer"),
        (["not-safe", "done"], "", "Enter where the customer is"),
        (["not-safe", "done"], {"street": "x"}, "Enter where the customer is"),
        (["not-safe", "done", "home"], "two", "Enter a number"),
        (["not-safe", "done", "home"], True, "Enter a number"),
        (["not-safe", "done", "home"], 1.5, "Enter a whole number"),
        (["not-safe", "done", "home"], -1, "Enter a number 0 or more"),
        (["not-safe", "done", "home"], 21, "Enter a number 20 or less"),
        (["not-safe", "done", "home", 0], "perhaps", "Select an answer"),
        (["not-safe"], "given", "Confirm this step with 'done'"),
    ],
)
def test_a_bad_answer_raises_a_clear_error_and_changes_nothing(safety, steps, value, message):
    run = Run.start(safety)
    for answer in steps:
        run.answer(answer)
    before = run.state()

    with pytest.raises(AnswerError) as raised:
        run.answer(value)

    assert raised.value.message == message
    assert raised.value.step == run.current
    assert run.state() == before


def test_a_time_must_be_a_time(safety):
    run = Run.start(safety)
    walk_to_decision(run)
    run.answer("call", role="deputy-manager", note="Threat to life")

    with pytest.raises(AnswerError, match="Enter the time, like 14:30"):
        run.answer("half two")
    run.answer("2026-11-22T14:30:59")

    assert run.answers["called-at"] == "2026-11-22T14:30"


def test_a_decision_is_reserved_to_its_roles_and_needs_a_reason(safety):
    run = Run.start(safety)
    walk_to_decision(run)

    with pytest.raises(AnswerError, match="^Only a team leader or deputy manager can make this decision$"):
        run.answer("call", role="caseworker", note="Threat to life")
    with pytest.raises(AnswerError, match="^Enter the reason for the decision$"):
        run.answer("call", role="team-leader", note="  ")
    run.answer("call", role="team-leader", note="Threat to life", by="tom")

    assert run.current == "called-at"
    assert run.events[-1] == {
        "type": "answer",
        "step": "call-decision",
        "value": "call",
        "role": "team-leader",
        "note": "Threat to life",
        "by": "tom",
        "at": None,
    }


def test_answering_a_step_that_is_not_current_is_refused(safety):
    run = Run.start(safety)
    run.answer("safe", step="safe-now")

    with pytest.raises(RunError, match="'safe-now' is not the current step"):
        run.answer("safe", step="safe-now")


def test_nothing_can_be_answered_after_the_end(safety):
    run = Run.start(safety)
    run.answer("safe")
    run.confirm()

    assert run.finished
    with pytest.raises(AnswerError, match="The protocol has ended"):
        run.answer("anything")


def test_changing_an_answer_is_a_new_entry_and_the_route_is_walked_again(safety):
    run = Run.start(safety)
    walk_to_decision(run)

    run.change("safe-now", "safe")

    assert [step for step, _, _ in run.path] == ["safe-now"]
    assert run.current == "signpost"
    assert [e["type"] for e in run.events] == ["answer"] * 5 + ["change"]
    assert run.events[0]["value"] == "not-safe"
    superseded = run.summary()["superseded"]
    assert [(s["step"], s["answer"]) for s in superseded] == [
        ("safe-now", "not-safe"),
        ("summon-partner", "done"),
        ("where", {"description": "At a friend's flat", "postcode": "SW1A 2AH"}),
        ("children", 2),
        ("call-999", "no"),
    ]


def test_only_answered_steps_can_be_changed(safety):
    run = Run.start(safety)
    run.answer("safe")

    assert run.changeable_steps() == ["safe-now"]
    with pytest.raises(RunError, match="'review' has not been answered"):
        run.change("review", "done")


def test_effects_are_raised_once_per_run_with_the_step_that_raised_them(safety):
    run = Run.start(safety)
    walk_to_decision(run)
    run.change("summon-partner", "done")  # walking it again must not summon a second partner

    raised = [(r.effect.type, r.step, r.event) for r in run.effects]
    assert raised == [("summon_support_partner", "summon-partner", 1), ("add_marker", "summon-partner", 1)]


def test_effects_carry_the_answers_they_name(safety):
    run = Run.start(safety)
    walk_to_decision(run)
    run.answer("call", role="team-leader", note="Threat to life")
    run.answer("14:30")

    by_type = {r.effect.type: r for r in run.effects}
    assert by_type["record_emergency_call"].filled == {
        "called_at": "14:30",
        "location": {"description": "At a friend's flat", "postcode": "SW1A 2AH"},
    }
    assert by_type["report_threat"].as_dict()["effect"]["marker"] == "DOMESTIC ABUSE RISK"
    assert by_type["create_task"].as_dict() == {
        "effect": {
            "type": "create_task",
            "title": "Review the incident with your team leader",
            "due_working_days": 2,
            "assignee": "team-leader",
        },
        "step": "review",
        "event": 6,
        "filled": {},
    }


def test_an_effect_whose_condition_does_not_hold_is_not_raised(safety):
    run = Run.start(safety)
    run.answer("safe")
    run.confirm()

    assert [r.effect.type for r in run.effects] == ["signpost"]


def test_a_loop_can_be_walked_round_and_left(safety):
    run = Run.start(safety)
    for answer in ["not-safe", "done", "home", 0, "yes", "still-trying", "still-trying", "through"]:
        run.answer(answer)

    assert [s for s, _, _ in run.path].count("wait-for-call") == 3
    assert run.finished


def test_required_records_are_listed_until_completed(safety):
    run = Run.start(safety)
    walk_to_decision(run)
    run.answer("call", role="team-leader", note="Threat to life")
    run.answer("14:30")

    assert [r.id for r in run.outstanding_records()] == ["contact-notes", "report-threat"]
    run.complete_record("report-threat", by="cara")
    assert [r.id for r in run.outstanding_records()] == ["contact-notes"]
    assert run.summary()["records"] == {
        "required": ["contact-notes", "report-threat"],
        "completed": ["report-threat"],
        "outstanding": ["contact-notes"],
    }
    with pytest.raises(RunError, match="There is no record 'diary'"):
        run.complete_record("diary")


def test_replaying_the_stored_json_reproduces_the_state_exactly(safety):
    run = Run.start(safety)
    walk_to_decision(run)
    run.change("children", "3")
    run.answer("no")
    run.answer("do-not-call", role="deputy-manager", note="Customer is with a friend now")
    run.complete_record("contact-notes", at="2026-11-22T15:00Z")

    stored = json.loads(json.dumps(run.to_json()))
    replayed = Run.replay(safety, stored)

    assert replayed.state() == run.state()
    assert replayed.summary() == run.summary()


def test_a_run_cannot_be_replayed_on_another_version(safety):
    stored = {"protocol": "sample-safety", "version": "0", "events": []}

    with pytest.raises(RunError, match="This run followed sample-safety version 0, not sample-safety@1"):
        Run.replay(safety, stored)


def test_the_summary_gives_each_answer_as_a_person_reads_it(safety):
    run = Run.start(safety)
    run.answer("safe-with-concerns")

    answers = run.summary()["answers"]
    assert answers == [
        {
            "step": "safe-now",
            "text": "Are you safe at the moment?",
            "answer": "safe-with-concerns",
            "label": "Safe, but I still have concerns",
            "event": 0,
        }
    ]


def test_an_optional_question_may_be_left_unanswered():
    run = Run.start(REGISTRY.load("sample-threat", "1"))
    run.answer("specific")
    run.answer("yes")
    run.answer(5)
    run.confirm()
    run.answer(None)

    assert run.finished
    assert run.summary()["answers"][-1]["label"] == "Not given"
    assert [r.effect.type for r in run.effects] == ["open_disclosure_decision", "record_emergency_call", "create_task"]
    assert run.effects[1].filled == {"reference": None}


def test_a_step_left_behind_by_a_changed_answer_can_no_longer_be_changed(safety):
    run = Run.start(safety)
    walk_to_decision(run)
    run.change("safe-now", "safe")

    assert run.changeable_steps() == ["safe-now"]
    assert run.answers == {"safe-now": "safe"}
    with pytest.raises(RunError, match="'where' has not been answered"):
        run.change("where", "Somewhere else")
