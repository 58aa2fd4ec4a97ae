"""Notes on an incident: autosaved every few seconds and on leaving the box, as
append-only revisions (see IncidentNote). A retried save (same entry, same revision) is
recognised and changes nothing, so a flaky connection never duplicates or loses words."""

import uuid

from django.db import IntegrityError, transaction
from django.utils import timezone

from audit.services import audit_record
from consent.guard import require_no_credentials
from core.errors import HavenError, NotAllowed
from incidents import live, permissions
from incidents.models import Incident, IncidentNote
from incidents.services import incident_person_ref

MAX_NOTE_LENGTH = 20_000


def _entry(value) -> uuid.UUID:
    try:
        return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))
    except (TypeError, ValueError) as exc:
        raise HavenError("This note could not be saved: reload the page to start a new note.", field="notes") from exc


def _stored_revision(latest: IncidentNote, revision: int) -> IncidentNote | None:
    """The stored `revision` of `latest`'s entry, if any. `latest` is the highest stored,
    so only a revision below it needs reading: an autosave (the next one) costs no query."""
    if revision == latest.revision:
        return latest
    if revision < latest.revision:
        return IncidentNote.objects.filter(entry=latest.entry, revision=revision).first()
    return None


def note_save(*, actor, incident: Incident, entry, revision: int, text: str) -> IncidentNote:
    """Saves one revision of a note entry. Returns the revision stored (an earlier
    identical save if this is a retry)."""
    if not permissions.can_write_notes(actor, incident):
        raise NotAllowed("You cannot add notes to this incident.")
    entry = _entry(entry)
    text = (text or "").rstrip()
    if not text.strip():
        raise HavenError("Write a note before saving it.", field="notes")
    if len(text) > MAX_NOTE_LENGTH:
        raise HavenError(f"A note can be at most {MAX_NOTE_LENGTH:,} characters: start a new note.", field="notes")
    require_no_credentials(notes=text)
    try:
        revision = int(revision)
    except (TypeError, ValueError) as exc:
        raise HavenError("This note could not be saved: reload the page.", field="notes") from exc
    earlier = IncidentNote.objects.filter(entry=entry).order_by("-revision").first()
    if earlier is not None:
        if earlier.incident_id != incident.pk or earlier.author_id != actor.pk:
            raise NotAllowed("That note belongs to someone else.")
        same = _stored_revision(earlier, revision)
        if same is not None and same.text == text:
            return same
        if earlier.text == text:
            return earlier
        # Another tab of the same person, or a browser that lost count: never overwrite.
        revision = max(revision, earlier.revision + 1)
    is_witness = actor.pk == incident.partner_id
    note = IncidentNote(
        incident=incident,
        entry=entry,
        revision=revision,
        author=actor,
        is_witness=is_witness,
        text=text,
        saved_at=timezone.now(),
    )
    try:
        with transaction.atomic(durable=True):
            note.save()
            audit_record(
                actor=actor,
                action="incident.note_saved",
                target=incident,
                person_ref=incident_person_ref(incident),
                changes={"entry": str(entry), "revision": revision, "witness": is_witness, "length": len(text)},
            )
            live.publish(incident, "note", note=note.pk, entry=str(entry), revision=revision, author=actor.pk)
    except IntegrityError:
        # The same revision saved by a concurrent retry: that save stands.
        return IncidentNote.objects.get(entry=entry, revision=revision)
    return note
