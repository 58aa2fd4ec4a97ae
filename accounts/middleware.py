"""Server-side session limits and the MFA requirement (issue 2)."""

from urllib.parse import urlencode

from allauth.mfa.models import Authenticator
from allauth.usersessions.models import UserSession
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse

from accounts import sessions
from audit.services import audit_record_now

# While enrolling MFA a member of staff can reach only these pages (issue 2). allauth asks
# for the password again before enrolment if the sign-in was more than a few minutes ago.
MFA_ENROLMENT_URL_NAMES = (
    "mfa_activate_totp",
    "mfa_generate_recovery_codes",
    "mfa_view_recovery_codes",
    "account_reauthenticate",
)
ALWAYS_ALLOWED_URL_NAMES = ("account_logout",)


def _sign_in_url(next_path: str) -> str:
    return f"{reverse('account_login')}?{urlencode({'next': next_path})}"


def _resolve(request):
    match = getattr(request, "resolver_match", None)
    if match is not None:
        return match
    try:
        return resolve(request.path_info)
    except Resolver404:
        return None


class SessionTimeoutMiddleware:
    """Ends a session on the server once it has been idle, or open, too long. The limits
    are HAVEN_SESSION_IDLE_MINUTES and HAVEN_SESSION_ABSOLUTE_HOURS."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated:
            reason = sessions.expiry_reason(request.session)
            if reason:
                audit_record_now(actor=user, action="staff.session_expired", target=user, summary=reason)
                # logout() deletes the session row, so the old cookie is worth nothing.
                logout(request)
                messages.info(request, reason)
                if request.path.startswith("/api/"):
                    return self.get_response(request)
                return redirect(_sign_in_url(request.get_full_path()))
            touched = sessions.touch(request.session)
            if request.session.session_key and (touched or not request.session.get(sessions.TRACKED)):
                # "Where you are signed in" (allauth usersessions) is brought up to date
                # with the idle clock, once a minute, not with a database write on every
                # request as allauth's own UserSessionsMiddleware does.
                UserSession.objects.create_from_request(request)
                request.session[sessions.TRACKED] = True
        return self.get_response(request)


class RequireMFAMiddleware:
    """Every member of staff enrols an authenticator before they reach any other page, and
    nobody signs in anywhere except through allauth, which asks for the code."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        match = _resolve(request)
        if match is not None and match.namespace == "admin" and match.url_name == "login":
            # Django admin's own sign-in form checks only the password; send everyone
            # through Haven's sign-in so the authenticator code is always asked for.
            return redirect(_sign_in_url(request.GET.get("next") or reverse("admin:index")))
        user = request.user
        if user.is_authenticated and not request.session.get(sessions.MFA_CONFIRMED):
            if Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
                request.session[sessions.MFA_CONFIRMED] = True
            elif not self._allowed_while_enrolling(request, match):
                messages.info(request, "Set up your authenticator app before you use Haven.")
                return redirect("mfa_activate_totp")
        return self.get_response(request)

    @staticmethod
    def _allowed_while_enrolling(request, match) -> bool:
        if match is None:
            return True
        if match.url_name in MFA_ENROLMENT_URL_NAMES + ALWAYS_ALLOWED_URL_NAMES:
            return True
        return request.path.startswith(("/static/", "/api/"))
