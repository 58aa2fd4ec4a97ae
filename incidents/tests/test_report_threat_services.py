"""Report Threat, the team leader's checklist and the DOMESTIC ABUSE RISK marker (DA Plan,
"Review: Report Threat" and "Team Leader Action Required"), through the services."""

import datetime as dt
import json
import uuid

import pytest
import time_machine

from audit.models import AuditEvent
from core.errors import EditConflict, HavenError, NotAllowed
from incidents import services
from incidents.models import IncidentAction, IncidentRecord, ReportThreat
from incidents.services_emergency import emergency_call_record
from incidents.services_notes import note_save
from incidents.services_report_threat import report_threat_tick
from incidents.tests.emergency_walk import NOW, SECTION_A, call_data, join_as_partner, section_a
from incidents.tests.helpers import walk
from people.models import ContactNote, CustomerMarker
from people.tests.factories import make_customer
from work.models import Task, TaskState

pytestmark = pytest.mark.django_db


@pytest.fixture
def customer(cara):
    """A customer with no markers yet: the plan sets DOMESTIC ABUSE RISK."""
    return make_customer(cara)


def _reported(worker, customer=None, **overrides):
    with time_machine.travel(NOW, tick=False):
        return section_a(worker, customer, until="rt-contact-notes", **overrides)


def test_report_threat_goes_to_the_team_leader_with_the_call_and_a_task(cara, tom, dee, customer):
    incident = _reported(cara, customer)
    report = ReportThreat.objects.get(incident=incident)
    assert report.allocated_to == tom
    assert report.marker == "DOMESTIC ABUSE RISK"
    assert report.marker_set_on == dt.date(2026, 11, 24)
    assert report.emergency_called_at == dt.datetime(2026, 11, 24, 14, 20, tzinfo=dt.UTC)
    assert report.police_reference == "NP-2026-1234"
    assert report.overview.startswith("Ex-partner outside her home")
    task = report.task
    assert (task.assignee, task.state, task.customer) == (tom, TaskState.OPEN, customer)
    # Tuesday 24 November: due by the end of Wednesday, the next working day (London time).
    assert task.due_on == dt.date(2026, 11, 25)
    action = IncidentAction.objects.get(incident=incident, kind="report_threat")
    assert (action.state, action.result) == ("done", f"incidents.reportthreat:{report.pk}")
    assert AuditEvent.objects.filter(action="incident.report_threat_created", target_id=str(report.pk)).exists()


def test_with_no_team_leader_it_goes_to_the_deputy_manager(cara, dee, customer):
    incident = _reported(cara, customer)
    assert ReportThreat.objects.get(incident=incident).allocated_to == dee


def test_the_marker_is_set_once_with_the_report(cara, tom, customer):
    incident = _reported(cara, customer)
    markers = CustomerMarker.objects.filter(customer=customer, marker_type__code="domestic-abuse-risk", removed_at=None)
    assert markers.count() == 1
    assert IncidentAction.objects.get(incident=incident, kind="add_marker").state == "done"
    _reported(cara, customer)  # a second incident for the same customer: the marker is already current
    assert markers.count() == 1
    assert AuditEvent.objects.filter(action="customer.marker_added").count() == 1


def test_for_a_caller_not_yet_identified_the_marker_waits_until_the_customer_is_linked(cara, tom, customer):
    incident = _reported(cara)
    action = IncidentAction.objects.get(incident=incident, kind="add_marker")
    assert action.state == "pending"
    report = ReportThreat.objects.get(incident=incident)
    assert report.task.customer is None
    services.incident_link_customer(actor=cara, incident=incident, customer=customer, version=incident.version)
    action.refresh_from_db()
    assert action.state == "done"
    assert CustomerMarker.objects.filter(customer=customer, marker_type__code="domestic-abuse-risk").count() == 1
    assert Task.objects.get(pk=report.task_id).customer == customer


def test_without_the_plans_call_answers_the_report_takes_the_recorded_call(cara, tom, customer):
    # The customer said she would phone 999 herself (rt-no-call), but the partner then phoned.
    answers = {**SECTION_A, "es-ask-to-phone-999": "will-phone", "rt-no-call": "She said she would phone 999."}
    with time_machine.travel(NOW, tick=False):
        incident = section_a(cara, customer, until="rt-no-call", **answers)
        emergency_call_record(actor=cara, incident=incident, data=call_data(police_reference="NP-77"))
        walk(incident, cara, answers, until="rt-contact-notes")
    report = ReportThreat.objects.get(incident=incident)
    assert report.police_reference == "NP-77"
    assert report.emergency_called_at == NOW - dt.timedelta(minutes=5)


def test_the_checklist_ticks_are_audited_and_finish_the_task(cara, nia, tom, customer):
    incident = join_as_partner(_reported(cara, customer), nia)
    note_save(actor=cara, incident=incident, entry=uuid.uuid4(), revision=1, text="She whispered; he was shouting.")
    note_save(actor=nia, incident=incident, entry=uuid.uuid4(), revision=1, text="I heard a door banging.")
    IncidentRecord.objects.create(
        incident=incident,
        record_id="contact-notes",
        title="Contact notes for the customer",
        items=["Time and duration of your contact with the customer"],
        values=json.dumps(["14:05 to 14:40"]),
    )
    report = ReportThreat.objects.get(incident=incident)
    report = report_threat_tick(actor=tom, report=report, item="review", version=report.version)
    report = report_threat_tick(actor=tom, report=report, item="ownership", version=report.version)
    assert report.primary_owner == tom
    assert Task.objects.get(pk=report.task_id).state == TaskState.OPEN
    report = report_threat_tick(actor=tom, report=report, item="copy-notes", version=report.version)
    note = ContactNote.objects.get(customer=customer)
    assert (note.author, note.source_type, note.source_id) == (tom, "incidents.incident", str(incident.pk))
    for words in ("NP-2026-1234", "She whispered", "Nia", "witness note", "14:05 to 14:40", "DOMESTIC ABUSE RISK"):
        assert words in note.text
    assert Task.objects.get(pk=report.task_id).state == TaskState.DONE
    for code in ("reviewed", "owned", "notes_copied"):
        assert AuditEvent.objects.filter(action=f"incident.report_threat_{code}", target_id=str(report.pk)).count() == 1


def test_a_tick_against_an_old_version_is_refused_and_a_tick_is_not_repeated(cara, tom, customer):
    report = ReportThreat.objects.get(incident=_reported(cara, customer))
    report_threat_tick(actor=tom, report=report, item="review", version=report.version)
    with pytest.raises(EditConflict):
        report_threat_tick(actor=tom, report=report, item="ownership", version=report.version)
    with pytest.raises(HavenError):
        report_threat_tick(actor=tom, report=report, item="review", version=None)
    assert ReportThreat.objects.get(pk=report.pk).owned_at is None


def test_only_the_allocated_leader_or_the_teams_leaders_tick(cara, tom, dee, sam, hana, aled, priya, customer):
    report = ReportThreat.objects.get(incident=_reported(cara, customer))
    for person in (cara, sam, hana, aled, priya):
        with pytest.raises(NotAllowed):
            report_threat_tick(actor=person, report=report, item="review", version=None)
    assert ReportThreat.objects.get(pk=report.pk).reviewed_at is None
    ticked = report_threat_tick(actor=dee, report=report, item="review", version=None)
    assert ticked.reviewed_by == dee


def test_notes_cannot_be_copied_before_the_customer_is_linked(cara, tom):
    report = ReportThreat.objects.get(incident=_reported(cara))
    with pytest.raises(HavenError, match="Link the incident"):
        report_threat_tick(actor=tom, report=report, item="copy-notes", version=None)
    assert not ContactNote.objects.exists()
    assert not AuditEvent.objects.filter(action="incident.report_threat_notes_copied").exists()
