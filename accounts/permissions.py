"""Who may do what with staff and organisations. Deny by default."""

from accounts.roles import Role
from core.access import SIGNED_IN, Policy


def _has_role(*roles: str):
    return lambda user: bool(getattr(user, "is_authenticated", False) and user.has_role(*roles))


ADMINISTRATORS = Policy(
    name="administrators",
    description="Administrators manage organisations, offices, teams, support groups and staff.",
    allows=_has_role(Role.ADMINISTRATOR),
)

ANY_STAFF = SIGNED_IN


def can_manage_staff(user) -> bool:
    return ADMINISTRATORS.allows(user)


HOME_BASED_WORKERS = Policy(
    name="home-based-workers",
    description="Active home-based staff choose the real-time support group they join each day "
    "(DA Plan, Section A; home working).",
    allows=lambda user: bool(getattr(user, "is_authenticated", False) and user.is_active and user.is_home_based),
)
