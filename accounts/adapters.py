"""allauth adapters: Haven's rules for sign-in and MFA, in Haven's words."""

import base64
import time
from datetime import UTC, datetime
from functools import lru_cache

from allauth.account import app_settings as account_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.authentication import get_authentication_records
from allauth.core import context
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

WRONG_USERNAME_OR_PASSWORD = "The username or password is not right. Check them and try again."
WRONG_CODE = "The code is not right. Enter the 6-digit code your authenticator app shows now."


class StaffAccountAdapter(DefaultAccountAdapter):
    """Haven has no public sign-up: administrators create staff accounts."""

    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "username_password_mismatch": WRONG_USERNAME_OR_PASSWORD,
        "invalid_login": WRONG_USERNAME_OR_PASSWORD,
        "incorrect_password": "Your current password is not right. Check it and try again.",
        "enter_current_password": "Enter your current password",
        "incorrect_code": WRONG_CODE,
        "account_inactive": "This account has been switched off. Ask an administrator if you need it.",
        "rate_limited": "You have tried too many times. Wait a few minutes, then try again.",
        "too_many_login_attempts": "You have entered too many wrong codes. Wait 5 minutes, then try again.",
    }

    def is_open_for_signup(self, request) -> bool:
        return False

    def pre_authenticate(self, request, **credentials) -> None:
        # Wrong passwords are counted by django-axes, per username *and* address (see
        # accounts.lockout). allauth's own count is per username from anywhere, which would
        # let anyone lock a colleague out by typing their username.
        return None

    def is_reauthentication_required(self, *, app: str, **kwargs) -> bool:
        # allauth asks for the password again before any change to MFA. For someone setting
        # up their first authenticator (and seeing its recovery codes) moments after typing
        # their password, that only asks for the same password twice: it protects nothing
        # from someone who has the password.
        if app == "allauth.mfa" and _enrolling_just_after_password(context.request):
            return False
        return super().is_reauthentication_required(app=app, **kwargs)


def _enrolling_just_after_password(request) -> bool:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return False
    records = get_authentication_records(request, user)
    passwords = [r["at"] for r in records if r.get("method") == "password"]
    if not passwords or time.time() - passwords[-1] >= account_settings.REAUTHENTICATION_TIMEOUT:
        return False
    # Only authenticators added since that password: an existing one means this is a change.
    signed_in_at = datetime.fromtimestamp(passwords[-1], tz=UTC)
    return not Authenticator.objects.filter(user=user, created_at__lt=signed_in_at).exists()


@lru_cache(maxsize=4)
def _fernet(key_material: str) -> Fernet:
    # HKDF gives each purpose its own key, so HAVEN_FIELD_KEY can protect other things
    # later without one ciphertext ever being readable with another purpose's key.
    derived = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"haven:mfa-secrets").derive(
        key_material.encode()
    )
    return Fernet(base64.urlsafe_b64encode(derived))


class EncryptingMFAAdapter(DefaultMFAAdapter):
    """Authenticator secrets and recovery-code seeds are encrypted at rest (issue 2): a copy
    of the database alone does not let anyone produce a member of staff's codes."""

    error_messages = {
        **DefaultMFAAdapter.error_messages,
        "incorrect_code": WRONG_CODE,
        "cannot_delete_authenticator": "You cannot turn off your authenticator app. Haven needs it to keep "
        "people's records safe.",
    }

    def encrypt(self, text: str) -> str:
        return _fernet(settings.HAVEN_FIELD_KEY).encrypt(text.encode()).decode()

    def decrypt(self, encrypted_text: str) -> str:
        try:
            return _fernet(settings.HAVEN_FIELD_KEY).decrypt(encrypted_text.encode()).decode()
        except InvalidToken as exc:
            # Either HAVEN_FIELD_KEY changed, or the row predates encryption (an old
            # development database: delete haven.sqlite3 and run `make run` again).
            raise ImproperlyConfigured("An authenticator secret could not be decrypted with HAVEN_FIELD_KEY.") from exc

    def can_delete_authenticator(self, authenticator) -> bool:
        # Every member of staff must have an authenticator app; without one the MFA
        # middleware would only send them straight back to set one up.
        return authenticator.type != authenticator.Type.TOTP
