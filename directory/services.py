"""Changing the signposting directory and giving lists to customers (issue 6). Pages, the
API, commands and the review job all call these; each change and its audit event commit
together, and messages go out only once the send is recorded."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from audit.services import audit_record
from consent.guard import credential_errors
from core.errors import HavenError, InvalidInput, NotAllowed
from core.nations import Nation
from directory import notify, postcodes, reviews, words
from directory.models import NATION_FIELDS, Entry, EntryNeed, EntryWord, Need, SendChannel, SignpostSend
from directory.permissions import DIRECTORY_EDITORS, SIGNPOST_SENDERS
from people.contact import require_safe_channel
from people.selectors import customer_get_for_change
from people.services import person_ref

REVIEW_EVERY = timedelta(days=365)
TEXT_FIELDS = ("name", "description", "local_area", "phone", "other_numbers", "hours", "website", "email", "languages")
FLAG_FIELDS = ("phone_is_free", "open_24_7")
LIMITS = {"name": 200, "local_area": 200, "phone": 40, "other_numbers": 300, "hours": 200, "website": 300,
          "email": 254, "languages": 200}  # fmt: skip


def _today() -> date:
    return timezone.localdate()


@dataclass
class EntryDetails:
    """What a person types about an entry, before the rules are checked."""

    name: str = ""
    description: str = ""
    needs: list[str] = field(default_factory=list)
    nations: list[str] = field(default_factory=list)
    local_area: str = ""
    local_postcodes: str = ""
    phone: str = ""
    phone_is_free: bool = False
    other_numbers: str = ""
    hours: str = ""
    open_24_7: bool = False
    website: str = ""
    email: str = ""
    languages: str = ""


def clean_postcodes(text: str) -> tuple[str, list[str]]:
    """' W06000015 CF10 CF11 ' from 'Cardiff, cf10, cf11', and the parts that are not
    councils, districts or areas."""
    good, bad = postcodes.served_areas(text)
    return (f" {' '.join(good)} " if good else ""), bad


def _is_email(value: str) -> bool:
    try:
        validate_email(value)
    except ValidationError:
        return False
    return True


def validate(details: EntryDetails) -> dict:
    """The entry's fields ready to save, or InvalidInput naming every problem at once."""
    errors: dict[str, str] = {}
    values = {name: (getattr(details, name) or "").strip() for name in TEXT_FIELDS}
    if not values["name"]:
        errors["name"] = "Enter the organisation's name"
    for name, limit in LIMITS.items():
        if len(values[name]) > limit:
            errors.setdefault(name, f"{name.replace('_', ' ').capitalize()} must be {limit} characters or fewer")
    needs = [need for need in details.needs if need in Need.values]
    if not needs or len(needs) != len(details.needs):
        errors["needs"] = "Choose at least one need this organisation helps with"
    nations = [nation for nation in details.nations if nation in Nation.values]
    if not nations or len(nations) != len(details.nations):
        errors["nations"] = "Choose the nations this organisation serves"
    if values["email"] and not _is_email(values["email"]):
        errors["email"] = "Enter an email address in the correct format, like name@example.com"
    local_postcodes, bad = clean_postcodes(details.local_postcodes)
    if bad:
        what = (
            f"{bad[0]} is not a council, postcode district or area"
            if len(bad) == 1
            else (f"{', '.join(bad[:-1])} and {bad[-1]} are not councils, postcode districts or areas")
        )
        errors["local_postcodes"] = (
            f"{what}: enter councils like Cardiff or W06000015 (commas between councils), "
            "districts like CF10, or areas like CF"
        )
    # An entry is read by every worker: never a password or security answer in it.
    for name, message in credential_errors(**values).items():
        errors.setdefault(name, message)
    if errors:
        raise InvalidInput(errors)
    values.update({flag: bool(getattr(details, flag)) for flag in FLAG_FIELDS})
    values.update({field_name: nation in nations for nation, field_name in NATION_FIELDS.items()})
    values["local_postcodes"] = local_postcodes
    values["is_local"] = bool(local_postcodes)
    return {"values": values, "needs": needs}


def _require_editor(actor, entry: Entry | None = None) -> None:
    if not DIRECTORY_EDITORS.allows(actor):
        raise NotAllowed(
            "Only team leaders, deputy managers, safeguarding leads and administrators change the directory."
        )
    if entry is not None and entry.organisation_id != actor.organisation.pk:
        raise NotAllowed("This entry belongs to another organisation's directory.")


def _save(entry: Entry, cleaned: dict) -> None:
    for name, value in cleaned["values"].items():
        setattr(entry, name, value)
    entry.save()
    entry.needs.all().delete()
    EntryNeed.objects.bulk_create([EntryNeed(entry=entry, need=need) for need in cleaned["needs"]])
    write_words(entry)


def write_words(entry: Entry) -> None:
    """The entry's search words, inside the caller's transaction."""
    EntryWord.objects.filter(entry=entry).delete()
    found = sorted(words.words_of(entry.name, entry.description, entry.local_area))
    EntryWord.objects.bulk_create([EntryWord(entry=entry, word=word) for word in found])
    entry.search_words = " ".join(found)
    Entry.objects.filter(pk=entry.pk).update(search_words=entry.search_words)


def entry_create(*, actor, details: EntryDetails) -> Entry:
    """Team leaders, deputy managers, safeguarding leads and administrators add an entry to
    their organisation's directory; with postcode districts it is a local entry of their
    office (the complex needs toolkit). They maintain it; its review falls due in a year."""
    _require_editor(actor)
    cleaned = validate(details)
    with transaction.atomic():
        entry = Entry(
            organisation=actor.organisation,
            office=actor.team.office,
            owner=actor,
            last_verified_on=_today(),
            review_due_on=_today() + REVIEW_EVERY,
            source=f"Added by {actor.get_full_name() or actor.username}",
        )
        _save(entry, cleaned)
        audit_record(actor=actor, action="directory.entry_created", target=entry, changes={"name": entry.name})
    return entry


def entry_update(*, actor, entry: Entry, details: EntryDetails, version: int | None = None) -> Entry:
    """Editors correct an entry of their organisation. Correcting it is not verifying it."""
    _require_editor(actor, entry)
    cleaned = validate(details)
    with transaction.atomic():
        locked = Entry.objects.select_for_update().get(pk=entry.pk)
        if version is not None and locked.version != version:
            raise HavenError(
                "Someone else changed this entry while you were editing it. Open it again.", code="conflict"
            )
        old = {name: getattr(locked, name) for name in cleaned["values"]}
        locked.version += 1
        _save(locked, cleaned)
        changed = {name: [old[name], value] for name, value in cleaned["values"].items() if old[name] != value}
        audit_record(actor=actor, action="directory.entry_updated", target=locked, changes=changed)
    return locked


def entry_verify(*, actor, entry: Entry) -> Entry:
    """Editors confirm an entry is still right (they rang it, or checked its website): it
    is verified today and the next review falls due in a year. Its open review task closes
    when the verifier may close it (its owner or their team leader); otherwise the owner does."""
    _require_editor(actor, entry)
    with transaction.atomic():
        locked = Entry.objects.select_for_update().get(pk=entry.pk)
        locked.last_verified_on = _today()
        locked.review_due_on = _today() + REVIEW_EVERY
        if locked.owner_id is None:
            locked.owner = actor
        locked.version += 1
        locked.save()
        audit_record(
            actor=actor, action="directory.entry_verified", target=locked,
            changes={"review_due_on": locked.review_due_on.isoformat()},
        )  # fmt: skip
    # Task services commit on their own (durable), so the review closes just after.
    reviews.close_review_tasks(actor=actor, entry=locked)
    return locked


def entry_withdraw(*, actor, entry: Entry) -> Entry:
    """Editors take an entry out of searches (the organisation closed); it stays on sends."""
    _require_editor(actor, entry)
    with transaction.atomic():
        Entry.objects.filter(pk=entry.pk).update(is_active=False, version=entry.version + 1)
        entry.refresh_from_db()
        audit_record(actor=actor, action="directory.entry_withdrawn", target=entry)
    return entry


def _message(entries: list[Entry]) -> str:
    from directory.selectors import one_line

    lines = ["Support organisations that can help you:"] + [one_line(entry) for entry in entries]
    return "\n".join(lines)


def signposting_send(
    *, actor, customer_id: int, entry_ids: list[int], channel: str, incident_id: int | None = None
) -> SignpostSend:
    """Caseworkers and the managers above them give a customer a list of support
    organisations by text message or email (GOV.UK Notify, on commit), or print it to hand
    over. A text or email goes only to a channel the customer's record marks as safe
    (people.contact); Haven refuses any other and sends nothing. Every send is recorded
    on the customer's record and in the audit trail. Sent from the guided screen's panel,
    it names the incident (`incident_id`): one the sender may open, about this customer."""
    if not SIGNPOST_SENDERS.allows(actor):
        raise NotAllowed("Your role cannot send support information to customers.")
    customer = customer_get_for_change(user=actor, customer_id=customer_id)
    incident = _incident_for_send(actor, customer, incident_id)
    if channel not in SendChannel.values:
        raise HavenError("Choose how to give the customer the list", field="channel")
    ids = list(dict.fromkeys(int(pk) for pk in entry_ids))
    entries = list(Entry.objects.filter(organisation_id=customer.organisation_id, is_active=True, pk__in=ids))
    if not ids or len(entries) != len(ids):
        raise HavenError("Choose at least one organisation to send", field="entries")
    entries.sort(key=lambda entry: ids.index(entry.pk))
    destination = _destination(customer, channel)
    with transaction.atomic():
        send = SignpostSend.objects.create(
            customer=customer,
            sent_by=actor,
            channel=channel,
            entry_names="\n".join(e.name for e in entries),
            incident=incident,
        )
        send.entries.set(entries)
        audit_record(
            actor=actor, action="directory.list_sent", target=send, person_ref=person_ref(customer),
            changes={"channel": channel, "entries": [entry.pk for entry in entries],
                     "incident": incident.pk if incident else None},
        )  # fmt: skip
        if incident is not None:
            _signposting_done(incident, send, actor)
        if destination:
            body = _message(entries)
            transaction.on_commit(lambda: notify.send(channel=channel, to=destination, body=body))
    return send


def _signposting_done(incident, send: SignpostSend, actor) -> None:
    """The plan's "give the support numbers" (a `signpost` effect) is done once a list is
    given during the incident: off the guided screen's to-do list, naming the send."""
    from incidents import effects, live

    if effects.action_done(incident, "signpost", actor=actor, result=f"directory.signpostsend:{send.pk}"):
        live.publish(incident, "signposting")


def _incident_for_send(actor, customer, incident_id):
    """The incident a send is made in, if named: the sender must be able to open it (it is
    not found otherwise), and it must be about the customer the list goes to."""
    if incident_id is None:
        return None
    from incidents.selectors import incident_for_change

    incident = incident_for_change(user=actor, incident_id=int(incident_id))
    if incident.customer_id != customer.pk:
        raise HavenError("That incident is about someone else: the list was not sent.")
    return incident


def _destination(customer, channel: str) -> str:
    if channel == SendChannel.PRINT:
        return ""
    require_safe_channel(customer, channel)
    destination = customer.phone if channel == SendChannel.TEXT else customer.email
    if not destination:
        what = "mobile number" if channel == SendChannel.TEXT else "email address"
        raise HavenError(f"The customer's record has no {what}. Add it to their record first.", field="channel")
    if channel == SendChannel.TEXT and not notify.can_send_text():
        raise HavenError("Text messages cannot be sent from here: GOV.UK Notify is not set up.", field="channel")
    return destination


MAX_IMPORT_ROWS = 5000


def entries_import(*, actor, text: str) -> dict:
    """Editors load a CSV (Open Referral UK field names, directory/csv_format.py) into their
    organisation's directory: a row whose service.id is already here updates that entry,
    any other row adds one. All or nothing: one bad row and nothing changes, and every
    bad row is named."""
    from directory import csv_format

    _require_editor(actor)
    try:
        rows = csv_format.parse(text)
    except csv_format.CsvProblem as exc:
        raise HavenError(str(exc), field="file") from exc
    if not rows:
        raise HavenError("The file has no rows of entries", field="file")
    if len(rows) > MAX_IMPORT_ROWS:
        raise HavenError(f"Import at most {MAX_IMPORT_ROWS} entries at a time", field="file")
    cleaned, problems = [], []
    for number, uid, details in rows:
        try:
            cleaned.append((uid, validate(details)))
        except InvalidInput as exc:
            problems.append(f"Row {number}: {'; '.join(exc.errors.values())}")
    if problems:
        raise HavenError(". ".join(problems[:10]) + (" (and more)" if len(problems) > 10 else ""), field="file")
    return _import_cleaned(actor, cleaned)


def _import_cleaned(actor, cleaned: list) -> dict:
    from directory import csv_format

    counts = {"added": 0, "updated": 0}
    with transaction.atomic():
        existing = csv_format.existing_by_uid(actor.organisation.pk)
        for uid, values in cleaned:
            entry = existing.get(uid)
            if entry is None:
                entry = Entry(
                    organisation=actor.organisation, owner=actor, review_due_on=_today() + REVIEW_EVERY,
                    source="CSV import",
                )  # fmt: skip
                if uid is not None:
                    entry.uid = uid
                counts["added"] += 1
            else:
                entry.version += 1
                counts["updated"] += 1
            _save(entry, values)
        audit_record(actor=actor, action="directory.imported", target=actor.organisation, changes=counts)
    return counts
