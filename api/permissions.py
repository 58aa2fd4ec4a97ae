"""Who may hold, create and revoke personal API tokens. Deny by default."""

from allauth.mfa.models import Authenticator

from accounts.permissions import ADMINISTRATORS
from core.access import Policy


def _active_staff(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active and not user.is_system)


TOKEN_HOLDERS = Policy(
    name="api-token-holders",
    description="Any active member of staff manages their own personal API tokens, and uses the API "
    "as themselves (each endpoint then applies its own policy).",
    allows=_active_staff,
)


def has_enrolled_mfa(user) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def can_create_token(user) -> bool:
    """A token acts as its owner without a second factor, so only someone who has an
    authenticator app may make one (the pages also require this session to have passed MFA)."""
    return _active_staff(user) and has_enrolled_mfa(user)


def can_revoke_token(user, token) -> bool:
    """The owner, or an administrator (for someone who has left or lost a device)."""
    return _active_staff(user) and (token.owner_id == user.pk or ADMINISTRATORS.allows(user))
