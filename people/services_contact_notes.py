"""The customer's contact notes (people.ContactNote): append-only. Incidents copy their
notes here (the team leader's Report Threat checklist) and record referral outcomes here
(DA Plan: "record the outcome in the contact notes")."""

from django.db import transaction
from django.utils import timezone

from audit.services import audit_record, describe_target
from consent.guard import require_no_credentials
from core.errors import HavenError
from people.models import ContactNote, Customer
from people.services import person_ref, require_editor

MAX_LENGTH = 50_000


def contact_note_add_within(*, actor, customer: Customer, text: str, source=None) -> ContactNote:
    """Adds a contact note inside the caller's transaction (the incident service that
    copies notes commits the copy and its own record together). `source` is the record
    the note came from, if any."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("contact_note_add_within must run inside the caller's transaction; use contact_note_add.")
    require_editor(actor, customer)
    require_no_credentials(text=text)
    text = (text or "").strip()
    if not text:
        raise HavenError("Write the contact note", field="text")
    if len(text) > MAX_LENGTH:
        raise HavenError(f"A contact note can be at most {MAX_LENGTH:,} characters", field="text")
    source_type, source_id = describe_target(source)
    note = ContactNote.objects.create(
        customer=customer, author=actor, text=text, source_type=source_type, source_id=source_id,
        written_at=timezone.now(),
    )  # fmt: skip
    audit_record(
        actor=actor,
        action="customer.contact_note_added",
        target=note,
        person_ref=person_ref(customer),
        changes={"source": f"{source_type}:{source_id}" if source_type else "", "length": len(text)},
    )
    return note


def contact_note_add(*, actor, customer: Customer, text: str, source=None) -> ContactNote:
    with transaction.atomic(durable=True):
        return contact_note_add_within(actor=actor, customer=customer, text=text, source=source)
