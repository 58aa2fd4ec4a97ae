"""The follow-up pages: who may open and write them, and that the wrong role changes nothing."""

import html

import pytest

from audit.models import AuditEvent
from disclosures.tests.helpers import customer_at_risk
from incidents.models import IncidentRecord, IncidentReview, Referral, UCBReport, WellbeingRecord
from incidents.services_review import REVIEW_FIELDS
from incidents.tests.followup_helpers import da_plan_reviewed
from incidents.tests.test_records_services import DA_CONTACT_NOTES
from work.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def incident(cara):
    return da_plan_reviewed(cara, customer_at_risk(cara))


def _url(incident, tail):
    return f"/incidents/{incident.pk}/{tail}"


CONTACT_NOTES = {"action": "complete", "version": "1", **{f"item_{i}": f"Answer {i}" for i in range(7)}}


def test_the_follow_up_page_shows_the_records_review_eap_and_keep_until_and_records_the_eap_shown(
    sign_in, cara, incident
):
    page = sign_in(cara).get(_url(incident, "follow-up"))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Contact notes for the customer" in text
    assert "PAM Assist" in text
    assert "0808 169 1111" in text
    assert "Six years after the incident closes" in text
    assert "DOMESTIC ABUSE RISK" in text
    assert WellbeingRecord.objects.get().user == cara
    assert AuditEvent.objects.filter(action="incident.opened", actor_id=cara.pk).exists()


def test_the_contact_notes_form_has_a_box_for_every_da_plan_field(sign_in, cara, incident):
    text = html.unescape(sign_in(cara).get(_url(incident, "records/contact-notes")).content.decode())
    for index, label in enumerate(DA_CONTACT_NOTES):
        assert label in text
        assert f'name="item_{index}"' in text


def test_the_worker_completes_the_contact_notes_and_downloads_the_pdf(sign_in, cara, incident):
    client = sign_in(cara)
    response = client.post(_url(incident, "records/contact-notes"), CONTACT_NOTES)
    assert response.status_code == 302
    assert IncidentRecord.objects.get().completed_by == cara
    download = client.get(_url(incident, "records/contact-notes/pdf"))
    assert download["Content-Type"] == "application/pdf"
    assert download.content.startswith(b"%PDF")
    assert AuditEvent.objects.filter(action="incident.record_downloaded").count() == 1


def test_a_missing_box_is_shown_beside_it_and_nothing_is_completed(sign_in, cara, incident):
    response = sign_in(cara).post(_url(incident, "records/contact-notes"), {**CONTACT_NOTES, "item_3": ""})
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert not IncidentRecord.objects.exists()


def test_a_stale_version_shows_the_other_persons_words(sign_in, cara, tom, incident):
    sign_in(tom).post(_url(incident, "records/contact-notes"), {**CONTACT_NOTES, "action": "save", "item_0": "Tom's"})
    response = sign_in(cara).post(_url(incident, "records/contact-notes"), {**CONTACT_NOTES, "item_0": "Cara's"})
    text = response.content.decode()
    assert "Someone changed this" in text
    assert "Tom&#x27;s" in text
    assert IncidentRecord.objects.get().completed_at is None


@pytest.mark.parametrize("who", ["priya", "wren", "hana"])
def test_people_who_cannot_open_the_incident_get_not_found_and_change_nothing(request, sign_in, who, incident):
    client = sign_in(request.getfixturevalue(who))
    for tail in ("follow-up", "records/contact-notes", "review", "ucb-report", "referral"):
        assert client.get(_url(incident, tail)).status_code == 404
    assert client.post(_url(incident, "records/contact-notes"), CONTACT_NOTES).status_code == 404
    assert client.post(_url(incident, "review"), {"action": "save", "lessons": "x"}).status_code == 404
    assert client.post(_url(incident, "ucb-report"), {"what_happened": "x"}).status_code == 404
    assert not IncidentRecord.objects.exists()
    assert not UCBReport.objects.exists()
    assert not WellbeingRecord.objects.exists()


def test_the_auditor_reads_but_cannot_write(sign_in, aled, cara, incident):
    client = sign_in(aled)
    assert client.get(_url(incident, "follow-up")).status_code == 200
    page = client.get(_url(incident, "records/contact-notes")).content.decode()
    assert "Complete the record" not in page
    assert client.post(_url(incident, "records/contact-notes"), CONTACT_NOTES).status_code == 403
    assert client.post(_url(incident, "review"), {"action": "save", "lessons": "x"}).status_code == 403
    assert client.post(_url(incident, "ucb-report"), {"what_happened": "x"}).status_code == 403
    assert client.post(_url(incident, "time-away"), {"user": cara.pk, "details": "x"}).status_code == 403
    assert not IncidentRecord.objects.exists()
    assert IncidentReview.objects.get().version == 1
    assert not WellbeingRecord.objects.exists()


def test_the_team_leader_completes_the_review_and_the_deputy_gets_the_copy(sign_in, cara, tom, dee, incident):
    answers = {name: "Discussed" for name in REVIEW_FIELDS}
    assert (
        sign_in(cara).post(_url(incident, "review"), {**answers, "action": "complete", "version": "1"}).status_code
        == 403
    )
    response = sign_in(tom).post(_url(incident, "review"), {**answers, "action": "complete", "version": "1"})
    assert response.status_code == 302
    assert IncidentReview.objects.get().completed_at is not None
    assert Notification.objects.get(kind="copy").user == dee


def test_a_referral_and_its_outcome_through_the_pages(sign_in, cara, sam, incident):
    response = sign_in(cara).post(
        _url(incident, "referral"), {"kind": "acssl", "referred_to": sam.pk, "reason": "Still at risk"}
    )
    assert response.status_code == 302
    referral = Referral.objects.get()
    client = sign_in(sam)
    outcome = client.post(
        _url(incident, f"referrals/{referral.pk}/outcome"), {"outcome": "no-further-action", "version": "1"}
    )
    assert outcome.status_code == 302
    referral.refresh_from_db()
    assert referral.outcome == "no-further-action"
