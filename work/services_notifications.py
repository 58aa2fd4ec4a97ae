"""Sending a member of staff a notification in Haven (My work) from another module's
service, inside that service's transaction: so the message and the record it is about
commit together (an incident review's copy to the manager for local plans)."""

from django.db import transaction
from django.utils import timezone

from consent.guard import require_no_credentials
from core.errors import HavenError
from work.models import Notification


def notification_send_within(*, user, kind: str, text: str, link: str = "", task=None) -> Notification:
    """The calling service has decided who may send it and records its own audit event.
    The text is shown on My work and in email, so it must never hold a customer's words."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("notification_send_within must run inside the caller's transaction.")
    if kind not in Notification.Kind.values:
        raise HavenError(f"Unknown notification kind {kind!r}")
    require_no_credentials(text=text)
    if user is None or not user.is_active:
        raise HavenError("Choose an active member of staff to notify")
    return Notification.objects.create(
        user=user, kind=kind, text=text.strip()[:300], link=link[:200], task=task, created_at=timezone.now()
    )
