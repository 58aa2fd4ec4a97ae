"""The customer's contact notes: the card on the record, the page (an audited read) and
adding a note; the wrong role changes nothing."""

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from people.models import ContactNote
from people.services_contact_notes import contact_note_add
from people.tests.factories import make_customer

pytestmark = pytest.mark.django_db


@pytest.fixture
def customer(cara):
    return make_customer(cara)


def test_the_record_shows_the_latest_notes_with_a_link_to_all(sign_in, cara, customer):
    contact_note_add(actor=cara, customer=customer, text="Called back at 16:00; she is staying with her sister.")
    page = sign_in(cara).get(reverse("people:record", args=[customer.pk])).content.decode()
    assert 'id="contact-notes"' in page
    assert "staying with her sister" in page
    assert reverse("people:contact_notes", args=[customer.pk]) in page


def test_a_caseworker_adds_a_note_and_reading_them_is_audited(sign_in, cara, customer):
    client = sign_in(cara)
    url = reverse("people:contact_notes", args=[customer.pk])
    response = client.post(url, {"text": "Phoned to check she is safe: she is."})
    assert response.status_code == 302
    note = ContactNote.objects.get(customer=customer)
    assert note.author == cara
    page = client.get(url).content.decode()
    assert "check she is safe" in page
    assert 'id="customer-banner"' in page
    assert AuditEvent.objects.filter(action="customer.viewed", target_id=str(customer.pk)).exists()


def test_an_empty_note_is_refused_beside_the_box(sign_in, cara, customer):
    page = sign_in(cara).post(reverse("people:contact_notes", args=[customer.pk]), {"text": "  "})
    assert "Write the contact note" in page.content.decode()
    assert not ContactNote.objects.exists()


@pytest.mark.parametrize(("persona", "status"), [("aled", 403), ("wren", 404)])
def test_others_cannot_add_a_note(request, sign_in, customer, persona, status):
    client = sign_in(request.getfixturevalue(persona))
    response = client.post(reverse("people:contact_notes", args=[customer.pk]), {"text": "Not mine to write"})
    assert response.status_code == status
    assert not ContactNote.objects.exists()


def test_the_data_protection_officer_reads_like_the_record_but_cannot_add(sign_in, priya, cara, customer):
    contact_note_add(actor=cara, customer=customer, text="Called back at 16:00.")
    client = sign_in(priya)
    url = reverse("people:contact_notes", args=[customer.pk])
    page = client.get(url).content.decode()
    assert "Called back at 16:00." in page
    assert "Add the note" not in page
    assert client.post(url, {"text": "A DPO's note"}).status_code == 403
    assert ContactNote.objects.count() == 1
