"""Sign-in events from Django and allauth, recorded in the audit trail.

These are framework hooks, not business logic: each receiver only records evidence.
"""

from allauth.mfa.signals import authenticator_added
from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from accounts import lockout, sessions
from audit.services import audit_record_now


@receiver(user_logged_in)
def record_sign_in(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        sessions.mark_signed_in(request.session)
    audit_record_now(actor=user, action="staff.signed_in", target=user)


@receiver(user_logged_out)
def record_sign_out(sender, request, user, **kwargs):
    if user is not None:
        audit_record_now(actor=user, action="staff.signed_out", target=user)


@receiver(user_login_failed)
def record_failed_sign_in(sender, credentials, request=None, **kwargs):
    username = lockout.username_from(request, credentials) if request is not None else credentials.get("username")
    audit_record_now(actor=None, action="staff.sign_in_failed", changes={"username": username or ""})


@receiver(authenticator_added)
def record_mfa_enrolment(sender, request, user, authenticator, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[sessions.MFA_CONFIRMED] = True
    audit_record_now(actor=user, action="staff.mfa_enrolled", target=user, changes={"type": authenticator.type})


@receiver(user_locked_out)
def record_lockout(sender, request=None, username=None, ip_address=None, **kwargs):
    # Sent when the limit is reached and again for each attempt refused while locked out.
    audit_record_now(
        actor=None, action="staff.locked_out", changes={"username": username or "", "ip_address": ip_address or ""}
    )
