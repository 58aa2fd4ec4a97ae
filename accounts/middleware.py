from allauth.mfa.models import Authenticator
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse

from accounts import sessions
from audit.services import audit_record_now

# While enrolling MFA a member of staff can reach only these pages (issue 2).
MFA_ENROLMENT_URL_NAMES = ("mfa_activate_totp", "mfa_generate_recovery_codes", "mfa_view_recovery_codes")
ALWAYS_ALLOWED_URL_NAMES = ("account_logout",)


class SessionTimeoutMiddleware:
    """Ends a session on the server once it has been idle, or open, too long."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated:
            reason = sessions.expiry_reason(request.session)
            if reason:
                audit_record_now(actor=user, action="staff.session_expired", target=user, summary=reason)
                logout(request)
                messages.info(request, reason)
                if request.path.startswith("/api/"):
                    return self.get_response(request)
                return redirect(f"{reverse('account_login')}?next={request.path}")
            sessions.touch(request.session)
        return self.get_response(request)


class RequireMFAMiddleware:
    """Every staff account enrols an authenticator before it reaches any other page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and not request.session.get(sessions.MFA_CONFIRMED):
            if Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
                request.session[sessions.MFA_CONFIRMED] = True
            elif not self._allowed_while_enrolling(request):
                messages.info(request, "Set up your authenticator app before you use Haven.")
                return redirect("mfa_activate_totp")
        return self.get_response(request)

    @staticmethod
    def _allowed_while_enrolling(request) -> bool:
        match = getattr(request, "resolver_match", None)
        if match is None:
            from django.urls import Resolver404, resolve

            try:
                match = resolve(request.path_info)
            except Resolver404:
                return True
        if match.url_name in MFA_ENROLMENT_URL_NAMES + ALWAYS_ALLOWED_URL_NAMES:
            return True
        return request.path.startswith(("/static/", "/api/"))
