"""The people around a customer: appointee, power of attorney, representative, next of
kin, support worker, CPN, social worker, children in the household."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from audit.services import audit_record
from consent.guard import require_no_credentials
from core.errors import InvalidInput
from people.models import Customer, PersonAround
from people.services import person_ref, require_editor

FIELDS = ("role", "name", "organisation_name", "phone", "email", "address", "date_of_birth", "notes")


def _clean(fields: dict) -> dict:
    errors = {}
    cleaned = {k: (v.strip() if isinstance(v, str) else v) for k, v in fields.items()}
    if "role" in cleaned and cleaned["role"] not in PersonAround.Role.values:
        errors["role"] = "Select who this person is to the customer"
    if "name" in cleaned and not cleaned["name"]:
        errors["name"] = "Enter the person's name"
    dob = cleaned.get("date_of_birth")
    # A child in the household is recorded with their date of birth (issue 3): it decides,
    # for example, whether the customer is a lone parent with a child under one.
    if cleaned.get("role") == PersonAround.Role.CHILD and "date_of_birth" in cleaned and dob is None:
        errors["date_of_birth"] = "Enter the child's date of birth"
    if dob is not None and dob > timezone.localdate():
        errors["date_of_birth"] = "Date of birth must be today or in the past"
    if errors:
        raise InvalidInput(errors)
    return cleaned


def _same(old, new) -> bool:
    # An empty optional text field is None in the database and "" from a form.
    if isinstance(old, str | None) and isinstance(new, str | None):
        return (old or "") == (new or "")
    return old == new


def person_around_add(*, actor, customer: Customer, **fields) -> PersonAround:
    require_editor(actor, customer)
    require_no_credentials(**fields)
    cleaned = _clean({"role": "", "name": "", "date_of_birth": None, **fields})
    with transaction.atomic(durable=True):
        person = PersonAround.objects.create(customer=customer, **cleaned)
        audit_record(
            actor=actor,
            action="customer.person_around_added",
            target=person,
            person_ref=person_ref(customer),
            changes={"role": person.role},
        )
    return person


def person_around_update(*, actor, person: PersonAround, **fields) -> PersonAround:
    require_editor(actor, person.customer)
    require_no_credentials(**fields)
    cleaned = _clean(fields)
    with transaction.atomic(durable=True):
        changed = [name for name, value in cleaned.items() if not _same(getattr(person, name), value)]
        for name in changed:
            setattr(person, name, cleaned[name])
        if changed:
            person.save()
            audit_record(
                actor=actor,
                action="customer.person_around_updated",
                target=person,
                person_ref=person_ref(person.customer),
                changes={"fields": changed},
            )
    return person


def person_around_end(*, actor, person: PersonAround, ended_on: date | None = None) -> PersonAround:
    """They are no longer in the customer's life in that role; the entry is kept."""
    require_editor(actor, person.customer)
    with transaction.atomic(durable=True):
        person.ended_on = ended_on or timezone.localdate()
        person.save(update_fields=["ended_on", "updated_at"])
        audit_record(
            actor=actor,
            action="customer.person_around_ended",
            target=person,
            person_ref=person_ref(person.customer),
        )
    return person
