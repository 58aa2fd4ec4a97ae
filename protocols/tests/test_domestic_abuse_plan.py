"""The Domestic Abuse (DA) Plan (seed 001) as written in protocols/definitions/domestic-abuse,
walked through the engine's run API with scenarios in the seed's own words."""

import json

import pytest

from protocols.engine import AnswerError, Registry, Run, validate_file
from protocols.engine.validate import DEFINITIONS_ROOT

VERSION = "2022-03-10"
FILE = DEFINITIONS_ROOT / "domestic-abuse" / f"{VERSION}.yaml"
GATHER = [
    "a-where",
    "a-someone-with",
    "a-why-danger",
    "a-children-with",
    "a-children-in-danger",
    "a-who-threatened",
    "a-what-threatened",
    "a-going-anywhere",
]


@pytest.fixture(scope="module")
def plan():
    return Registry().load("domestic-abuse")


def route(run: Run) -> list[str]:
    return [step for step, _, _ in run.path]


def raised(run: Run, effect_type: str) -> list:
    return [r for r in run.effects if r.effect.type == effect_type]


def walk_to_emergency_services(run: Run, safe_now: str = "not-safe-once-notified") -> None:
    """Section A, up to 'Call the Emergency Services' step 1."""
    run.answer(safe_now, by="cara", at="2026-11-22T14:30Z")
    run.confirm()  # take it seriously
    run.confirm()  # support partner summoned
    run.answer({"description": "A friend's flat in Leeds", "postcode": "ls1 4ap"})
    run.answer("no")
    run.answer("He said he would come round tonight")
    run.answer("yes")
    run.answer("yes")
    run.answer("My ex-partner")
    run.answer("To hurt me")
    run.answer("I don't know yet")
    run.answer("in-danger")


def walk_through_the_call(run: Run) -> None:
    """Section A's 'Call the emergency services' step 3, once the call is decided."""
    assert run.current == "es-call"
    run.confirm()
    run.answer("told-national-centre")
    run.answer({"description": "A friend's flat in Leeds", "postcode": "LS1 4AP"})
    run.answer("2026-11-22T14:41")
    run.answer("CAD 1234 22/11")


def walk_section_c(run: Run, nation: str = "england", send_list: str = "yes") -> None:
    run.answer(nation)
    run.confirm()  # neighbourhood policing
    run.confirm()  # GOV.UK
    run.confirm()  # organisations
    run.answer(send_list)


def walk_to_section_b_decision(run: Run, send_list: str = "yes") -> None:
    run.answer("safe-with-concerns")
    run.confirm()
    walk_section_c(run, send_list=send_list)
    for _ in range(3):  # sort code, changed names, notification timescales
        run.confirm()
    run.answer("yes")  # the action requested could put the customer in danger
    run.confirm()  # seek help after the call


def test_the_definition_has_no_problems_and_is_the_only_and_active_version(plan):
    assert validate_file(FILE) == []
    assert Registry().versions("domestic-abuse") == [VERSION]
    assert (plan.id, plan.version, plan.start) == ("domestic-abuse", VERSION, "safe-now")


def test_every_step_cites_its_section_of_seed_001(plan):
    assert all(step.policy.startswith("Seed 001, DA Plan: ") for step in plan.steps)
    assert plan.step_map["safe-now"].text == "Are you safe at the moment?"


def test_not_safe_once_the_other_parent_is_notified_leads_to_section_a_and_summons_a_support_partner(plan):
    run = Run.start(plan)

    run.answer("not-safe-once-notified")

    assert run.current == "a-take-seriously"
    run.confirm()
    assert run.current == "a-summon-partner"
    assert "Do not put the customer on hold" in run.step.text
    run.confirm()
    [summon] = raised(run, "summon_support_partner")
    assert summon.step == "a-summon-partner"
    assert "once the other parent is notified" in summon.effect.reason
    assert run.current == "a-where"


def test_not_safe_at_the_moment_also_leads_to_section_a(plan):
    run = Run.start(plan)

    run.answer("not-safe-now")

    assert run.current == "a-take-seriously"


def test_section_a_asks_every_question_to_gauge_the_risk_and_says_not_to_advise(plan):
    run = Run.start(plan)
    walk_to_emergency_services(run)

    assert route(run) == ["safe-now", "a-take-seriously", "a-summon-partner", *GATHER, "a-risk"]
    assert [plan.step_map[s].text for s in GATHER] == [
        "Where are you?",
        "Do you have someone with you?",
        "Why is it that you're in immediate danger?",
        "Are there children with you?",
        "Are your children in danger?",
        "Who is it that has threatened you, or that you are frightened of?",
        "What have they threatened?",
        "Do you intend to go anywhere?",
    ]
    for step in GATHER:
        assert plan.step_map[step].guidance.dont == ["Give advice", "Try to solve their problem for them"]
    assert run.answers["a-where"] == {"description": "A friend's flat in Leeds", "postcode": "LS1 4AP"}
    assert run.answers["a-going-anywhere"] == "I don't know yet"
    assert run.current == "es-ask-to-phone-999"


def test_section_a_deemed_safe_and_not_an_emergency_goes_to_section_b(plan):
    run = Run.start(plan)
    run.answer("not-safe-once-notified")
    run.confirm()
    run.confirm()
    for step in GATHER:
        run.answer("dont-know" if plan.step_map[step].answer.type == "yes_no" else None)

    run.answer("not-an-emergency")

    assert run.current == "b-follow-section-c"
    run.confirm()
    walk_section_c(run)
    assert run.current == "b-bank-sort-code"


def test_says_safe_but_i_am_worried_leads_to_section_b_then_section_c_signposting_then_bs_points(plan):
    run = Run.start(plan)

    run.answer("safe-with-concerns")

    assert run.current == "b-follow-section-c"
    run.confirm()
    walk_section_c(run, nation="wales")
    assert route(run)[2:] == ["c-nation", "c-police-uk", "c-gov-uk", "c-organisations", "c-send-list"]
    assert [r.effect.categories for r in raised(run, "signpost")] == [
        ["police-non-emergency"],
        ["domestic-abuse", "lgbt-domestic-abuse", "men-experiencing-abuse", "rape-and-sexual-violence"],
        ["domestic-abuse", "lgbt-domestic-abuse", "men-experiencing-abuse", "rape-and-sexual-violence"],
    ]
    assert [r.effect.offer_message for r in raised(run, "signpost")] == [False, False, True]

    texts = []
    for _ in range(3):
        texts.append(run.step.text)
        run.confirm()
    assert "non-geographical sort code" in texts[0]
    assert "changed your names" in texts[1]
    assert "not to disclose your new names to the other parent" in texts[1]
    assert "at or around the same time" in texts[2]
    assert run.step.text == "Could the action requested on this call put the customer in danger?"
    run.answer("no")
    assert run.current == "b-seek-help"
    run.confirm()
    assert (run.current, run.step.roles) == ("b-decision", ["team-leader", "deputy-manager"])


def test_section_b_team_leader_decides_not_to_call_then_the_acssl_referral_is_considered(plan):
    run = Run.start(plan)
    walk_to_section_b_decision(run, send_list="no")

    run.answer("do-not-call", role="team-leader", note="No immediate danger; customer has a plan")

    assert run.current == "acssl-consider"
    assert raised(run, "open_disclosure_decision") == []
    run.answer("refer")
    [referral] = raised(run, "offer_referral")
    assert referral.effect.form == "acssl"
    run.answer("taken-over")
    assert run.finished
    assert {r.id for r in run.required_records()} == {"contact-notes", "disclosure-decision", "acssl-outcome"}


def test_section_b_team_leader_decides_to_call_and_follows_section_as_call_the_emergency_services(plan):
    run = Run.start(plan)
    walk_to_section_b_decision(run)

    run.answer("call", role="deputy-manager", note="The requested change would reveal her new address")
    run.answer("not-told")
    walk_through_the_call(run)

    assert run.current == "rt-after-call"
    [disclosure] = raised(run, "open_disclosure_decision")
    assert (disclosure.step, disclosure.effect.emergency) == ("b-decision", False)


def test_safe_leads_to_section_c_signposting_by_nation_and_ends(plan):
    run = Run.start(plan)

    run.answer("safe")
    walk_section_c(run, nation="scotland", send_list="no")

    assert route(run) == ["safe-now", "c-nation", "c-police-scotland", "c-gov-uk", "c-organisations", "c-send-list"]
    assert plan.step_map["c-police-scotland"].contacts == ["police-scotland"]
    assert run.finished
    assert [r.effect.offer_message for r in raised(run, "signpost")] == [False, False]
    assert raised(run, "report_threat") == []
    assert raised(run, "summon_support_partner") == []


@pytest.mark.parametrize("nation", ["england", "wales", "northern-ireland"])
def test_customers_in_england_wales_and_northern_ireland_are_signposted_to_police_uk(plan, nation):
    run = Run.start(plan)
    run.answer("safe")
    run.answer(nation)

    assert run.current == "c-police-uk"
    assert "www.police.uk" in run.step.text


def test_the_national_helplines_in_the_seed_are_contacts_with_their_numbers(plan):
    contacts = {c.id: c for c in plan.contacts}
    shown = plan.step_map["c-organisations"].contacts

    assert {c: (contacts[c].phone, contacts[c].nation) for c in shown} == {
        "national-domestic-violence-helpline": ("0808 200 0247", "england"),
        "galop": ("0800 999 5428", None),
        "mens-advice-line": ("0808 801 0327", None),
        "rape-crisis": ("0808 802 9999", None),
        "scotland-domestic-abuse-helpline": ("0800 027 1234", "scotland"),
        "scottish-womens-aid": ("0131 226 6606", "scotland"),
        "live-fear-free": ("0808 80 10 800", "wales"),
        "womens-aid-ni": ("0800 917 1414", "northern-ireland"),
    }
    assert contacts["galop"].note == "For lesbian, gay, bisexual and transgender people."
    assert contacts["pam-assist"].phone == "0808 169 1111"


def test_the_emergency_services_are_approached_in_the_seeds_order_with_consent(plan):
    run = Run.start(plan)
    walk_to_emergency_services(run)

    assert run.current == "es-ask-to-phone-999"
    run.answer("unable-or-unwilling")
    assert run.step.text == "Do you want us to phone the police on your behalf?"
    run.answer("consents")
    walk_through_the_call(run)

    assert route(run)[-7:] == [
        "es-ask-to-phone-999",
        "es-ask-consent",
        "es-call",
        "es-national-centre",
        "es-location",
        "es-called-at",
        "es-police-reference",
    ]
    [disclosure] = raised(run, "open_disclosure_decision")
    assert (disclosure.step, disclosure.effect.recipient, disclosure.effect.emergency) == (
        "es-ask-consent",
        "police",
        False,
    )
    [call] = raised(run, "record_emergency_call")
    assert call.effect.service == "police"
    assert call.filled == {
        "called_at": "2026-11-22T14:41",
        "reference": "CAD 1234 22/11",
        "location": {"description": "A friend's flat in Leeds", "postcode": "LS1 4AP"},
    }
    assert run.answers["es-national-centre"] == "told-national-centre"


def test_a_customer_who_will_phone_999_themselves_still_leads_to_a_report_threat_without_a_call(plan):
    run = Run.start(plan)
    walk_to_emergency_services(run)

    run.answer("will-phone")
    run.answer("Customer at a friend's flat, ex-partner threatened to come round; she is phoning 999")

    [report] = raised(run, "report_threat")
    assert report.filled == {
        "overview": "Customer at a friend's flat, ex-partner threatened to come round; she is phoning 999"
    }
    assert raised(run, "record_emergency_call") == []
    assert raised(run, "open_disclosure_decision") == []


@pytest.mark.parametrize("consent", ["refuses", "no-response"])
def test_consent_refused_or_no_response_leads_to_the_team_leader_or_deputy_decision(plan, consent):
    run = Run.start(plan)
    walk_to_emergency_services(run)
    run.answer("unable-or-unwilling")
    run.answer(consent)
    run.answer("not-urgent")

    assert run.current == "es-decision"
    assert run.step.roles == ["team-leader", "deputy-manager"]
    before = run.state()
    with pytest.raises(AnswerError) as refused:
        run.answer("call", role="caseworker", note="Threat to life")
    assert refused.value.message == "Only a team leader or deputy manager can make this decision"
    with pytest.raises(AnswerError) as no_reason:
        run.answer("call", role="team-leader", note=" ")
    assert no_reason.value.message == "Enter the reason for the decision"
    assert run.state() == before

    run.answer("call", role="team-leader", note="Threat to life: he is on his way with a knife")

    assert run.current == "es-tell-customer"
    [disclosure] = raised(run, "open_disclosure_decision")
    assert (disclosure.step, disclosure.effect.emergency) == ("es-decision", False)
    assert "without the customer's consent" in disclosure.effect.purpose
    assert {"disclosure-decision"} <= {r.id for r in run.outstanding_records()}
    event = run.events[run.path[-1][2]]
    assert (event["role"], event["note"]) == ("team-leader", "Threat to life: he is on his way with a knife")


def test_no_response_to_the_first_ask_skips_to_the_urgency_check(plan):
    run = Run.start(plan)
    walk_to_emergency_services(run)

    run.answer("no-response")

    assert run.current == "es-urgent"


def test_team_leader_decides_not_to_call_and_the_report_threat_goes_without_a_call(plan):
    run = Run.start(plan)
    walk_to_emergency_services(run)
    run.answer("unable-or-unwilling")
    run.answer("refuses")
    run.answer("not-urgent")

    run.answer("do-not-call", role="deputy-manager", note="She has left and is with her sister")

    assert run.current == "rt-no-call"
    assert raised(run, "open_disclosure_decision") == []


def test_urgent_lets_the_worker_call_alone_and_flags_the_disclosure_for_review(plan):
    run = Run.start(plan)
    walk_to_emergency_services(run)
    run.answer("unable-or-unwilling")
    run.answer("refuses")

    run.answer("urgent")

    assert run.current == "es-tell-customer"
    assert "es-decision" not in route(run)
    [disclosure] = raised(run, "open_disclosure_decision")
    assert (disclosure.step, disclosure.effect.emergency) == ("es-urgent", True)
    assert disclosure.effect.items == [
        "The customer's name",
        "The customer's location",
        "Whether children are with them or in danger",
        "Relevant details of the threat",
    ]
    run.answer("not-told")
    assert run.current == "es-call"


def test_the_report_threat_effect_carries_its_required_fields_and_adds_the_marker(plan):
    run = Run.start(plan)
    walk_to_emergency_services(run)
    run.answer("unable-or-unwilling")
    run.answer("consents")
    walk_through_the_call(run)

    run.answer("Threatened by ex-partner; police called at her request")

    [report] = raised(run, "report_threat")
    assert (report.step, report.effect.marker, report.effect.assignee) == (
        "rt-after-call",
        "DOMESTIC ABUSE RISK",
        "team-leader",
    )
    assert report.filled == {
        "called_at": "2026-11-22T14:41",
        "reference": "CAD 1234 22/11",
        "overview": "Threatened by ex-partner; police called at her request",
    }
    [marker] = raised(run, "add_marker")
    assert marker.effect.marker == "DOMESTIC ABUSE RISK"
    assert plan.record_map["report-threat"].items[1] == "The date and time you called the emergency services"


def test_after_the_report_threat_the_worker_records_reviews_and_is_supported(plan):
    run = Run.start(plan)
    walk_to_emergency_services(run)
    run.answer("will-phone")
    run.answer("She is phoning 999 now")

    assert run.current == "rt-contact-notes"
    run.confirm()
    assert run.current == "rt-team-leader-actions"
    run.confirm()
    run.confirm()  # review with the team leader
    run.answer("dont-know")  # Mental Health First Aider
    run.answer("home-based")
    run.confirm()  # PAM Assist
    run.answer("no-referral")

    assert run.finished
    tasks = {
        (r.effect.title.split(":")[0], r.effect.due_working_days, r.effect.assignee) for r in raised(run, "create_task")
    }
    assert tasks == {
        ("Review the domestic abuse incident with the caseworker and record the review discussion", 2, "team-leader"),
        ("Video call the home-based caseworker", 0, "team-leader"),
    }
    assert [r.id for r in run.outstanding_records()] == [
        "contact-notes",
        "report-threat",
        "team-leader-actions",
        "incident-review",
    ]
    assert plan.record_map["team-leader-actions"].items[1].startswith("Update the owner to include your staff number")
    assert plan.record_map["incident-review"].due_working_days == 2
    assert "six years" in run.step.guidance.note


def test_an_office_based_worker_gets_no_video_call_task(plan):
    run = Run.start(plan)
    walk_to_emergency_services(run)
    run.answer("will-phone")
    run.answer("She is phoning 999 now")
    for _ in range(3):
        run.confirm()
    run.answer("no")

    run.answer("office-based")

    assert [r.effect.due_working_days for r in raised(run, "create_task")] == [2]


def test_replay_reproduces_the_state_including_a_changed_answer(plan):
    run = Run.start(plan)
    walk_to_emergency_services(run)
    run.answer("unable-or-unwilling")
    run.answer("refuses")
    run.answer("not-urgent")
    run.answer("call", role="deputy-manager", note="Risk of injury to the children", by="dee")
    run.answer("told")
    walk_through_the_call(run)
    run.answer("Overview")
    run.complete_record("report-threat", by="cara", at="2026-11-22T15:00Z")
    run.change("a-children-in-danger", "no", by="cara")

    stored = json.loads(json.dumps(run.to_json()))
    replayed = Run.replay(plan, stored)

    assert stored["protocol"] == "domestic-abuse"
    assert stored["version"] == VERSION
    assert replayed.state() == run.state()
    assert replayed.summary() == run.summary()
    assert run.current == "a-who-threatened"
    assert [r.effect.type for r in run.effects] == [
        "summon_support_partner",
        "open_disclosure_decision",
        "record_emergency_call",
        "report_threat",
        "add_marker",
    ]
