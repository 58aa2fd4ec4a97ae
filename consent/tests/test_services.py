"""Granting, revoking and acting under an authority, through the services."""

from datetime import date, timedelta

import pytest
import time_machine
from django.utils import timezone

from audit.models import AuditEvent
from consent import services
from consent.models import AccessRecord, Authority, Duration, Entry, Evidence, Scope
from consent.tests.factories import make_authority
from core.errors import HavenError, InvalidInput, NotAllowed
from people.tests.factories import make_customer

MR = {"action": Scope.ENTRIES, "entry": Entry.LODGE_MR, "done": "Lodged an MR of the decision of 3 March"}


@pytest.fixture
def customer(cara):
    return make_customer(cara)


def test_a_caseworker_records_an_authority_and_the_grant_is_audited(cara, hana, customer):
    authority = make_authority(cara, customer, hana)

    assert authority.adviser == hana
    assert authority.adviser_organisation == hana.organisation
    assert authority.scope == ["entries", "view"]
    event = AuditEvent.objects.get(action="authority.granted")
    assert event.target_id == str(authority.pk)
    assert event.person_ref == f"customer:{customer.pk}"


def test_every_missing_answer_is_named_at_once_and_nothing_is_saved(cara, customer):
    with pytest.raises(InvalidInput) as caught:
        services.authority_grant(
            actor=cara, customer=customer, adviser=None, scope=[], purpose="", duration="", evidence=""
        )

    assert set(caught.value.errors) == {"adviser", "scope", "purpose", "duration", "evidence"}
    assert not Authority.objects.exists()
    assert not AuditEvent.objects.filter(action="authority.granted").exists()


def test_an_authority_until_a_date_needs_a_date_not_in_the_past(cara, hana, customer):
    with pytest.raises(InvalidInput) as caught:
        make_authority(cara, customer, hana, duration=Duration.UNTIL, ends_on=None)
    assert caught.value.errors == {"ends_on": "Enter the date the authority ends"}
    with pytest.raises(InvalidInput) as caught:
        make_authority(cara, customer, hana, duration=Duration.UNTIL, ends_on=date(2020, 1, 1))
    assert caught.value.errors == {"ends_on": "The end date must be today or in the future"}


def test_verbal_consent_needs_a_witness_and_the_time(cara, hana, customer):
    with pytest.raises(InvalidInput) as caught:
        make_authority(cara, customer, hana, evidence=Evidence.VERBAL)
    assert set(caught.value.errors) == {"witness_name", "consent_given_at"}

    given = timezone.now() - timedelta(minutes=5)
    authority = make_authority(
        cara, customer, hana, evidence=Evidence.VERBAL, witness_name="Tom", consent_given_at=given
    )
    assert authority.consent_given_at == given


def test_an_adviser_in_another_organisation_cannot_be_given_authority(cara, wren, customer):
    with pytest.raises(InvalidInput) as caught:
        make_authority(cara, customer, wren)
    assert "adviser" in caught.value.errors


@pytest.mark.parametrize("persona", ["aled", "priya", "ada", "wren"])
def test_roles_that_do_not_do_casework_cannot_record_an_authority(request, cara, hana, customer, persona):
    with pytest.raises(NotAllowed):
        make_authority(request.getfixturevalue(persona), customer, hana)
    assert not Authority.objects.exists()


def test_the_purpose_refuses_a_password_with_the_guards_message(cara, hana, customer):
    with pytest.raises(InvalidInput) as caught:
        make_authority(cara, customer, hana, purpose="Her UC password is Sunshine1, use it to log in")
    assert "Haven never stores them" in caught.value.errors["purpose"]
    assert not Authority.objects.exists()


def test_the_adviser_records_an_access_within_scope(cara, hana, customer):
    authority = make_authority(cara, customer, hana)

    record = services.access_record(actor=hana, authority=authority, no_password_confirmed=True, **MR)

    assert record.entry == "lodge-mr"
    assert record.customer == customer
    assert AuditEvent.objects.filter(action="authority.access_recorded", target_id=str(record.pk)).exists()


def test_an_access_outside_the_scope_is_refused_with_why_and_the_refusal_is_audited(cara, hana, customer):
    authority = make_authority(cara, customer, hana, scope=[Scope.VIEW], entries=[])

    with pytest.raises(HavenError) as caught:
        services.access_record(actor=hana, authority=authority, no_password_confirmed=True, **MR)

    assert caught.value.message.startswith("This authority does not allow you to make specified entries")
    assert "view account or journal" in caught.value.message
    assert not AccessRecord.objects.exists()
    assert AuditEvent.objects.filter(action="authority.access_refused").count() == 1


def test_an_entry_the_authority_does_not_name_is_refused(cara, hana, customer):
    authority = make_authority(cara, customer, hana, entries=[Entry.CHECK_MR])

    with pytest.raises(HavenError, match="does not allow you to lodge a mandatory reconsideration"):
        services.access_record(actor=hana, authority=authority, no_password_confirmed=True, **MR)


def test_revocation_is_effective_at_once(cara, tom, hana, customer):
    authority = make_authority(cara, customer, hana)
    services.authority_revoke(actor=tom, authority=authority, note="Client phoned the contact centre")

    with pytest.raises(HavenError, match="The client revoked this authority on"):
        services.access_record(actor=hana, authority=authority, no_password_confirmed=True, **MR)
    assert not AccessRecord.objects.exists()
    assert AuditEvent.objects.filter(action="authority.revoked").count() == 1


def test_an_authority_cannot_be_revoked_twice(cara, hana, customer):
    authority = make_authority(cara, customer, hana)
    services.authority_revoke(actor=cara, authority=authority)
    with pytest.raises(HavenError, match="already revoked"):
        services.authority_revoke(actor=cara, authority=authority)


def test_an_expired_authority_refuses_access_the_day_after_it_ends(cara, hana, customer):
    today = timezone.localdate()
    authority = make_authority(cara, customer, hana, duration=Duration.UNTIL, ends_on=today)
    services.access_record(actor=hana, authority=authority, no_password_confirmed=True, **MR)

    with time_machine.travel(timezone.now() + timedelta(days=1)), pytest.raises(HavenError, match="expired"):
        services.access_record(actor=hana, authority=authority, no_password_confirmed=True, **MR)


def test_a_single_use_authority_ends_with_its_first_use(cara, hana, customer):
    authority = make_authority(cara, customer, hana, duration=Duration.SINGLE)
    services.access_record(actor=hana, authority=authority, no_password_confirmed=True, **MR)

    with pytest.raises(HavenError, match="single-use authority and it was used"):
        services.access_record(actor=hana, authority=authority, no_password_confirmed=True, **MR)
    assert AccessRecord.objects.count() == 1


def test_only_the_named_adviser_can_act_under_an_authority(cara, hana, tom, customer):
    authority = make_authority(cara, customer, hana)
    for someone in (cara, tom):
        with pytest.raises(NotAllowed):
            services.access_record(actor=someone, authority=authority, no_password_confirmed=True, **MR)
    assert not AccessRecord.objects.exists()


def test_an_access_needs_the_no_password_confirmation_and_refuses_a_password_in_the_notes(cara, hana, customer):
    authority = make_authority(cara, customer, hana)

    with pytest.raises(InvalidInput) as caught:
        services.access_record(
            actor=hana, authority=authority, no_password_confirmed=False, action=Scope.VIEW, viewed="pw: Fluffy2019"
        )

    assert set(caught.value.errors) == {"no_password_confirmed", "viewed"}
    assert not AccessRecord.objects.exists()
