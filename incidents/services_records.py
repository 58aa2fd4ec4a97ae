"""The records an incident's protocol requires (DA Plan contact notes, the Six Point Plan's
declaration record from Annex B, ...): one answer per item the pinned definition lists.

A record is saved as a draft as often as needed and then completed. Completing it adds a
"record" event to the protocol run, under the incident's row lock, exactly as a step
does, so the run's list of outstanding records and the stored record always agree. Both
the record and the incident carry a version: an edit made against an older version of
the record is refused with the other person's words (EditConflict), never overwritten.
Records can be written after the incident closes (the review follows within 2 days).
"""

import json

from django.db import transaction
from django.utils import timezone

from audit.services import audit_record, audit_record_now
from consent.guard import require_no_credentials
from core.errors import EditConflict, HavenError, InvalidInput, NotAllowed
from incidents import live, runs
from incidents.models import Incident, IncidentRecord
from incidents.permissions import can_open
from incidents.permissions_followup import may_write_records
from incidents.services import incident_person_ref

MAX_ITEM_LENGTH = 5000


def record_definition(incident: Incident, record_id: str):
    """The record as the pinned definition has it, if the run requires it."""
    for record in runs.run_of(incident).required_records():
        if record.id == record_id:
            return record
    raise HavenError("This incident's plan does not ask for that record.", field="record")


def values_of(record: IncidentRecord) -> list[str]:
    return json.loads(record.values or "[]")


def _clean_values(items: list[str], values) -> list[str]:
    if isinstance(values, dict):  # {index: text} or {item label: text}
        values = [values.get(str(i), values.get(i, values.get(label, ""))) for i, label in enumerate(items)]
    values = [("" if value is None else str(value)).strip() for value in (values or [])]
    if len(values) > len(items):
        raise HavenError("There are more answers than the record has items.", field="values")
    values += [""] * (len(items) - len(values))
    require_no_credentials(**{f"item_{i}": value for i, value in enumerate(values)})
    too_long = {
        f"item_{i}": f"{items[i]} must be {MAX_ITEM_LENGTH:,} characters or fewer"
        for i, value in enumerate(values)
        if len(value) > MAX_ITEM_LENGTH
    }
    if too_long:
        raise InvalidInput(too_long)
    return values


def _locked_record(incident: Incident, definition, version: int | None) -> IncidentRecord:
    record, _ = IncidentRecord.objects.select_for_update().get_or_create(
        incident=incident,
        record_id=definition.id,
        defaults={"title": definition.title, "items": list(definition.items)},
    )
    if version is not None and record.version != int(version):
        raise EditConflict(
            current={"version": str(record.version), **{f"item_{i}": v for i, v in enumerate(values_of(record))}},
            message="Someone saved this record while you were writing it. Their version is shown: "
            "check it, then save your changes again.",
        )
    return record


def _lock_incident(incident: Incident) -> Incident:
    return (
        Incident.objects.select_for_update(of=("self",)).select_related("team__office", "customer").get(pk=incident.pk)
    )


def _require_writer(actor, incident: Incident) -> None:
    if not may_write_records(actor, incident):
        raise NotAllowed("Only the worker or their team leader writes this incident's records.")


def record_save(*, actor, incident: Incident, record_id: str, values, version: int | None) -> IncidentRecord:
    """Saves a record as a draft (the worker, or their team leader). `version` is the
    record's version the page showed (None for a record not yet started). A completed
    record can still be corrected: the change is audited and it stays complete."""
    _require_writer(actor, incident)
    definition = record_definition(incident, record_id)
    cleaned = _clean_values(list(definition.items), values)
    with transaction.atomic(durable=True):
        locked = _lock_incident(incident)
        record = _locked_record(locked, definition, version)
        record.values, record.version = json.dumps(cleaned), record.version + 1
        record.save(update_fields=["values", "version", "updated_at"])
        audit_record(
            actor=actor,
            action="incident.record_saved",
            target=record,
            person_ref=incident_person_ref(locked),
            summary=definition.title[:300],
            # Which items hold words, never the words: they stay encrypted in the record.
            changes={"record": record_id, "filled": sum(bool(v) for v in cleaned), "version": record.version},
        )
        live.publish(locked, "record", record=record_id, record_version=record.version)
    return record


def complete_record_within(*, actor, locked: Incident, record_id: str) -> bool:
    """Adds the run's "record" event for `record_id` to an incident the caller has locked,
    inside the caller's transaction (the review completes its record this way). Returns
    False if the run already had it complete."""
    run = runs.run_of(locked)
    if record_id in run.completed_records:
        return False
    run.complete_record(record_id, by=actor.username, at=timezone.now().isoformat())
    runs.store(locked, run)
    locked.version += 1
    locked.save(update_fields=["run", "current_step", "version", "updated_at"])
    return True


def record_complete(*, actor, incident: Incident, record_id: str, values, version: int | None) -> IncidentRecord:
    """Saves the record and marks it complete: every item must be answered (write "None"
    where there is nothing to say, so a gap is a decision, not an omission)."""
    _require_writer(actor, incident)
    definition = record_definition(incident, record_id)
    items = list(definition.items)
    cleaned = _clean_values(items, values)
    missing = {f"item_{i}": f"Enter {items[i][0].lower()}{items[i][1:]}" for i, v in enumerate(cleaned) if not v}
    if missing:
        raise InvalidInput(missing)
    with transaction.atomic(durable=True):
        locked = _lock_incident(incident)
        record = _locked_record(locked, definition, version)
        now = timezone.now()
        record.values, record.version = json.dumps(cleaned), record.version + 1
        record.completed_by, record.completed_at = actor, record.completed_at or now
        record.save(update_fields=["values", "version", "completed_by", "completed_at", "updated_at"])
        complete_record_within(actor=actor, locked=locked, record_id=record_id)
        audit_record(
            actor=actor,
            action="incident.record_completed",
            target=record,
            person_ref=incident_person_ref(locked),
            summary=definition.title[:300],
            changes={"record": record_id, "items": len(items), "version": record.version},
        )
        live.publish(locked, "record", record=record_id, record_version=record.version, completed=True)
    return record


def record_downloaded(*, actor, incident: Incident, record: IncidentRecord) -> None:
    """Everyone who may open the incident may download its records as a PDF for the line
    manager; each download is recorded, since the copy leaves Haven."""
    if not can_open(actor, incident):
        raise NotAllowed("You cannot open this incident.")
    audit_record_now(
        actor=actor,
        action="incident.record_downloaded",
        target=record,
        person_ref=incident_person_ref(incident),
        changes={"record": record.record_id, "version": record.version},
    )
