"""Changing authorities and recording access: the only way either is written.

`authority_grant` records what the client authorised, `authority_revoke` ends it at once,
and `access_record` is what every part of Haven that acts for a client calls (the MR
tracker in work/ calls it with action="entries", entry="lodge-mr"): it refuses an access
outside the authority's scope or period with a message saying why, and records the
refusal too, so the trail shows attempts as well as actions.
"""

from datetime import date, datetime

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from audit.services import audit_record
from consent import rules
from consent.guard import credential_errors
from consent.models import AccessRecord, Authority, Duration, Entry, Evidence, Scope
from consent.permissions import ADVISERS, AUTHORITY_RECORDERS
from consent.uploads import evidence_check
from core.errors import HavenError, InvalidInput, NotAllowed
from people.models import Customer
from people.permissions import same_organisation
from people.services import person_ref

PURPOSE_MAX = 2000
NOTE_MAX = 4000


def terms_of(authority: Authority) -> rules.Terms:
    return rules.Terms(
        scope=frozenset(authority.scope),
        entries=frozenset(authority.entries),
        duration=authority.duration,
        starts_on=authority.starts_on,
        ends_on=authority.ends_on,
        used_at=authority.used_at,
        revoked_at=authority.revoked_at,
    )


def _require_recorder(actor, customer: Customer) -> None:
    if not AUTHORITY_RECORDERS.allows(actor):
        raise NotAllowed("Your role cannot record or revoke authorities.")
    if not same_organisation(actor, customer):
        raise NotAllowed("This customer belongs to another organisation.")


def _adviser_errors(adviser, customer: Customer) -> dict[str, str]:
    if adviser is None:
        return {"adviser": "Select the adviser the client is giving authority to"}
    if not ADVISERS.allows(adviser) or not same_organisation(adviser, customer):
        return {"adviser": "The adviser must be an active caseworker or adviser in the customer's organisation"}
    return {}


def _scope_errors(scope: list[str], entries: list[str]) -> dict[str, str]:
    errors = {}
    if not scope or not set(scope) <= set(Scope.values):
        errors["scope"] = "Select what the client allows the adviser to do"
    if Scope.ENTRIES in scope and (not entries or not set(entries) <= set(Entry.values)):
        errors["entries"] = "Select which entries the adviser may make"
    return errors


def _duration_errors(duration: str, ends_on: date | None, today: date) -> dict[str, str]:
    if duration not in Duration.values:
        return {"duration": "Select how long the authority lasts"}
    if duration == Duration.UNTIL:
        if ends_on is None:
            return {"ends_on": "Enter the date the authority ends"}
        if ends_on < today:
            return {"ends_on": "The end date must be today or in the future"}
    return {}


def _evidence_errors(fields: dict, now: datetime) -> dict[str, str]:
    kind = fields.get("evidence")
    if kind not in Evidence.values:
        return {"evidence": "Select how the client gave their authority"}
    if kind == Evidence.SIGNATURE and not fields.get("signature_name"):
        return {"signature_name": "Enter the client's name as they signed it"}
    if kind == Evidence.VERBAL:
        errors = {}
        if not fields.get("witness_name"):
            errors["witness_name"] = "Enter the name of the witness to the client's verbal consent"
        given = fields.get("consent_given_at")
        if given is None:
            errors["consent_given_at"] = "Enter the time the client gave verbal consent"
        elif given > now:
            errors["consent_given_at"] = "The time of consent must be in the past"
        return errors
    return {}


def _clean_grant(fields: dict, *, customer: Customer, now: datetime) -> dict:
    cleaned = {k: (v.strip() if isinstance(v, str) else v) for k, v in fields.items()}
    cleaned["scope"] = sorted(set(cleaned.get("scope") or []))
    cleaned["entries"] = sorted(set(cleaned.get("entries") or [])) if Scope.ENTRIES in cleaned["scope"] else []
    errors = _adviser_errors(cleaned.get("adviser"), customer)
    errors |= _scope_errors(cleaned["scope"], cleaned["entries"])
    if not cleaned.get("purpose"):
        errors["purpose"] = "Enter what the authority is for"
    elif len(cleaned["purpose"]) > PURPOSE_MAX:
        errors["purpose"] = f"The purpose must be {PURPOSE_MAX} characters or fewer"
    errors |= _duration_errors(cleaned.get("duration"), cleaned.get("ends_on"), timezone.localdate())
    errors |= _evidence_errors(cleaned, now)
    errors |= credential_errors(
        purpose=cleaned.get("purpose"),
        signature_name=cleaned.get("signature_name"),
        witness_name=cleaned.get("witness_name"),
    )
    if errors:
        raise InvalidInput(errors)
    if cleaned["duration"] != Duration.UNTIL:
        cleaned["ends_on"] = None
    return cleaned


def authority_problems(*, customer: Customer, **fields) -> dict[str, str]:
    """Every broken rule in an authority as typed so far, by field, writing nothing: the
    page shows them all at once even while the form has problems of its own."""
    try:
        _clean_grant(fields, customer=customer, now=timezone.now())
    except InvalidInput as exc:
        return exc.errors
    return {}


def authority_grant(
    *,
    actor,
    customer: Customer,
    adviser,
    scope: list[str],
    purpose: str,
    duration: str,
    evidence: str,
    entries: list[str] | None = None,
    ends_on: date | None = None,
    evidence_file=None,
    signature_name: str = "",
    witness_name: str = "",
    consent_given_at: datetime | None = None,
) -> Authority:
    """Records the client's authority for an adviser: what they may do, why, for how long,
    and the evidence (a signed form, a signature in person, or verbal consent with a
    witness and the time). Caseworkers and the managers above them, in the customer's
    organisation, record it. A signed form is checked before anything is stored."""
    _require_recorder(actor, customer)
    now = timezone.now()
    cleaned = _clean_grant(
        {
            "adviser": adviser,
            "scope": scope,
            "entries": entries,
            "purpose": purpose,
            "duration": duration,
            "ends_on": ends_on,
            "evidence": evidence,
            "signature_name": signature_name,
            "witness_name": witness_name,
            "consent_given_at": consent_given_at,
        },
        customer=customer,
        now=now,
    )
    checked = evidence_check(evidence_file) if cleaned["evidence"] == Evidence.UPLOAD else None
    authority = Authority(
        customer=customer,
        adviser=adviser,
        adviser_organisation=adviser.organisation,
        scope=cleaned["scope"],
        entries=cleaned["entries"],
        purpose=cleaned["purpose"],
        duration=cleaned["duration"],
        starts_on=timezone.localdate(),
        ends_on=cleaned["ends_on"],
        evidence=cleaned["evidence"],
        signature_name=cleaned["signature_name"] if cleaned["evidence"] == Evidence.SIGNATURE else "",
        witness_name=cleaned["witness_name"] if cleaned["evidence"] == Evidence.VERBAL else "",
        consent_given_at=cleaned["consent_given_at"] if cleaned["evidence"] == Evidence.VERBAL else now,
        recorded_by=actor,
    )
    if checked is not None:
        authority.evidence_content_type = checked.content_type
        authority.evidence_size = len(checked.content)
        authority.evidence_sha256 = checked.sha256
    try:
        with transaction.atomic(durable=True):
            if checked is not None:
                authority.evidence_file.save(f"form.{checked.extension}", ContentFile(checked.content), save=False)
            authority.save()
            audit_record(
                actor=actor,
                action="authority.granted",
                target=authority,
                person_ref=person_ref(customer),
                changes={
                    "adviser": adviser.username,
                    "scope": authority.scope,
                    "entries": authority.entries,
                    "duration": authority.duration,
                    "ends_on": authority.ends_on,
                    "evidence": authority.evidence,
                    "evidence_sha256": authority.evidence_sha256,
                },
            )
    except Exception:
        if authority.evidence_file.name:
            authority.evidence_file.storage.delete(authority.evidence_file.name)
        raise
    return authority


def authority_revoke(*, actor, authority: Authority, note: str = "") -> Authority:
    """The client revokes their authority, told to any caseworker: effective at once, for
    every part of Haven that uses it. The authority and its access records are kept."""
    _require_recorder(actor, authority.customer)
    errors = credential_errors(note=note)
    if len(note or "") > NOTE_MAX:
        errors["note"] = f"The note must be {NOTE_MAX} characters or fewer"
    if errors:
        raise InvalidInput(errors)
    with transaction.atomic(durable=True):
        locked = Authority.objects.select_for_update().get(pk=authority.pk)
        if locked.revoked_at is not None:
            raise HavenError("The client has already revoked this authority.")
        locked.revoked_at = timezone.now()
        locked.revoked_by = actor
        locked.revocation_note = (note or "").strip()
        locked.save(update_fields=["revoked_at", "revoked_by", "revocation_note", "updated_at"])
        audit_record(actor=actor, action="authority.revoked", target=locked, person_ref=person_ref(locked.customer))
    return locked


def _access_errors(*, action: str, entry: str, viewed: str, done: str, no_password_confirmed: bool, acted_at) -> dict:
    errors = {}
    if action not in Scope.values:
        errors["action"] = "Select what you did for the client"
    if action == Scope.ENTRIES and entry not in Entry.values:
        errors["entry"] = "Select which entry you made"
    if not (viewed or "").strip() and not (done or "").strip():
        errors["done"] = "Enter what you viewed or what you did"
    if acted_at > timezone.now():
        errors["acted_at"] = "The time you acted must be now or in the past"
    if no_password_confirmed is not True:
        errors["no_password_confirmed"] = "Confirm that you did not use or store the client's password"
    return errors | credential_errors(viewed=viewed, done=done)


def access_record(
    *,
    actor,
    authority: Authority,
    action: str,
    viewed: str = "",
    done: str = "",
    no_password_confirmed: bool,
    entry: str = "",
    acted_at: datetime | None = None,
) -> AccessRecord:
    """The adviser named on the authority records one time they acted for the client:
    when, what they viewed, what they did, and their confirmation that no password was
    used or stored. An access outside the authority's scope or period is refused with a
    HavenError saying why (field "action"), and the refusal is itself audited.

    Runs in one transaction that may be nested in the caller's (the MR tracker records
    the MR request and its access together); the first use ends a single-use authority.
    """
    if not ADVISERS.allows(actor) or actor.pk != authority.adviser_id:
        raise NotAllowed("Only the adviser named on this authority can act under it.")
    acted_at = acted_at or timezone.now()
    errors = _access_errors(
        action=action,
        entry=entry,
        viewed=viewed,
        done=done,
        no_password_confirmed=no_password_confirmed,
        acted_at=acted_at,
    )
    if errors:
        raise InvalidInput(errors)
    with transaction.atomic():
        locked = Authority.objects.select_for_update().select_related("customer").get(pk=authority.pk)
        why = rules.refusal(
            terms_of(locked),
            action=action,
            entry=entry if action == Scope.ENTRIES else "",
            at=acted_at,
            scope_labels=dict(Scope.choices),
            entry_labels=dict(Entry.choices),
        )
        if why:
            audit_record(
                actor=actor,
                action="authority.access_refused",
                target=locked,
                person_ref=person_ref(locked.customer),
                changes={"action": action, "entry": entry, "reason": why},
            )
        else:
            record = AccessRecord.objects.create(
                authority=locked,
                customer=locked.customer,
                adviser=actor,
                acted_at=acted_at,
                action=action,
                entry=entry if action == Scope.ENTRIES else "",
                viewed=(viewed or "").strip(),
                done=(done or "").strip(),
                no_password_confirmed=True,
            )
            if locked.duration == Duration.SINGLE:
                locked.used_at = acted_at
                locked.save(update_fields=["used_at", "updated_at"])
            audit_record(
                actor=actor,
                action="authority.access_recorded",
                target=record,
                person_ref=person_ref(locked.customer),
                changes={"authority": locked.pk, "action": action, "entry": record.entry, "acted_at": acted_at},
            )
    if why:
        raise HavenError(why, field="action", code="outside-authority")
    authority.used_at = locked.used_at
    return record
