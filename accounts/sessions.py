"""Ending staff sessions on the server, and the idle and absolute limits."""

import time

from allauth.usersessions.models import UserSession
from django.conf import settings

SIGNED_IN_AT = "haven_signed_in_at"
LAST_SEEN_AT = "haven_last_seen_at"
MFA_CONFIRMED = "haven_mfa_confirmed"
TRACKED = "haven_session_tracked"  # this session has its allauth UserSession row
# Touching the session on every request would write to the database on every request;
# once a minute keeps the idle limit accurate to the minute.
TOUCH_EVERY_SECONDS = 60


def end_all_sessions(user) -> int:
    """Deletes every server-side session of the user, wherever they signed in."""
    ended = 0
    for user_session in UserSession.objects.filter(user=user):
        user_session.end()
        ended += 1
    return ended


def expiry_reason(session, now: float | None = None) -> str | None:
    now = time.time() if now is None else now
    signed_in_at = session.get(SIGNED_IN_AT)
    last_seen_at = session.get(LAST_SEEN_AT)
    if signed_in_at is None or last_seen_at is None:
        return None
    if now - signed_in_at > settings.HAVEN_SESSION_ABSOLUTE_HOURS * 3600:
        return (
            f"You were signed out because you had been signed in for "
            f"{settings.HAVEN_SESSION_ABSOLUTE_HOURS} hours. Sign in again to carry on."
        )
    if now - last_seen_at > settings.HAVEN_SESSION_IDLE_MINUTES * 60:
        return (
            f"You were signed out because Haven had not been used for "
            f"{settings.HAVEN_SESSION_IDLE_MINUTES} minutes. Sign in again to carry on."
        )
    return None


def mark_signed_in(session, now: float | None = None) -> None:
    now = time.time() if now is None else now
    session[SIGNED_IN_AT] = now
    session[LAST_SEEN_AT] = now


def touch(session, now: float | None = None) -> bool:
    """Records that the session is in use, at most once a minute; True if it did."""
    now = time.time() if now is None else now
    if now - session.get(LAST_SEEN_AT, 0) >= TOUCH_EVERY_SECONDS:
        session[LAST_SEEN_AT] = now
        return True
    return False


def revoke_api_tokens(user, *, actor) -> int:
    """Revokes every live API token of the person, so that reactivating them later, or
    a reset authenticator, never brings an old token back to life."""
    from django.utils import timezone

    from api.models import ApiToken  # the API app builds on accounts, not the other way round

    return ApiToken.objects.filter(owner=user, revoked_at=None).update(revoked_at=timezone.now(), revoked_by=actor)
