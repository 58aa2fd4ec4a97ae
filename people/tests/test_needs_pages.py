"""The safe-contact and privacy needs pages: who may change them, what a mistake or a
clash with a colleague's save looks like, and what is stored."""

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from people import services
from people.models import PrivacyNeeds, SafeContact
from people.services_access import customer_restrict
from people.tests.needs_helpers import (
    assert_banner_shows_needs,
    checked_value,
    customer_with_needs,
    field_value,
    needs_state,
    raw_column,
)

SAFE_ANSWERS = {
    "version": "2",
    "safe_to_call": "yes",
    "safe_to_text": "no",
    "safe_to_email": "no",
    "safe_to_write": "yes",
    "no_voicemail": "on",
    "times_to_avoid": "Weekday evenings",
    "do_not_disclose_new_name": "on",
    "note": "Ex-partner reads her post on Saturdays",
}


@pytest.fixture
def customer(cara):
    return customer_with_needs(cara)


def url(name, customer):
    return reverse(f"people:{name}", kwargs={"pk": customer.pk})


def test_a_caseworker_sees_the_safe_contact_answers_already_given_under_the_banner(sign_in, cara, customer):
    response = sign_in(cara).get(url("safe_contact", customer))

    assert response.status_code == 200
    assert_banner_shows_needs(response)
    assert checked_value(response, "safe_to_text") == "yes"
    assert checked_value(response, "safe_to_call") == "no"
    assert checked_value(response, "no_voicemail") == "on"
    assert checked_value(response, "do_not_disclose_address") == ""
    assert field_value(response, "version") == "2"


def test_a_caseworker_saves_safe_contact_needs_with_an_audit_event(sign_in, cara, customer):
    response = sign_in(cara).post(url("safe_contact", customer), SAFE_ANSWERS)

    assert response.status_code == 302
    assert response["Location"] == reverse("people:record", kwargs={"pk": customer.pk})
    safe = SafeContact.objects.get(customer=customer)
    assert (safe.safe_to_call, safe.safe_to_text, safe.safe_to_email, safe.safe_to_write) == (True, False, False, True)
    assert (safe.no_voicemail, safe.do_not_disclose_address, safe.do_not_disclose_new_name) == (True, False, True)
    assert (safe.times_to_avoid, safe.note, safe.version) == ("Weekday evenings", SAFE_ANSWERS["note"], 3)
    event = AuditEvent.objects.filter(action="customer.safe_contact_updated").latest("seq")
    assert (event.actor, event.person_ref) == (cara, f"customer:{customer.pk}")
    # The free text itself stays out of the trail; it only says it changed.
    assert event.changes["note"] == "changed"


def test_the_safe_contact_note_is_encrypted_in_the_database(sign_in, cara, customer):
    sign_in(cara).post(url("safe_contact", customer), SAFE_ANSWERS)

    safe = SafeContact.objects.get(customer=customer)
    assert safe.note == SAFE_ANSWERS["note"]
    stored_note = raw_column("people_safecontact", "note", safe.pk)
    stored_times = raw_column("people_safecontact", "times_to_avoid", safe.pk)
    assert "Saturdays" not in stored_note
    assert "evenings" not in stored_times
    assert len(stored_note) > len(SAFE_ANSWERS["note"])


def test_an_unanswered_question_is_shown_beside_it_and_nothing_typed_is_lost(sign_in, cara, customer):
    client = sign_in(cara)
    before = needs_state()
    answers = {**SAFE_ANSWERS, "safe_to_call": "", "safe_to_email": ""}

    response = client.post(url("safe_contact", customer), answers)

    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    assert '<a href="#id_safe_to_call_0">Select yes if it is safe to phone them</a>' in html
    assert '<a href="#id_safe_to_email_0">Select yes if it is safe to email them</a>' in html
    assert field_value(response, "note") == SAFE_ANSWERS["note"]
    assert field_value(response, "times_to_avoid") == "Weekday evenings"
    assert checked_value(response, "safe_to_write") == "yes"
    assert needs_state() == before


def test_a_second_save_sees_what_a_colleague_changed_and_keeps_what_the_worker_typed(sign_in, cara, tom, customer):
    # Tom saves while Cara's form (opened at version 2) is still on her screen.
    services.safe_contact_update(actor=tom, customer=customer, version=2, safe_to_email=True, note="Tom's note")
    client = sign_in(cara)
    before = needs_state()

    response = client.post(url("safe_contact", customer), SAFE_ANSWERS)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Someone changed this: here is their version" in html
    assert "Tom&#x27;s note" in html
    assert field_value(response, "note") == SAFE_ANSWERS["note"]
    assert checked_value(response, "safe_to_call") == "yes"
    assert field_value(response, "version") == "3"
    assert needs_state() == before
    assert SafeContact.objects.get(customer=customer).note == "Tom's note"

    # Having seen Tom's version, Cara saves hers on purpose.
    saved = client.post(url("safe_contact", customer), {**SAFE_ANSWERS, "version": "3"})

    assert saved.status_code == 302
    assert SafeContact.objects.get(customer=customer).note == SAFE_ANSWERS["note"]


@pytest.mark.parametrize("page_name", ["safe_contact", "privacy"])
def test_an_administrator_cannot_see_or_change_a_customers_needs(sign_in, ada, customer, page_name):
    client = sign_in(ada)
    before = needs_state()

    assert client.get(url(page_name, customer)).status_code == 403
    assert client.post(url(page_name, customer), SAFE_ANSWERS).status_code == 403

    assert needs_state() == before


@pytest.mark.parametrize("page_name", ["safe_contact", "privacy"])
def test_an_auditor_cannot_change_a_customers_needs(sign_in, aled, customer, page_name):
    client = sign_in(aled)
    before = needs_state()

    assert client.post(url(page_name, customer), {**SAFE_ANSWERS, "needs_private_room": "on"}).status_code == 403

    assert needs_state() == before


@pytest.mark.parametrize("page_name", ["safe_contact", "privacy"])
def test_another_organisations_customer_is_not_found(sign_in, wren, customer, page_name):
    client = sign_in(wren)
    before = needs_state()

    assert client.get(url(page_name, customer)).status_code == 404
    assert client.post(url(page_name, customer), SAFE_ANSWERS).status_code == 404

    assert needs_state() == before


def test_a_restricted_record_sends_a_worker_not_named_on_it_to_break_glass(sign_in, cara, tom, customer):
    customer_restrict(actor=tom, customer=customer, restricted=True)
    client = sign_in(cara)
    before = needs_state()

    response = client.post(url("safe_contact", customer), SAFE_ANSWERS)

    assert response.status_code == 302
    assert response["Location"] == url("break_glass", customer)
    assert needs_state() == before


# --- Privacy needs ------------------------------------------------------------------------


def test_a_caseworker_saves_privacy_needs_under_the_banner(sign_in, cara, customer):
    page = sign_in(cara).get(url("privacy", customer))
    assert page.status_code == 200
    assert_banner_shows_needs(page)

    response = sign_in(cara).post(
        url("privacy", customer),
        {"version": "1", "needs_private_room": "on", "other_adjustments": "Interpreter: Tigrinya, female"},
    )

    assert response.status_code == 302
    privacy = PrivacyNeeds.objects.get(customer=customer)
    assert (privacy.needs_private_room, privacy.phone_only_when_private, privacy.version) == (True, False, 2)
    assert "Tigrinya" not in raw_column("people_privacyneeds", "other_adjustments", privacy.pk)
    event = AuditEvent.objects.get(action="customer.privacy_needs_updated")
    assert event.changes == {"needs_private_room": [False, True], "other_adjustments": "changed"}


def test_a_stale_privacy_save_shows_the_colleagues_version(sign_in, cara, tom, customer):
    services.privacy_needs_update(actor=tom, customer=customer, version=1, phone_only_when_private=True)
    client = sign_in(cara)
    before = needs_state()

    response = client.post(
        url("privacy", customer), {"version": "1", "needs_private_room": "on", "other_adjustments": "Quiet room"}
    )

    assert response.status_code == 200
    assert "Someone changed this: here is their version" in response.content.decode()
    assert field_value(response, "other_adjustments") == "Quiet room"
    assert checked_value(response, "needs_private_room") == "on"
    assert needs_state() == before
