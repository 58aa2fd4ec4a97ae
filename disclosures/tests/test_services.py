"""Recording, confirming, correcting and reviewing disclosure decisions through the services."""

import datetime as dt

import pytest
import time_machine

from audit.models import AuditEvent
from core.errors import HavenError, InvalidInput, NotAllowed
from disclosures import services
from disclosures.models import Status
from disclosures.tests.helpers import (
    consented_data,
    customer_at_risk,
    database_state,
    emergency_data,
    make_disclosure,
)
from work.models import TaskState

pytestmark = pytest.mark.django_db


@pytest.fixture
def customer(cara):
    return customer_at_risk(cara)


def test_an_emergency_decision_taken_alone_sets_the_team_leader_a_review_due_the_next_working_day(cara, tom, customer):
    # Friday 6 March 2026, 15:00 in London: the next working day in England is Monday 9 March.
    with time_machine.travel(dt.datetime(2026, 3, 6, 15, 0, tzinfo=dt.UTC), tick=False):
        disclosure = make_disclosure(cara, customer)
    assert disclosure.status == Status.CONFIRMED
    task = disclosure.review_task
    assert task.assignee == tom
    assert task.due_on == dt.date(2026, 3, 9)
    assert task.rule_code == "disclosures.retrospective-review"
    assert task.subject_id == str(disclosure.pk)
    event = AuditEvent.objects.get(action="disclosure.confirmed", target_id=str(disclosure.pk))
    assert event.changes["review_task"] == task.pk
    assert "PC Hale" not in str(event.changes)
    assert "not safe" not in str(event.changes)


def test_the_review_follows_the_customers_nation_for_bank_holidays(cara, customer):
    customer.nation = "scotland"
    customer.save()
    # Friday 1 January 2027 is a holiday everywhere; Monday 4 January only in Scotland.
    with time_machine.travel(dt.datetime(2026, 12, 31, 15, 0, tzinfo=dt.UTC), tick=False):
        disclosure = make_disclosure(cara, customer)
    assert disclosure.review_task.due_on == dt.date(2027, 1, 5)


def test_without_consent_and_no_emergency_a_second_opinion_is_required_and_nothing_is_saved(cara, customer):
    before = database_state()
    with pytest.raises(InvalidInput) as refused:
        services.disclosure_draft(actor=cara, customer=customer, data=emergency_data(emergency=False))
    assert "second opinion" in refused.value.errors["second_opinion_by"]
    assert database_state() == before


def test_a_second_opinion_from_the_deputy_manager_means_no_review_task(cara, dee, customer):
    disclosure = make_disclosure(cara, customer, emergency=False, second_opinion_by=dee)
    assert disclosure.second_opinion_by == dee
    assert disclosure.review_task is None


def test_a_caseworker_cannot_give_a_second_opinion_nor_can_the_decider_to_themselves(cara, hana, tom, customer):
    with pytest.raises(InvalidInput) as refused:
        services.disclosure_draft(actor=cara, customer=customer, data=emergency_data(second_opinion_by=hana))
    assert "team leader, deputy manager or safeguarding lead" in refused.value.errors["second_opinion_by"]
    with pytest.raises(InvalidInput) as refused:
        services.disclosure_draft(actor=tom, customer=customer, data=emergency_data(second_opinion_by=tom))
    assert "someone other than the decider" in refused.value.errors["second_opinion_by"]


def test_an_invalid_lawful_basis_is_refused_with_the_rule_named_beside_its_field(cara, customer):
    data = emergency_data(article_6="6-1-a")  # consent as the basis, with consent not sought
    with pytest.raises(InvalidInput) as refused:
        services.disclosure_draft(actor=cara, customer=customer, data=data)
    assert "Art. 6(1)(a)" in " ".join(refused.value.errors.values())


def test_sharing_a_marker_makes_it_special_category_data_needing_an_article_9_condition(cara, customer):
    data = consented_data(items=["name", "markers"])
    with pytest.raises(InvalidInput) as refused:
        services.disclosure_draft(actor=cara, customer=customer, data=data)
    assert "Art. 9(1)" in refused.value.errors["article_9"]


def test_only_items_haven_holds_about_the_customer_can_be_shared(cara, customer):
    with pytest.raises(InvalidInput) as refused:
        services.disclosure_draft(actor=cara, customer=customer, data=consented_data(items=["email"]))
    assert refused.value.errors["items"] == "Select only items Haven holds about this customer"


def test_not_telling_the_customer_needs_a_reason(cara, customer):
    with pytest.raises(InvalidInput) as refused:
        services.disclosure_draft(actor=cara, customer=customer, data=consented_data(person_told=False))
    assert refused.value.errors["not_told_reason"] == "Enter why the customer was not told"


def test_a_confirmed_decision_cannot_be_changed_and_a_correction_is_a_new_linked_entry(cara, customer):
    original = make_disclosure(cara, customer)
    with pytest.raises(HavenError, match="cannot be changed"):
        services.disclosure_update(actor=cara, disclosure=original, data=emergency_data(recipient_person="Someone"))
    correction = services.disclosure_correct(
        actor=cara,
        original=original,
        data=emergency_data(reference_number="NP-2026-0043"),
        correction_reason="The police reference was mistyped",
    )
    assert correction.corrects == original
    assert correction.status == Status.DRAFT
    services.disclosure_confirm(actor=cara, disclosure=correction)
    original.refresh_from_db()
    assert original.reference_number == "NP-2026-0042"
    assert AuditEvent.objects.filter(action="disclosure.corrected", target_id=str(correction.pk)).exists()
    with pytest.raises(HavenError, match="already been corrected"):
        services.disclosure_correct(actor=cara, original=original, data=emergency_data(), correction_reason="Again")


def test_only_the_decider_confirms_their_draft(cara, hana, customer):
    draft = make_disclosure(cara, customer, confirm=False)
    before = database_state()
    with pytest.raises(NotAllowed):
        services.disclosure_confirm(actor=hana, disclosure=draft)
    assert database_state() == before


def test_roles_without_casework_and_other_organisations_cannot_record_disclosures(priya, aled, ada, wren, customer):
    before = database_state()
    for person in (priya, aled, ada, wren):
        with pytest.raises(NotAllowed):
            services.disclosure_draft(actor=person, customer=customer, data=consented_data())
    assert database_state() == before


def test_the_team_leader_records_the_review_and_the_task_is_done(cara, tom, customer):
    disclosure = make_disclosure(cara, customer)
    review = services.disclosure_review(actor=tom, disclosure=disclosure, outcome="agreed", note="Right call.")
    disclosure.review_task.refresh_from_db()
    assert review.reviewed_by == tom
    assert disclosure.review_task.state == TaskState.DONE
    assert AuditEvent.objects.filter(action="disclosure.reviewed", target_id=str(disclosure.pk)).exists()
    with pytest.raises(NotAllowed):
        services.disclosure_review(actor=tom, disclosure=disclosure, outcome="agreed", note="Twice")


def test_the_decider_and_other_staff_cannot_record_the_review(cara, hana, sam, customer):
    disclosure = make_disclosure(cara, customer)
    before = database_state()
    for person in (cara, hana, sam):
        with pytest.raises(NotAllowed):
            services.disclosure_review(actor=person, disclosure=disclosure, outcome="agreed", note="Fine")
    assert database_state() == before
