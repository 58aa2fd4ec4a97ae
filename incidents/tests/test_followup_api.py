"""The follow-up over the API: the same services, checks and audit as the pages."""

import pytest

from api.tests.helpers import bearer, token_for
from audit.models import AuditEvent
from disclosures.tests.helpers import customer_at_risk
from incidents.models import IncidentRecord, IncidentReview, UCBReport
from incidents.services_review import REVIEW_FIELDS
from incidents.tests.followup_helpers import da_plan_reviewed
from incidents.tests.test_records_services import DA_CONTACT_NOTES
from people.models import ContactNote
from work.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def incident(cara):
    return da_plan_reviewed(cara, customer_at_risk(cara))


def _call(client, method, user, url, body=None):
    kwargs = {"content_type": "application/json", "headers": bearer(token_for(user))}
    if body is not None:
        kwargs["data"] = body
    return getattr(client, method)(f"/api/v1/incidents{url}", **kwargs)


def test_records_are_listed_read_saved_completed_and_downloaded(client, cara, incident):
    base = f"/{incident.pk}/records"
    listed = _call(client, "get", cara, base).json()
    assert {"record_id": "contact-notes", "title": "Contact notes for the customer", "state": "to-do",
            "version": None} in listed  # fmt: skip
    record = _call(client, "get", cara, f"{base}/contact-notes").json()
    assert record["items"] == DA_CONTACT_NOTES
    saved = _call(client, "put", cara, f"{base}/contact-notes", {"values": ["Ten minutes"], "version": 1})
    assert saved.status_code == 200
    assert saved.json()["values"][0] == "Ten minutes"
    stale = _call(client, "put", cara, f"{base}/contact-notes", {"values": ["Again"], "version": 1})
    assert stale.status_code == 409
    assert stale.json()["current"]["item_0"] == "Ten minutes"
    incomplete = _call(client, "post", cara, f"{base}/contact-notes/complete", {"values": ["x"]})
    assert incomplete.status_code == 400
    assert "item_1" in incomplete.json()["errors"]
    done = _call(client, "post", cara, f"{base}/contact-notes/complete", {"values": ["x"] * 7})
    assert done.json()["completed_by"] == "Cara Okafor"
    download = _call(client, "get", cara, f"{base}/contact-notes/pdf")
    assert download["Content-Type"] == "application/pdf"
    assert AuditEvent.objects.filter(action="incident.record_downloaded").count() == 1


@pytest.mark.parametrize("who", ["priya", "wren", "hana"])
def test_those_who_cannot_open_the_incident_are_told_it_is_not_found(request, client, who, incident):
    person = request.getfixturevalue(who)
    base = f"/{incident.pk}"
    for method, url, body in (
        ("get", "/records/contact-notes", None),
        ("put", "/records/contact-notes", {"values": ["x"]}),
        ("put", "/review", {"lessons": "x"}),
        ("post", "/ucb-reports", {"what_happened": "x"}),
    ):
        assert _call(client, method, person, base + url, body).status_code == 404, (who, url)
    assert not IncidentRecord.objects.exists()
    assert not UCBReport.objects.exists()


def test_the_auditor_reads_the_records_but_cannot_write(client, aled, incident):
    assert _call(client, "get", aled, f"/{incident.pk}/records").status_code == 200
    assert _call(client, "put", aled, f"/{incident.pk}/records/contact-notes", {"values": ["x"]}).status_code == 403
    assert _call(client, "post", aled, f"/{incident.pk}/review/complete", {}).status_code == 403
    assert not IncidentRecord.objects.exists()


def test_the_review_wellbeing_ucb_and_a_referral_with_its_outcome(client, cara, tom, dee, sam, incident):
    base = f"/{incident.pk}"
    review = _call(client, "get", cara, f"{base}/review").json()
    assert review["due_on"] is not None
    answers = {name: "Discussed" for name in REVIEW_FIELDS}
    assert _call(client, "post", cara, f"{base}/review/complete", answers).status_code == 403
    completed = _call(client, "post", tom, f"{base}/review/complete", {**answers, "version": review["version"]})
    assert completed.json()["copied_to"] == "Dee Marsh"
    assert IncidentReview.objects.get().completed_at is not None
    assert Notification.objects.filter(user=dee, kind="copy").count() == 1

    eap = _call(client, "post", cara, f"{base}/wellbeing/eap-shown").json()
    assert eap["eap"][0]["phone"] == "0808 169 1111"
    away = _call(client, "post", tom, f"{base}/wellbeing/time-away", {"user_id": cara.pk, "details": "Rest of day"})
    assert away.json()["time_away_agreed"] is True

    assert _call(client, "post", cara, f"{base}/ucb-reports", {"what_happened": "Shouted"}).status_code == 201

    referral = _call(
        client,
        "post",
        cara,
        f"{base}/referrals",
        {"kind": "acssl", "reason": "Still at risk", "referred_to_id": sam.pk},
    )
    assert referral.status_code == 201
    outcome = _call(
        client, "post", sam, f"{base}/referrals/{referral.json()['id']}/outcome",
        {"outcome": "advice", "note": "Call back on Monday"},
    )  # fmt: skip
    assert outcome.json()["outcome"] == "advice"
    assert "Call back on Monday" in ContactNote.objects.get().text
