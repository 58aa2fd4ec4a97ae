"""Authenticator secrets are encrypted at rest (issue 2)."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import decrypt, encrypt
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings
from django.urls import reverse

from accounts.adapters import WRONG_CODE
from accounts.personas import current_code
from core.testing.sign_in import sign_in_fully, submit_code, submit_password


def test_the_stored_authenticator_secret_is_not_the_secret(cara):
    stored = Authenticator.objects.get(user=cara, type=Authenticator.Type.TOTP).data["secret"]

    secret = decrypt(stored)

    assert stored != secret
    assert secret not in stored
    assert len(secret) == 32  # base32, as the authenticator app needs it
    assert stored.startswith("gAAAA")  # a Fernet token


def test_recovery_code_seeds_are_encrypted_too(cara):
    stored = Authenticator.objects.get(user=cara, type=Authenticator.Type.RECOVERY_CODES).data["seed"]

    assert stored.startswith("gAAAA")
    assert decrypt(stored) not in stored


def test_the_same_secret_encrypts_differently_each_time():
    assert encrypt("JBSWY3DPEHPK3PXP") != encrypt("JBSWY3DPEHPK3PXP")


def test_a_secret_cannot_be_read_with_another_key(cara):
    stored = Authenticator.objects.get(user=cara, type=Authenticator.Type.TOTP).data["secret"]

    with override_settings(HAVEN_FIELD_KEY="someone-elses-key"), pytest.raises(ImproperlyConfigured):
        decrypt(stored)


def test_signing_in_with_the_code_from_the_encrypted_secret_works(client, cara):
    assert len(current_code(cara)) == 6

    sign_in_fully(client, cara)

    assert client.get(reverse("home")).status_code == 200


def test_a_code_read_just_before_it_changed_is_still_accepted(client, cara):
    with time_machine.travel(datetime(2026, 3, 2, 9, 0, 29, tzinfo=UTC), tick=False) as clock:
        code = current_code(cara)
        submit_password(client, "cara")
        clock.shift(timedelta(seconds=5))  # the app now shows the next code

        response = submit_code(client, code)

        assert response.status_code == 302
        assert client.get(reverse("home")).status_code == 200


def test_a_code_from_two_minutes_ago_is_refused(client, cara):
    with time_machine.travel(datetime(2026, 3, 2, 9, 0, 0, tzinfo=UTC), tick=False) as clock:
        code = current_code(cara)
        submit_password(client, "cara")
        clock.shift(timedelta(minutes=2))

        response = submit_code(client, code)

        assert response.status_code == 200
        assert WRONG_CODE in response.content.decode()
        assert client.get(reverse("home")).status_code == 302
