"""The team leader's Report Threat checklist page: who sees it, who ticks, and the
wrong role changes nothing."""

import pytest
import time_machine
from django.urls import reverse

from audit.models import AuditEvent
from incidents.models import ReportThreat
from incidents.tests.emergency_walk import NOW, section_a
from people.models import ContactNote
from people.tests.factories import make_customer

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(cara, tom):
    with time_machine.travel(NOW, tick=False):
        incident = section_a(cara, make_customer(cara), until="rt-contact-notes")
    return ReportThreat.objects.get(incident=incident)


def _tick(client, report, item, version=None):
    url = reverse("incidents:report_threat_tick", args=[report.incident_id])
    return client.post(url, {"item": item, "version": version or report.version})


def test_the_team_leader_sees_the_activity_and_ticks_all_three(sign_in, tom, report):
    client = sign_in(tom)
    page = client.get(reverse("incidents:report_threat", args=[report.incident_id])).content.decode()
    assert "DOMESTIC ABUSE RISK" in page
    assert "NP-2026-1234" in page
    assert 'id="customer-banner"' in page
    for item in ("review", "ownership", "copy-notes"):
        report.refresh_from_db()
        assert _tick(client, report, item).status_code == 302
    report.refresh_from_db()
    assert report.task.state == "done"
    assert ContactNote.objects.filter(customer=report.incident.customer, author=tom).count() == 1
    page = client.get(reverse("incidents:report_threat", args=[report.incident_id])).content.decode()
    assert 'id="all-done"' in page


def test_a_stale_tick_is_refused_with_a_message(sign_in, tom, report):
    client = sign_in(tom)
    _tick(client, report, "review")
    response = client.post(
        reverse("incidents:report_threat_tick", args=[report.incident_id]),
        {"item": "ownership", "version": report.version},
        follow=True,
    )
    assert "Someone else ticked this checklist" in response.content.decode()
    assert ReportThreat.objects.get(pk=report.pk).owned_at is None


@pytest.mark.parametrize(
    ("persona", "status"), [("cara", 403), ("aled", 403), ("sam", 403), ("priya", 404), ("wren", 404), ("hana", 404)]
)
def test_others_cannot_tick_and_nothing_changes(request, sign_in, report, persona, status):
    client = sign_in(request.getfixturevalue(persona))
    events = AuditEvent.objects.count()
    assert _tick(client, report, "review").status_code == status
    assert ReportThreat.objects.get(pk=report.pk).reviewed_at is None
    assert AuditEvent.objects.count() == events


def test_the_worker_reads_the_checklist_without_tick_buttons(sign_in, cara, report):
    page = sign_in(cara).get(reverse("incidents:report_threat", args=[report.incident_id])).content.decode()
    assert "Team leader's checklist" in page
    assert "Tick<" not in page
