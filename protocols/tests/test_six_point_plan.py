"""The Six Point Plan (seed 003, Annex B), walked through the engine in the seed's own
scenarios: each channel, the written and third-party paths, and the records after."""

import json

import pytest

from protocols.engine import AnswerError, Registry, Run

PLAN = Registry().load("suicide-self-harm")
LOCATION = {"description": "At home", "postcode": "LS1 4AP"}
# Answers to point 3 (gather information) that every live channel asks.
GATHERED = {
    "gather-plans": "Has saved up tablets",
    "gather-action-taken": "no",
    "gather-means": "yes",
    "gather-previous": "dont-know",
    "gather-treatment": "yes",
    "gather-location": LOCATION,
    "gather-going": None,
    "gather-imminence": "soon",
    "gather-support": "A sister nearby",
}
AFTER = {"ucb-threatened": "not-threatened"}


def follow(run: Run, answers: dict) -> Run:
    """Confirms instructions and information and answers questions from `answers`
    (step id -> value) until the run ends or reaches a question with no answer given."""
    for _ in range(200):
        if run.finished:
            break
        if run.step.kind in ("instruction", "information"):
            run.confirm()
        elif run.current in answers:
            run.answer(answers[run.current])
        else:
            break
    return run


def start(**answers) -> Run:
    return follow(Run.start(PLAN), answers)


def route(run: Run) -> list[str]:
    return [step for step, _, _ in run.path] + [run.current]


def raised(run: Run, effect_type: str) -> list:
    return [r for r in run.effects if r.effect.type == effect_type]


def emergency_calls(run: Run) -> list[tuple]:
    return [(r.effect.service, r.filled) for r in raised(run, "record_emergency_call")]


# A third party tells us (paras 16-19) ---------------------------------------------------


@pytest.mark.parametrize(
    "doubt",
    [{"third-party-doubt": "can-manage"}, {"third-party-doubt": "doubt", "third-party-serious": "not-serious"}],
)
def test_a_third_party_is_told_we_take_no_further_action_and_the_discussion_is_recorded(doubt):
    run = start(**{"channel": "third-party", "third-party-who": "Her landlord", **doubt})

    assert run.current == "third-party-recorded"
    assert "tell-no-further-action" in route(run)
    assert PLAN.step_map["tell-no-further-action"].text == (
        "Tell the third party that DWP will not be taking any further action."
    )
    assert [r.id for r in run.outstanding_records()] == ["third-party-discussion"]
    assert raised(run, "record_emergency_call") == raised(run, "open_disclosure_decision") == []
    assert [r.effect.categories for r in raised(run, "signpost")] == [["suicide-and-self-harm", "mental-health"]]


def test_a_third_party_who_cannot_cope_with_a_serious_risk_leads_to_an_emergency_call_they_are_told_about():
    run = start(
        channel="third-party",
        **{"third-party-who": "Her son", "third-party-doubt": "doubt", "third-party-serious": "serious"},
        **{"report-location": LOCATION, "report-called-at": "14:30", "report-reference": "CAD 123"},
    )

    assert run.current == "third-party-recorded"
    assert "tell-third-party-calling" in route(run)
    assert "tell-no-further-action" not in route(run)
    assert emergency_calls(run) == [
        ("emergency-services", {"called_at": "14:30", "reference": "CAD 123", "location": LOCATION})
    ]
    [disclosure] = raised(run, "open_disclosure_decision")
    assert (disclosure.effect.recipient, disclosure.effect.emergency) == ("Emergency services", True)
    assert [r.id for r in run.outstanding_records()] == ["third-party-discussion"]


# Channels: face to face or telephone, home visit, home working --------------------------


def test_a_home_visit_with_a_weapon_present_leads_to_leaving_before_anything_else():
    run = start(channel="home-visit", **{"visit-safety": "unsafe"})

    assert route(run) == ["channel", "visit-take-seriously", "visit-safety", "visit-leave", "report-location"]
    assert "leave the property now" in PLAN.step_map["visit-leave"].text.lower()
    assert [r.effect.form for r in raised(run, "offer_referral")] == ["ucb-report"]

    follow(run, {"report-location": LOCATION, "report-called-at": "10:05", "report-reference": None, **AFTER})
    assert run.current == "review"
    assert not any(step.startswith("gather-") for step in route(run))
    assert emergency_calls(run) == [
        ("emergency-services", {"called_at": "10:05", "reference": None, "location": LOCATION})
    ]


def test_a_safe_home_visit_rearranges_later_visits_gathers_information_and_calls_without_asking_about_abroad():
    run = start(channel="home-visit", **{"visit-safety": "safe"}, **GATHERED, risk="serious")

    assert route(run)[:5] == [
        "channel",
        "visit-take-seriously",
        "visit-safety",
        "visit-rearrange",
        "visit-contact-colleague",
    ]
    assert run.current == "emergency-called-at"
    assert "visit-call-emergency" in route(run)
    assert "abroad" not in route(run)
    assert [r.effect.reason.startswith("Home visit") for r in raised(run, "summon_support_partner")] == [True]


def test_home_working_relays_everything_to_the_partner_who_calls_999_as_a_contact_centre():
    run = start(channel="home-working", **GATHERED, risk="serious", abroad="no")

    assert route(run)[-6:] == [
        "tell-customer",
        "abroad",
        "relay-to-partner",
        "partner-calls",
        "keep-on-line",
        "emergency-called-at",
    ]
    assert "they cannot hear the call" in PLAN.step_map["relay-to-partner"].text
    calls = PLAN.step_map["partner-calls"].text
    assert "calls 999" in calls
    assert "calling from a contact centre" in calls
    assert "area the customer lives in" in calls
    assert PLAN.step_map["keep-on-line"].text == "Keep the customer on the line until the emergency services arrive."
    assert "home-summon-partner" in route(run)
    assert "summon-partner" not in route(run)


@pytest.mark.parametrize(("attend", "crisis_team"), [("can-attend", False), ("cannot-attend", True)])
def test_home_working_turns_to_the_crisis_team_only_when_the_emergency_services_cannot_attend(attend, crisis_team):
    run = start(
        channel="home-working",
        **GATHERED,
        risk="serious",
        abroad="no",
        **{"emergency-called-at": "09:15", "emergency-reference": "REF 9", "services-can-attend": attend},
        **AFTER,
    )

    assert run.current == "review"
    assert ("crisis-team" in route(run)) is crisis_team
    services = [service for service, _ in emergency_calls(run)]
    assert services == ["emergency-services", "mental-health-crisis-team"][: 1 + crisis_team]
    assert emergency_calls(run)[0][1] == {"called_at": "09:15", "reference": "REF 9", "location": LOCATION}


def test_in_the_office_a_serious_risk_goes_to_the_emergency_services_without_consent_after_telling_the_customer():
    run = start(channel="office", **GATHERED, risk="serious", abroad="no")

    assert route(run)[-4:] == ["tell-customer", "abroad", "call-emergency", "emergency-called-at"]
    assert "duty of care" in PLAN.step_map["tell-customer"].text
    assert "consent" in PLAN.step_map["tell-customer"].guidance
    assert [r.effect.type for r in run.effects] == ["summon_support_partner"]


def test_a_customer_living_abroad_goes_through_the_foreign_office():
    run = start(
        channel="office",
        **GATHERED,
        risk="serious",
        abroad="yes",
        **{"foreign-office-called-at": "11:00", "foreign-office-reference": None},
        **AFTER,
    )

    assert run.current == "review"
    assert "call-foreign-office" in route(run)
    assert "call-emergency" not in route(run)
    assert emergency_calls(run) == [("foreign-office", {"called_at": "11:00", "reference": None, "location": LOCATION})]
    assert [r.effect.categories for r in raised(run, "signpost")] == [["emergency-services-abroad"]]
    assert [c.phone for c in PLAN.contacts if c.id == "foreign-office"] == ["020 7008 1500"]


def test_tablets_already_taken_asks_what_when_and_how_many():
    run = start(channel="office", **{**GATHERED, "gather-action-taken": "yes"})

    assert run.current == "gather-action-details"
    assert PLAN.step_map["gather-action-details"].text == "What have they taken or done, when, and how many?"
    with pytest.raises(AnswerError, match="Enter an answer"):
        run.answer("  ")


@pytest.mark.parametrize(
    ("on_behalf", "recipients"),
    [
        ("gp-or-cmht", ["The customer's GP or Community Mental Health Team"]),
        ("family-or-friend", ["A family member or friend the customer named"]),
        ("no-one", []),
    ],
)
def test_referral_advice_signposts_and_contacts_someone_only_with_permission(on_behalf, recipients):
    run = start(channel="office", **GATHERED, risk="at-risk", **{"contact-on-behalf": on_behalf}, **AFTER)

    assert run.current == "review"
    assert "referral-advice" in route(run)
    assert "tell-customer" not in route(run)
    assert [r.effect.categories for r in raised(run, "signpost")] == [["suicide-and-self-harm", "mental-health"]]
    assert [r.effect.recipient for r in raised(run, "open_disclosure_decision")] == recipients
    assert raised(run, "record_emergency_call") == []
    assert {"samaritans", "mind", "breathing-space"} <= set(PLAN.step_map["referral-advice"].contacts)


# Declarations in writing or on social media (paras 11-15) -------------------------------


def test_a_general_statement_in_the_uc_journal_to_support_a_claim_needs_no_further_action():
    run = start(channel="in-writing", **{"written-specific": "general"})

    assert (run.current, run.finished) == ("no-further-action", True)
    assert run.effects == []
    assert run.required_records() == []


@pytest.mark.parametrize("specific", ["specific-urgent", "specific", "unsure"])
def test_a_specific_intention_in_writing_goes_to_the_line_manager(specific):
    run = start(channel="in-writing", **{"written-specific": specific})

    assert route(run)[-2:] == ["written-line-manager", "written-action"]
    assert "Discuss the appropriate course of action with your line manager" in PLAN.step_map[route(run)[-2]].text


def test_a_call_about_a_written_declaration_is_made_by_an_office_colleague_or_a_three_way_call():
    run = start(channel="in-writing", **{"written-specific": "specific", "written-action": "call-customer"})

    assert run.current == "written-who-calls"
    assert {o.value for o in run.step.answer.options} == {"office-colleague", "three-way"}
    assert "three-way conference call with my support partner" in run.step.answer.options[1].label

    follow(run, {"written-who-calls": "three-way", "written-call": "declared"})
    assert route(run)[-4:] == ["written-call", "take-seriously", "summon-partner", "gather-plans"]
    assert [r.effect.type for r in run.effects] == ["summon_support_partner"]


def test_a_customer_not_reached_goes_back_to_the_line_manager_who_may_call_the_emergency_services():
    run = start(channel="in-writing", **{"written-specific": "specific-urgent", "written-action": "call-customer"})
    run.answer("office-colleague")
    run.answer("not-reached")
    assert run.current == "written-line-manager"

    run.confirm()
    follow(
        run,
        {
            "written-action": "emergency",
            "report-location": LOCATION,
            "report-called-at": "16:00",
            "report-reference": None,
            **AFTER,
        },
    )
    assert run.current == "review"
    assert [service for service, _ in emergency_calls(run)] == ["emergency-services"]
    assert {"declaration-record", "incident-review"} == {r.id for r in run.outstanding_records()}


def test_a_social_media_declaration_goes_to_the_regional_social_media_manager():
    run = start(channel="social-media")

    assert route(run) == ["channel", "social-media-refer", "social-media-referred"]
    assert PLAN.step_map["social-media-refer"].contacts == ["regional-social-media-manager"]


# Records, UCB and review (point 6, paras 25-35) -----------------------------------------


def test_every_declaration_handled_live_is_recorded_within_a_day_and_reviewed_within_two_working_days():
    run = start(channel="office", **GATHERED, risk="at-risk", **{"contact-on-behalf": "no-one"}, **AFTER)

    records = {r.id: r for r in run.outstanding_records()}
    assert list(records) == ["declaration-record", "incident-review"]
    assert records["declaration-record"].due_working_days == 1
    assert records["incident-review"].due_working_days == 2
    assert any("six years" in item for item in records["declaration-record"].items)
    assert any(
        "manager responsible for developing and reviewing local plans" in i for i in records["incident-review"].items
    )
    [task] = raised(run, "create_task")
    assert (task.effect.due_working_days, task.effect.assignee) == (2, "team-leader")

    run.complete_record("declaration-record", by="cara", at="2026-11-22T15:00Z")
    assert [r.id for r in run.outstanding_records()] == ["incident-review"]


@pytest.mark.parametrize(("threatened", "forms"), [("threatened", ["ucb-report"]), ("not-threatened", [])])
def test_a_ucb_report_is_offered_only_when_the_worker_felt_threatened(threatened, forms):
    answers = {**GATHERED, "risk": "at-risk", "contact-on-behalf": "no-one", "ucb-threatened": threatened}
    run = start(channel="office", **answers)

    assert [r.effect.form for r in raised(run, "offer_referral")] == forms


def test_the_conversation_guidance_never_lets_the_worker_promise_secrecy():
    for step_id in ("take-seriously", "visit-take-seriously", "gather-plans", "risk", "referral-advice"):
        guidance = PLAN.step_map[step_id].guidance
        assert any("sworn to secrecy" in line for line in guidance.dont), step_id
        assert "Stay calm" in guidance.do


def test_every_step_cites_the_seed_and_its_section():
    for step in PLAN.steps:
        assert step.policy.startswith("Seed 003, Annex B"), step.id


def test_a_walked_plan_replays_to_the_same_state():
    run = start(channel="home-working", **GATHERED, risk="serious", abroad="no")
    run.change("risk", "at-risk")
    follow(run, {"contact-on-behalf": "gp-or-cmht", **AFTER})

    replayed = Run.replay(PLAN, json.loads(json.dumps(run.to_json())))
    assert replayed.state() == run.state()
    superseded = ["risk", "tell-customer", "abroad", "relay-to-partner", "partner-calls", "keep-on-line"]
    assert [s["step"] for s in run.summary()["superseded"]] == superseded
    assert "referral-advice" in route(run)
    assert run.current == "review"
