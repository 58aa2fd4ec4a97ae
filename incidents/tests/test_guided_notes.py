"""The notes box's autosave endpoint: append-only revisions, idempotent retries, two people
writing at once, the credential guard, and who may write."""

import uuid

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from disclosures.tests.helpers import customer_at_risk
from incidents.models import IncidentNote
from incidents.selectors import latest_notes
from incidents.tests.helpers import start_da_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def incident(cara):
    return start_da_plan(cara, customer_at_risk(cara))


def _save(client, incident, entry, revision, text):
    return client.post(
        reverse("incidents:notes", args=[incident.pk]),
        {"entry": str(entry), "revision": revision, "text": text},
        content_type="application/json",
    )


def test_autosaves_are_revisions_of_one_entry_and_a_retry_changes_nothing(sign_in, cara, incident):
    client, entry = sign_in(cara), uuid.uuid4()
    first = _save(client, incident, entry, 1, "She says he")
    assert first.status_code == 200
    assert first.json()["revision"] == 1
    assert _save(client, incident, entry, 2, "She says he took her keys").json()["revision"] == 2
    retry = _save(client, incident, entry, 2, "She says he took her keys")
    assert retry.json()["revision"] == 2
    assert IncidentNote.objects.filter(entry=entry).count() == 2
    assert [note.text for note in latest_notes(incident)] == ["She says he took her keys"]
    assert AuditEvent.objects.filter(action="incident.note_saved").count() == 2


def test_a_late_retry_of_an_earlier_revision_is_answered_with_that_revision(sign_in, cara, incident):
    client, entry = sign_in(cara), uuid.uuid4()
    _save(client, incident, entry, 1, "She says he")
    _save(client, incident, entry, 2, "She says he took her keys")
    late = _save(client, incident, entry, 1, "She says he")
    assert late.json()["revision"] == 1
    assert IncidentNote.objects.filter(entry=entry).count() == 2
    assert [note.text for note in latest_notes(incident)] == ["She says he took her keys"]


def test_two_people_writing_at_once_keep_both_their_words(sign_in, cara, tom, incident, client):
    _save(sign_in(cara), incident, uuid.uuid4(), 1, "Cara: customer is in the kitchen")
    _save(sign_in(tom), incident, uuid.uuid4(), 1, "Tom: listening in, agree police now")
    texts = sorted(note.text for note in latest_notes(incident))
    assert texts == ["Cara: customer is in the kitchen", "Tom: listening in, agree police now"]


def test_a_password_is_refused_beside_the_box_and_nothing_is_saved(sign_in, cara, incident):
    response = _save(sign_in(cara), incident, uuid.uuid4(), 1, "her password is Hunter22!")
    assert response.status_code == 400
    assert "looks like a password" in response.json()["errors"]["notes"]
    assert response.json()["credential"] is True
    assert not IncidentNote.objects.exists()


def test_an_empty_note_is_refused_with_a_message(sign_in, cara, incident):
    response = _save(sign_in(cara), incident, uuid.uuid4(), 1, "   ")
    assert response.status_code == 400
    assert response.json()["credential"] is False
    assert "Write a note" in response.json()["detail"]


def test_someone_elses_entry_cannot_be_overwritten(sign_in, cara, tom, incident):
    entry = uuid.uuid4()
    _save(sign_in(cara), incident, entry, 1, "Cara's words")
    assert _save(sign_in(tom), incident, entry, 2, "Tom's words").status_code == 403
    assert [note.text for note in latest_notes(incident)] == ["Cara's words"]


def test_the_auditor_and_those_who_cannot_open_it_write_no_notes(sign_in, aled, priya, wren, hana, nia, incident):
    for person, status in ((aled, 403), (priya, 404), (wren, 404), (hana, 404), (nia, 404)):
        assert _save(sign_in(person), incident, uuid.uuid4(), 1, "words").status_code == status, person
    assert not IncidentNote.objects.exists()


def test_the_saved_notes_are_on_the_screen_when_it_is_opened_again(sign_in, cara, incident):
    client = sign_in(cara)
    _save(client, incident, uuid.uuid4(), 1, "First note, saved")
    page = client.get(reverse("incidents:guided", args=[incident.pk])).content.decode()
    assert "First note, saved" in page
    assert 'data-text="First note, saved"' in page
