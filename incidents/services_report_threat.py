"""Report Threat and the DOMESTIC ABUSE RISK marker (issue 8; DA Plan, "Review the
situation and seek support: Report Threat" and "Team Leader Action Required").

The plan's `report_threat` effect makes a Report Threat activity allocated to the worker's
team leader (the deputy manager if there is none), with the marker and its date, the time
of the emergency call, the police reference and a brief overview, and a work-queue task
for that person due by the end of the next working day: the plan has the team leader
"take the required action (for example notify the authorities)", which cannot wait for
the two-working-day review. Their checklist is three ticks, each audited and
version-locked: review the activity; take primary ownership; copy the notes into the
customer's contact notes. With all three ticked the task is done.

The `add_marker` effect sets the marker on the customer; for a caller not yet identified
it waits, and is carried out when the customer is linked (customer_linked_within).
"""

import json

from django.db import transaction
from django.utils import timezone

from accounts.selectors import team_leader_of
from audit.services import audit_record
from core.errors import EditConflict, HavenError, NotAllowed
from core.system import system_actor
from incidents import effects, live, permissions
from incidents.models import EmergencyCall, Incident, IncidentAction, ReportThreat
from incidents.services import incident_person_ref
from incidents.services_emergency_prefill import parse_time
from people.services_contact_notes import contact_note_add_within
from people.services_markers import marker_set_within, marker_type_named
from work import services as work_services
from work.calendar import LONDON
from work.rules import Rule

REPORT_THREAT_TASK = Rule(
    "incidents.report-threat",
    "DA Plan, Report Threat: the team leader reviews the activity, takes primary ownership and copies the notes "
    "into the customer's contact notes, by the end of the next working day",
)
DUE_WORKING_DAYS = 1
TICKS = {
    "review": ("reviewed_at", "incident.report_threat_reviewed"),
    "ownership": ("owned_at", "incident.report_threat_owned"),
    "copy-notes": ("notes_copied_at", "incident.report_threat_notes_copied"),
}


def allocated_leader(incident: Incident):
    """The worker's team leader, the deputy manager if there is none; failing both, the
    organisation's safeguarding lead, so the activity always reaches someone."""
    return team_leader_of(incident.team_id, exclude_id=incident.worker_id) or effects.assignee_for(
        incident, "safeguarding-lead"
    )


def _marker_date(incident: Incident, marker_name: str):
    if incident.customer_id:
        marker_type = marker_type_named(marker_name)
        current = incident.customer.markers.filter(marker_type=marker_type, removed_at=None).first()
        if current is not None:
            return current.set_on
    return timezone.localdate()


def _call_facts(incident: Incident, filled: dict) -> tuple:
    started_on = incident.started_at.astimezone(LONDON).date()
    called_at = parse_time(filled.get("called_at"), on=started_on)
    reference = str(filled.get("reference") or "")
    call = EmergencyCall.objects.filter(incident=incident).order_by("-called_at", "-id").first()
    if call is not None:
        called_at = called_at or call.called_at
        reference = reference or call.police_reference
    return called_at, reference[:60]


def report_threat_create_within(*, action: IncidentAction, incident: Incident, actor) -> str:
    """The automatic effect's handler, in the step's transaction. A run that reaches Report
    Threat a second time (an earlier answer changed) updates the one activity."""
    effect, filled = action.effect.get("effect", {}), action.effect.get("filled") or {}
    called_at, reference = _call_facts(incident, filled)
    overview = str(filled.get("overview") or "").strip()
    existing = ReportThreat.objects.select_for_update().filter(incident=incident).first()
    if existing is not None:
        existing.emergency_called_at = called_at or existing.emergency_called_at
        existing.police_reference = reference or existing.police_reference
        existing.overview = overview or existing.overview
        existing.version += 1
        existing.save()
        return f"incidents.reportthreat:{existing.pk}"
    leader = allocated_leader(incident)
    if leader is None:
        # Never refuse the worker's step mid-call: the activity waits on the guided screen
        # as still to do until someone can receive it.
        return effects.PENDING
    report = ReportThreat.objects.create(
        incident=incident,
        marker=effect.get("marker", "DOMESTIC ABUSE RISK"),
        marker_set_on=_marker_date(incident, effect.get("marker", "")),
        emergency_called_at=called_at,
        police_reference=reference,
        overview=overview,
        allocated_to=leader,
    )
    report.task = work_services.task_create_within(
        actor=system_actor(),
        title=f"Report Threat for incident {incident.reference}: review, take ownership, copy the notes",
        rule=REPORT_THREAT_TASK,
        due_at=effects.due_after_working_days(incident, DUE_WORKING_DAYS),
        assignee=leader,
        about=report,
        customer=incident.customer,
        description=f"{incident.worker.display_name} reported a threat ({report.marker}). Open the Report Threat "
        "checklist from the incident.",
    )
    report.save(update_fields=["task", "updated_at"])
    audit_record(
        actor=actor,
        action="incident.report_threat_created",
        target=report,
        person_ref=incident_person_ref(incident),
        changes={"allocated_to": leader.pk, "task": report.task.pk, "marker": report.marker},
    )
    live.publish(incident, "report_threat", report=report.pk)
    return f"incidents.reportthreat:{report.pk}"


def marker_action_within(*, action: IncidentAction, incident: Incident, actor) -> str:
    """The add_marker effect's handler: sets the marker (no change if already current), or
    leaves the action to do until the caller is linked to their record."""
    if not incident.customer_id:
        return effects.PENDING
    name = action.effect.get("effect", {}).get("marker", "")
    marker_type = marker_type_named(name)
    if marker_type is None:
        raise HavenError(f"Haven has no marker called {name}: ask an administrator to add it.")
    marker, _ = marker_set_within(
        actor=actor,
        customer=incident.customer,
        marker_type=marker_type,
        reason=f"Set by the {incident.protocol_title}, incident {incident.reference} (step '{action.step}').",
    )
    ReportThreat.objects.filter(incident=incident).update(marker_set_on=marker.set_on)
    return f"people.customermarker:{marker.pk}"


def customer_linked_within(*, actor, incident: Incident) -> None:
    """incident_link_customer calls this in its transaction: markers waiting for the
    customer are set now, and the Report Threat task names the customer."""
    for action in IncidentAction.objects.select_for_update().filter(
        incident=incident, kind="add_marker", state="pending"
    ):
        result = marker_action_within(action=action, incident=incident, actor=actor)
        effects.mark_done(action, actor, result=result)
    report = ReportThreat.objects.filter(incident=incident).select_related("task").first()
    if report is not None and report.task is not None and report.task.customer_id is None:
        report.task.customer = incident.customer
        report.task.save(update_fields=["customer", "updated_at"])


def can_tick(user, report: ReportThreat) -> bool:
    """The team leader it was allocated to, or a leader of the worker's team."""
    incident = report.incident
    return permissions.can_open(user, incident) and (
        user.pk == report.allocated_to_id or permissions.leads_team(user, incident)
    )


def notes_text(report: ReportThreat) -> str:
    """What the team leader copies into the contact notes: the activity, the incident's
    notes (witness notes marked) and the contact-notes record the plan asks for."""
    from incidents.selectors import latest_notes

    incident = report.incident
    lines = [f"Report Threat, incident {incident.reference} ({incident.protocol_title}).", ""]
    lines.append(f"Marker: {report.marker} (set {report.marker_set_on:%d/%m/%Y})")
    if report.emergency_called_at:
        lines.append(f"Emergency services called: {report.emergency_called_at.astimezone(LONDON):%d/%m/%Y %H:%M}")
    lines.append(f"Police reference: {report.police_reference or 'none given'}")
    if report.overview:
        lines += ["", "Overview:", report.overview]
    notes = latest_notes(incident)
    if notes:
        lines += ["", "Incident notes:"]
        for note in notes:
            witness = ", witness note" if note.is_witness else ""
            lines.append(f"[{note.saved_at.astimezone(LONDON):%d/%m/%Y %H:%M}] {note.author.display_name}{witness}:")
            lines.append(note.text)
    record = incident.records.filter(record_id="contact-notes").first()
    if record is not None:
        lines += ["", f"{record.title}:"]
        for item, value in zip(record.items, json.loads(record.values or "[]"), strict=False):
            lines.append(f"{item}: {value or 'not recorded'}")
    return "\n".join(lines)


def report_threat_tick(*, actor, report: ReportThreat, item: str, version: int | None) -> ReportThreat:
    """Ticks one of the team leader's three actions. Each tick is audited; ticking against
    an older version is refused (someone else ticked meanwhile). Copying the notes adds
    them to the customer's contact notes in the same transaction. When all three are
    ticked, the Report Threat task is done."""
    if item not in TICKS:
        raise HavenError("Choose review, take ownership or copy the notes", field="item")
    if not can_tick(actor, report):
        raise NotAllowed("Only the team leader the Report Threat was allocated to, or a leader of the team, ticks it.")
    field, action = TICKS[item]
    with transaction.atomic(durable=True):
        locked = (
            ReportThreat.objects.select_for_update(of=("self",))
            .select_related("incident__customer", "task")
            .get(pk=report.pk)
        )
        if version is not None and locked.version != int(version):
            raise EditConflict(
                current={
                    "version": str(locked.version),
                    **{name: str(getattr(locked, f) or "") for name, (f, _) in TICKS.items()},
                },
                message="Someone else ticked this checklist meanwhile. It is shown as it is now: check it again.",
            )
        if getattr(locked, field) is not None:
            raise HavenError("That is already ticked.", field="item")
        now = timezone.now()
        changes: dict = {"item": item}
        if item == "review":
            locked.reviewed_at, locked.reviewed_by = now, actor
        elif item == "ownership":
            locked.owned_at, locked.primary_owner = now, actor
        else:
            if locked.incident.customer_id is None:
                raise HavenError("Link the incident to the customer's record before copying the notes.", field="item")
            note = contact_note_add_within(
                actor=actor, customer=locked.incident.customer, text=notes_text(locked), source=locked.incident
            )
            locked.notes_copied_at, locked.notes_copied_by = now, actor
            changes["contact_note"] = note.pk
        locked.version += 1
        locked.save()
        changes["version"] = locked.version
        audit_record(
            actor=actor,
            action=action,
            target=locked,
            person_ref=incident_person_ref(locked.incident),
            changes=changes,
        )
        if all(getattr(locked, f) is not None for f, _ in TICKS.values()) and locked.task is not None:
            work_services.tasks_close_within(
                actor=actor,
                tasks=[locked.task],
                done=True,
                text="Report Threat reviewed, primary ownership taken and the notes copied into the contact notes.",
            )
        live.publish(locked.incident, "report_threat", report=locked.pk)
    return locked
