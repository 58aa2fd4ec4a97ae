"""Declared access policies for every view: deny by default.

Each app's `permissions.py` defines `Policy` objects; each view says which one applies
with `@access(POLICY)`. A test walks every URL pattern and fails if a view has none
(the GOV.UK Notify pattern), so a new page cannot ship unprotected.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps

from django.core.exceptions import PermissionDenied
from django.http import Http404


@dataclass(frozen=True)
class Policy:
    name: str
    description: str
    allows: Callable[[object], bool]
    # Answer 404 rather than 403 where even the existence of the thing is sensitive.
    hide_existence: bool = False
    requires_sign_in: bool = True

    def check(self, user) -> None:
        if self.requires_sign_in and not getattr(user, "is_authenticated", False):
            raise PermissionDenied
        if not self.allows(user):
            if self.hide_existence:
                raise Http404
            raise PermissionDenied


PUBLIC = Policy(
    name="public",
    description="Anyone, signed in or not (sign-in pages, health check).",
    allows=lambda user: True,
    requires_sign_in=False,
)

SIGNED_IN = Policy(
    name="signed-in",
    description="Any active member of staff who has signed in with MFA.",
    allows=lambda user: bool(getattr(user, "is_authenticated", False) and user.is_active),
)


def staff_with_roles(roles):
    """A policy test: a signed-in member of staff in a team, holding one of `roles`."""
    return lambda user: bool(getattr(user, "is_authenticated", False) and user.has_role(*roles) and user.team_id)


def access(policy: Policy):
    """Declare and enforce the access policy of a function view."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            policy.check(request.user)
            return view(request, *args, **kwargs)

        wrapped.access_policy = policy
        if not policy.requires_sign_in:
            wrapped.login_required = False
        return wrapped

    return decorator


# URL patterns that come from maintained third-party apps, with the reason each is safe.
# The URL-walk test accepts a view from these modules only; anything else needs @access.
THIRD_PARTY_VIEW_MODULES = {
    "allauth.": "Sign-in, sign-out, MFA enrolment and the user's own account: allauth "
    "serves these only to the person they belong to.",
    "django.contrib.admin.": "Django admin: only is_staff administrators, after MFA.",
    "django.contrib.auth.views": "Reached only through Django admin.",
    "django.views.static": "Static files in development only.",
}
