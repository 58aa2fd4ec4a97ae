"""Staff wellbeing after an incident (DA Plan, "Support"; Six Point Plan, point 6, paras
36-40): the Employee Assistance Programme details are shown after every incident, and
that they were shown is recorded; time away from duties, when the team leader agrees it,
is recorded with what was agreed."""

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from audit.services import audit_record
from consent.guard import require_no_credentials
from core.errors import HavenError, NotAllowed
from incidents import runs
from incidents.models import Incident, WellbeingRecord
from incidents.permissions import can_open
from incidents.permissions_followup import may_agree_time_away
from incidents.services import incident_person_ref

# The contacts of each plan that are the Employee Assistance Programme.
EAP_CONTACT_IDS = ("pam-assist", "employee-assistance")


def eap_contacts(incident: Incident) -> list:
    """The Employee Assistance Programme as the incident's pinned plan gives it."""
    return [c for c in runs.definition_of(incident).contacts if c.id in EAP_CONTACT_IDS]


def _staff_involved(incident: Incident) -> set[int]:
    return {incident.worker_id, *([incident.partner_id] if incident.partner_id else [])}


def eap_shown(*, actor, incident: Incident) -> WellbeingRecord:
    """Records that `actor` (the worker or the partner) was shown the EAP details for this
    incident. Once per person per incident: showing them again changes nothing."""
    if not can_open(actor, incident) or actor.pk not in _staff_involved(incident):
        raise NotAllowed("The details are recorded as shown to the worker and the support partner.")
    with transaction.atomic(durable=True):
        record, created = WellbeingRecord.objects.select_for_update().get_or_create(
            incident=incident, user=actor, defaults={"eap_shown_at": timezone.now()}
        )
        if created:
            audit_record(
                actor=actor,
                action="incident.eap_shown",
                target=record,
                person_ref=incident_person_ref(incident),
                changes={"contacts": [c.id for c in eap_contacts(incident)]},
            )
    return record


def time_away_agree(*, actor, incident: Incident, user: User, details: str) -> WellbeingRecord:
    """The team leader or deputy manager records time away agreed for the worker or the
    partner after the incident (the DA Plan: "which could include time away from their duties")."""
    if not may_agree_time_away(actor, incident):
        raise NotAllowed("Only the team leader or deputy manager of the worker's team agrees time away.")
    if user is None or user.pk not in _staff_involved(incident):
        raise HavenError("Choose the worker or the support partner", field="user")
    require_no_credentials(details=details)
    details = (details or "").strip()
    if not details:
        raise HavenError("Enter the time away agreed, for example the dates and hours", field="details")
    if len(details) > 2000:
        raise HavenError("The time away agreed must be 2,000 characters or fewer", field="details")
    with transaction.atomic(durable=True):
        now = timezone.now()
        record, _ = WellbeingRecord.objects.select_for_update().get_or_create(
            incident=incident, user=user, defaults={"eap_shown_at": now}
        )
        record.time_away_agreed, record.time_away_details, record.agreed_by = True, details, actor
        record.save(update_fields=["time_away_agreed", "time_away_details", "agreed_by", "updated_at"])
        audit_record(
            actor=actor,
            action="incident.time_away_agreed",
            target=record,
            person_ref=incident_person_ref(incident),
            changes={"user": user.pk},
        )
    return record
