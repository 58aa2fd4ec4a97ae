"""Restricted records, the staff named on them, and break glass (issue 3)."""

from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from audit.services import audit_record
from consent.guard import require_no_credentials
from core.errors import HavenError, NotAllowed
from people.models import BreakGlass, Customer, NamedAccess
from people.permissions import CUSTOMER_READERS, CUSTOMER_RESTRICTERS, same_organisation
from people.services import person_ref

# Break glass opens a record for a working session, not for ever.
BREAK_GLASS_HOURS = 10


def _require_restricter(actor, customer: Customer) -> None:
    if not CUSTOMER_RESTRICTERS.allows(actor) or not same_organisation(actor, customer):
        raise NotAllowed("Only team leaders, deputy managers, safeguarding leads and DPOs restrict records.")


def customer_restrict(*, actor, customer: Customer, restricted: bool) -> Customer:
    """Restricting a record (a member of staff, a public figure) names the actor on it, so
    the person restricting it never locks themselves out."""
    _require_restricter(actor, customer)
    with transaction.atomic(durable=True):
        customer.is_restricted = restricted
        customer.version += 1
        customer.save(update_fields=["is_restricted", "version", "updated_at"])
        if restricted:
            NamedAccess.objects.get_or_create(customer=customer, user=actor, defaults={"granted_by": actor})
        audit_record(
            actor=actor,
            action="customer.restricted" if restricted else "customer.unrestricted",
            target=customer,
            person_ref=person_ref(customer),
        )
    return customer


def named_access_grant(*, actor, customer: Customer, user: User) -> NamedAccess:
    _require_restricter(actor, customer)
    if not CUSTOMER_READERS.allows(user) or not same_organisation(user, customer):
        raise HavenError("That person cannot work with this organisation's customers", field="user")
    with transaction.atomic(durable=True):
        access, created = NamedAccess.objects.get_or_create(
            customer=customer, user=user, defaults={"granted_by": actor}
        )
        if created:
            audit_record(
                actor=actor,
                action="customer.named_access_granted",
                target=customer,
                person_ref=person_ref(customer),
                changes={"user": user.username},
            )
    return access


def named_access_revoke(*, actor, customer: Customer, user: User) -> None:
    _require_restricter(actor, customer)
    with transaction.atomic(durable=True):
        deleted, _ = NamedAccess.objects.filter(customer=customer, user=user).delete()
        if deleted:
            audit_record(
                actor=actor,
                action="customer.named_access_revoked",
                target=customer,
                person_ref=person_ref(customer),
                changes={"user": user.username},
            )


def break_glass(*, actor, customer: Customer, reason: str) -> BreakGlass:
    """Opens a restricted record the actor is not named on, for this working session.
    The written reason is kept, and every data protection officer of the organisation is
    told by email once the record is committed."""
    if not CUSTOMER_READERS.allows(actor) or not same_organisation(actor, customer):
        raise NotAllowed("You cannot open this organisation's customers.")
    require_no_credentials(reason=reason)
    reason = (reason or "").strip()
    if len(reason) < 10:
        raise HavenError("Explain why you need to open this record (at least 10 characters)", field="reason")
    with transaction.atomic(durable=True):
        glass = BreakGlass.objects.create(
            customer=customer,
            user=actor,
            reason=reason,
            expires_at=timezone.now() + timedelta(hours=BREAK_GLASS_HOURS),
        )
        audit_record(
            actor=actor,
            action="customer.break_glass",
            target=customer,
            person_ref=person_ref(customer),
            # The reason is sensitive free text: it stays encrypted on the BreakGlass row,
            # and the trail points at that row rather than copying it in the clear.
            changes={"break_glass_id": glass.pk},
        )
        transaction.on_commit(lambda: _alert_data_protection_officers(glass))
    return glass


def _alert_data_protection_officers(glass: BreakGlass) -> None:
    officers = User.objects.filter(
        role=Role.DATA_PROTECTION_OFFICER,
        is_active=True,
        team__office__region__organisation_id=glass.customer.organisation_id,
    ).exclude(email="")
    recipients = [officer.email for officer in officers]
    if not recipients:
        return
    send_mail(
        subject="Haven: a restricted record was opened by break glass",
        message=(
            f"{glass.user.display_name} ({glass.user.username}) opened restricted customer record "
            f"{glass.customer.case_number} at {timezone.localtime(glass.created_at):%d %B %Y %H:%M}.\n\n"
            "Their reason is in Haven's audit trail. Review it there."
        ),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=recipients,
    )


def may_open(user, customer: Customer) -> bool:
    """True if the user may open this record now, without breaking glass."""
    if not CUSTOMER_READERS.allows(user) or not same_organisation(user, customer):
        return False
    if not customer.is_restricted:
        return True
    if NamedAccess.objects.filter(customer=customer, user=user).exists():
        return True
    return BreakGlass.objects.filter(customer=customer, user=user, expires_at__gt=timezone.now()).exists()
