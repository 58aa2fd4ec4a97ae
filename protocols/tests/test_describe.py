"""A definition in plain words for the review pages (protocols/describe.py)."""

import subprocess
import sys
from pathlib import Path

import pytest

from protocols.describe import REFERRAL_WORDS, SERVICE_WORDS, condition_words, effect_words, field_lines, flow, routes
from protocols.engine.effects import OfferReferral, RecordEmergencyCall
from protocols.engine.registry import Registry
from protocols.tests.helpers import every_definition, fixture_registry

ROOT = Path(__file__).resolve().parents[2]


def da_plan():
    return Registry().load("domestic-abuse", "2022-03-10")


def test_describing_needs_no_django():
    script = (
        "import sys, protocols.describe; print(sorted({m.split('.')[0] for m in sys.modules} & {'django', 'config'}))"
    )

    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True)

    assert done.stdout.strip() == "[]"


def test_each_answer_of_the_opening_question_leads_to_its_section():
    definition = da_plan()

    found = [(r.label, r.target, r.number) for r in routes(definition, definition.step_map["safe-now"])]

    assert found == [
        ("If the answer is ‘Not safe at the moment’", "a-take-seriously", 2),
        (
            "If the answer is ‘Will not be safe once the other parent is notified of the application or change’",
            "a-take-seriously",
            2,
        ),
        (
            "If the answer is ‘Says they are safe, but I still have concerns about their immediate or future safety’",
            "b-follow-section-c",
            33,
        ),
        ("If the answer is ‘Safe’", "c-nation", 34),
    ]


def test_a_transition_on_an_earlier_answer_is_said_in_order_with_otherwise_last():
    definition = da_plan()
    step = definition.step_map["c-send-list"]  # Section C: what follows depends on the opening answer

    labels = [r.label for r in routes(definition, step)]

    assert labels == ["If the answer to ‘Are you safe at the moment?’ is ‘Safe’", "Otherwise"]


def test_combined_conditions_are_said_with_and_or_and_brackets():
    definition = fixture_registry().load("sample-threat")

    step = definition.step_map["hours-until"]

    assert condition_words(definition, step.next[0].when, step.id) == (
        "the answer is below 2 or the answer to ‘Do they have a weapon, or the means to carry it out?’ is ‘Yes’"
    )


def test_the_section_a_support_partner_and_the_review_task_are_said_in_plain_words():
    definition = da_plan()
    by_id = {s.id: s for s in flow(definition)}

    assert [e.words for e in by_id["a-summon-partner"].effects] == [
        "Summons a support partner, who is told: The customer is not safe, or will not be safe once the other "
        "parent is notified (DA Plan, Section A)"
    ]
    review = [e.words for s in flow(definition) for e in s.effects if "2 working days" in e.words]
    assert review == [
        "Creates a task due in 2 working days for the team leader: ‘Review the domestic abuse incident with the "
        "caseworker and record the review discussion’"
    ]


def test_an_emergency_call_names_the_questions_that_fill_it():
    definition = da_plan()
    effect = RecordEmergencyCall(type="record_emergency_call", service="police", reference_step="es-police-reference")

    assert effect_words(definition, effect) == (
        "Records a call to the police; with the reference from ‘What reference number did the police give?’"
    )


def test_every_service_and_referral_form_has_words():
    assert set(SERVICE_WORDS) == set(RecordEmergencyCall.model_fields["service"].annotation.__args__)
    assert set(REFERRAL_WORDS) == set(OfferReferral.model_fields["form"].annotation.__args__)


@pytest.mark.parametrize("definition", every_definition(), ids=lambda d: d.ref)
def test_every_step_of_every_definition_can_be_described(definition):
    steps = flow(definition)

    assert [s.number for s in steps] == list(range(1, len(definition.steps) + 1))
    for view, step in zip(steps, definition.steps, strict=True):
        assert view.routes or step.kind == "end"
        assert all(route.target in definition.step_map for route in view.routes)
        assert all(effect.words for effect in view.effects)
        for field in ("kind", "text", "guidance", "policy", "answer", "records", "contacts", "effects", "next"):
            assert isinstance(field_lines(definition, step, field), list)


def test_the_answers_are_listed_when_the_way_forward_does_not_depend_on_them():
    by_id = {s.id: s for s in flow(da_plan())}

    assert [o.label for o in by_id["es-tell-customer"].options] == [
        "Yes, I have told them",
        "No: it would be unsafe or inappropriate to tell them",
    ]
    assert by_id["safe-now"].options == []  # each answer is named by the route it takes instead


def test_an_effect_that_depends_on_the_steps_own_decision_says_so_plainly():
    by_id = {s.id: s for s in flow(da_plan())}

    assert [e.only_if for e in by_id["es-decision"].effects] == ["the decision is ‘Call the emergency services’"]
    assert [e.only_if for e in by_id["a-summon-partner"].effects] == [None]
