"""Markers on a customer: DOMESTIC ABUSE RISK and the rest. Removing one keeps it, with
who removed it and why, so the history is never lost (issue 3)."""

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from audit.services import audit_record
from consent.guard import require_no_credentials
from core.errors import HavenError, InvalidInput, NotAllowed
from people.models import Customer, CustomerMarker, MarkerType
from people.permissions import MARKER_TYPE_ADMINISTRATORS
from people.services import person_ref, require_editor


def marker_add(
    *,
    actor,
    customer: Customer,
    marker_type: MarkerType,
    reason: str,
    review_on: date | None = None,
    set_on: date | None = None,
) -> CustomerMarker:
    """Sets a marker with its reason. The same marker cannot be current twice."""
    require_editor(actor, customer)
    require_no_credentials(reason=reason)
    today = timezone.localdate()
    errors = {}
    if not (reason or "").strip():
        errors["reason"] = "Enter why this marker is being set"
    if not marker_type.is_active:
        errors["marker_type"] = "That marker is no longer in use"
    if review_on is not None and review_on <= today:
        errors["review_on"] = "The review date must be in the future"
    if errors:
        raise InvalidInput(errors)
    with transaction.atomic(durable=True):
        if CustomerMarker.objects.filter(customer=customer, marker_type=marker_type, removed_at=None).exists():
            raise HavenError(f"This customer already has the {marker_type.name} marker", field="marker_type")
        marker = CustomerMarker.objects.create(
            customer=customer,
            marker_type=marker_type,
            set_on=set_on or today,
            set_by=actor,
            reason=reason.strip(),
            review_on=review_on,
        )
        audit_record(
            actor=actor,
            action="customer.marker_added",
            target=marker,
            person_ref=person_ref(customer),
            changes={"marker": marker_type.code, "review_on": review_on},
        )
    return marker


def marker_remove(*, actor, marker: CustomerMarker, reason: str) -> CustomerMarker:
    """Ends a marker. It stays in the customer's history with who removed it and why."""
    require_editor(actor, marker.customer)
    require_no_credentials(reason=reason)
    if not (reason or "").strip():
        raise HavenError("Enter why this marker is being removed", field="reason")
    with transaction.atomic(durable=True):
        locked = CustomerMarker.objects.select_for_update().get(pk=marker.pk)
        if locked.removed_at is not None:
            raise HavenError("This marker has already been removed")
        locked.removed_at = timezone.now()
        locked.removed_by = actor
        locked.removal_reason = reason.strip()
        locked.save()
        audit_record(
            actor=actor,
            action="customer.marker_removed",
            target=locked,
            person_ref=person_ref(locked.customer),
            changes={"marker": locked.marker_type.code},
        )
    return locked


def marker_type_create(*, actor, name: str, description: str = "") -> MarkerType:
    """Administrators define markers beyond the built-in ones."""
    if not MARKER_TYPE_ADMINISTRATORS.allows(actor):
        raise NotAllowed("Only an administrator can define markers.")
    require_no_credentials(name=name, description=description)
    name = (name or "").strip()
    if not name:
        raise HavenError("Enter the marker's name", field="name")
    code = slugify(name)[:40]
    with transaction.atomic(durable=True):
        if MarkerType.objects.filter(code=code).exists():
            raise HavenError("A marker with that name exists", field="name")
        marker_type = MarkerType.objects.create(code=code, name=name, description=description.strip())
        audit_record(actor=actor, action="marker_type.created", target=marker_type, changes={"name": name})
    return marker_type


def marker_type_set_active(*, actor, marker_type: MarkerType, is_active: bool) -> MarkerType:
    if not MARKER_TYPE_ADMINISTRATORS.allows(actor):
        raise NotAllowed("Only an administrator can change markers.")
    if marker_type.is_built_in and not is_active:
        raise HavenError("Built-in markers cannot be withdrawn")
    with transaction.atomic(durable=True):
        marker_type.is_active = is_active
        marker_type.save(update_fields=["is_active", "updated_at"])
        audit_record(actor=actor, action="marker_type.updated", target=marker_type, changes={"is_active": is_active})
    return marker_type


def marker_type_named(name: str) -> MarkerType | None:
    """The marker type a protocol names ("DOMESTIC ABUSE RISK"), by its code or its name."""
    return (
        MarkerType.objects.filter(code=slugify(name or "")[:40]).first()
        or MarkerType.objects.filter(name__iexact=(name or "").strip()).first()
    )


def marker_set_within(
    *, actor, customer: Customer, marker_type: MarkerType, reason: str, set_on: date | None = None
) -> tuple[CustomerMarker, bool]:
    """Sets a marker inside the caller's transaction (an incident's step sets DOMESTIC ABUSE
    RISK together with its Report Threat, so both commit or neither does). If the marker is
    already current this changes nothing. Returns the current marker and whether it was set now."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("marker_set_within must run inside the caller's transaction; use marker_add.")
    require_editor(actor, customer)
    require_no_credentials(reason=reason)
    if not (reason or "").strip():
        raise HavenError("Enter why this marker is being set", field="reason")
    current = (
        CustomerMarker.objects.select_for_update()
        .filter(customer=customer, marker_type=marker_type, removed_at=None)
        .order_by("pk")
        .first()
    )
    if current is not None:
        return current, False
    marker = CustomerMarker.objects.create(
        customer=customer,
        marker_type=marker_type,
        set_on=set_on or timezone.localdate(),
        set_by=actor,
        reason=reason.strip(),
    )
    audit_record(
        actor=actor,
        action="customer.marker_added",
        target=marker,
        person_ref=person_ref(customer),
        changes={"marker": marker_type.code, "review_on": None},
    )
    return marker, True
