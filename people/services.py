"""Changing customer records. Caseworkers and their managers call these from the pages
and the API; each change and its audit event commit together."""

import secrets
from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone

from audit.services import audit_record
from consent.guard import require_no_credentials
from core.errors import EditConflict, HavenError, NotAllowed
from people import identifiers, search_keys, validation
from people.models import Customer, CustomerName, CustomerReference, PrivacyNeeds, SafeContact
from people.permissions import CUSTOMER_EDITORS, same_organisation

IDENTITY_FIELDS = (
    "given_names",
    "family_name",
    "date_of_birth",
    "ni_number",
    "address_line_1",
    "address_line_2",
    "town",
    "postcode",
    "nation",
    "phone",
    "email",
)


class PossibleDuplicate(HavenError):
    """Someone with the same NI number, or the same name and date of birth, exists: the
    worker is asked "Is this the same person?" before a second record is made."""

    def __init__(self, candidates: list[Customer]) -> None:
        super().__init__("There may already be a record for this person.", code="possible-duplicate")
        self.candidates = candidates


def _today() -> date:
    return timezone.localdate()


def require_editor(actor, customer: Customer | None = None) -> None:
    if not CUSTOMER_EDITORS.allows(actor):
        raise NotAllowed("Your role cannot change customer records.")
    if customer is not None and not same_organisation(actor, customer):
        raise NotAllowed("This customer belongs to another organisation.")


def person_ref(customer: Customer) -> str:
    """How the audit trail names a customer, so a DPO can search the trail by person."""
    return f"customer:{customer.pk}"


def possible_duplicates(*, organisation_id: int, fields: dict) -> list[Customer]:
    customers = Customer.objects.filter(organisation_id=organisation_id)
    matches = []
    if fields.get("ni_number"):
        matches += list(customers.filter(ni_number=fields["ni_number"])[:5])
    if fields.get("date_of_birth"):
        same_name = customers.filter(
            date_of_birth=fields["date_of_birth"],
            given_names__iexact=fields["given_names"],
            family_name__iexact=fields["family_name"],
        )
        matches += [customer for customer in same_name[:5] if customer not in matches]
    return matches


def _new_case_number() -> str:
    return f"HVN-{secrets.token_hex(5).upper()}"


def _create_with_case_number(*, organisation_id: int, fields: dict) -> Customer:
    """Case numbers are random, so two can collide once in a long while: try another."""
    for attempt in range(5):
        try:
            with transaction.atomic():
                return Customer.objects.create(
                    organisation_id=organisation_id, case_number=_new_case_number(), **fields
                )
        except IntegrityError:
            if attempt == 4:
                raise
    raise AssertionError("unreachable")


def _snapshot(instance, fields) -> dict:
    return {name: _text(getattr(instance, name)) for name in fields}


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def customer_create(*, actor, confirmed_new_person: bool = False, **fields) -> Customer:
    """Creates a customer in the actor's organisation, with empty safe-contact and privacy
    needs ready to fill. Raises PossibleDuplicate unless the worker has confirmed that the
    matches shown are not this person."""
    require_editor(actor)
    require_no_credentials(**fields)
    unknown = set(fields) - set(IDENTITY_FIELDS)
    if unknown:
        raise ValueError(f"customer_create does not take {sorted(unknown)}")
    cleaned = validation.clean_identity({"given_names": "", "family_name": "", **fields}, today=_today())
    organisation_id = actor.organisation.pk
    if not confirmed_new_person:
        candidates = possible_duplicates(organisation_id=organisation_id, fields=cleaned)
        if candidates:
            raise PossibleDuplicate(candidates)
    with transaction.atomic(durable=True):
        customer = _create_with_case_number(organisation_id=organisation_id, fields=cleaned)
        SafeContact.objects.create(customer=customer)
        PrivacyNeeds.objects.create(customer=customer)
        search_keys.rebuild(customer)
        audit_record(
            actor=actor,
            action="customer.created",
            target=customer,
            person_ref=person_ref(customer),
            changes={"fields": _snapshot(customer, cleaned), "confirmed_new_person": confirmed_new_person},
        )
    return customer


def _check_version(instance, version: int, fields) -> None:
    if instance.version != version:
        raise EditConflict(current=_snapshot(instance, fields))


def customer_update(*, actor, customer: Customer, version: int, **fields) -> Customer:
    """Changes identity and contact details. `version` is the one the worker's form was
    opened at: if someone saved since, nothing is overwritten and EditConflict shows
    their version."""
    require_editor(actor, customer)
    require_no_credentials(**fields)
    unknown = set(fields) - set(IDENTITY_FIELDS)
    if unknown:
        raise ValueError(f"customer_update does not take {sorted(unknown)}")
    cleaned = validation.clean_identity(fields, today=_today())
    with transaction.atomic(durable=True):
        locked = Customer.objects.select_for_update().get(pk=customer.pk)
        _check_version(locked, version, IDENTITY_FIELDS)
        changes = {}
        for name, value in cleaned.items():
            if getattr(locked, name) != value:
                changes[name] = [_text(getattr(locked, name)), _text(value)]
                setattr(locked, name, value)
        if changes:
            locked.version += 1
            locked.save()
            search_keys.rebuild(locked)
            audit_record(
                actor=actor, action="customer.updated", target=locked, person_ref=person_ref(locked), changes=changes
            )
    return locked


def customer_name_add(
    *, actor, customer: Customer, given_names: str, family_name: str, kind: str, used_until: date | None = None
) -> CustomerName:
    """Records a previous name or alias, so search still finds the person by it."""
    require_editor(actor, customer)
    require_no_credentials(given_names=given_names, family_name=family_name)
    errors = {}
    if not (given_names or "").strip():
        errors["given_names"] = "Enter the first name they used"
    if not (family_name or "").strip():
        errors["family_name"] = "Enter the last name they used"
    if kind not in CustomerName.Kind.values:
        errors["kind"] = "Select what kind of name this is"
    if errors:
        from core.errors import InvalidInput

        raise InvalidInput(errors)
    with transaction.atomic(durable=True):
        name = CustomerName.objects.create(
            customer=customer,
            given_names=given_names.strip(),
            family_name=family_name.strip(),
            kind=kind,
            used_until=used_until,
        )
        search_keys.rebuild(customer)
        audit_record(
            actor=actor,
            action="customer.name_added",
            target=customer,
            person_ref=person_ref(customer),
            changes={"kind": kind, "name": f"{name.given_names} {name.family_name}"},
        )
    return name


def customer_reference_add(*, actor, customer: Customer, kind: str, value: str) -> CustomerReference:
    require_editor(actor, customer)
    normalised = identifiers.normalise_reference(value)
    if kind not in CustomerReference.Kind.values:
        raise HavenError("Select the kind of reference", field="kind")
    if not normalised:
        raise HavenError("Enter the reference", field="value")
    with transaction.atomic(durable=True):
        reference = CustomerReference.objects.create(customer=customer, kind=kind, value=value.strip().upper())
        search_keys.rebuild(customer)
        audit_record(
            actor=actor,
            action="customer.reference_added",
            target=customer,
            person_ref=person_ref(customer),
            changes={"kind": kind, "value": reference.value},
        )
    return reference


SAFE_CONTACT_FIELDS = (
    "safe_to_call",
    "safe_to_text",
    "safe_to_email",
    "safe_to_write",
    "no_voicemail",
    "times_to_avoid",
    "do_not_disclose_address",
    "do_not_disclose_new_name",
    "note",
)
PRIVACY_FIELDS = ("needs_private_room", "phone_only_when_private", "other_adjustments")


def _update_versioned(*, actor, customer, model, field_names, version, fields, action):
    require_editor(actor, customer)
    require_no_credentials(**fields)
    unknown = set(fields) - set(field_names)
    if unknown:
        raise ValueError(f"cannot change {sorted(unknown)}")
    with transaction.atomic(durable=True):
        record = model.objects.select_for_update().get(customer=customer)
        _check_version(record, version, field_names)
        changes = {}
        for name, value in fields.items():
            old = getattr(record, name)
            if (old or "") != (value or ""):
                # Old and new free text is not copied into the audit trail: it is
                # sensitive, and encrypted where it lives. The trail says it changed.
                changes[name] = "changed" if isinstance(value, str) else [old, value]
                setattr(record, name, value)
        if changes:
            record.version += 1
            record.save()
            audit_record(actor=actor, action=action, target=customer, person_ref=person_ref(customer), changes=changes)
    return record


def safe_contact_update(*, actor, customer: Customer, version: int, **fields) -> SafeContact:
    """How the customer may safely be contacted. Everything that contacts them reads it."""
    return _update_versioned(
        actor=actor,
        customer=customer,
        model=SafeContact,
        field_names=SAFE_CONTACT_FIELDS,
        version=version,
        fields=fields,
        action="customer.safe_contact_updated",
    )


def privacy_needs_update(*, actor, customer: Customer, version: int, **fields) -> PrivacyNeeds:
    """A private room for interviews, calls only when they can talk privately, other adjustments."""
    return _update_versioned(
        actor=actor,
        customer=customer,
        model=PrivacyNeeds,
        field_names=PRIVACY_FIELDS,
        version=version,
        fields=fields,
        action="customer.privacy_needs_updated",
    )
