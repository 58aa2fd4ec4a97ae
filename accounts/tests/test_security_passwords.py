"""Passwords (issue 2, point 7): argon2 hashing and strong-password rules."""

import importlib

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts import personas
from core.testing.sign_in import sign_in_fully


def test_base_settings_hash_passwords_with_argon2_first():
    base = importlib.import_module("config.settings.base")

    assert base.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


def test_production_settings_keep_argon2_first(monkeypatch):
    for name, value in {"DJANGO_SECRET_KEY": "x" * 60, "HAVEN_AUDIT_KEY": "a", "HAVEN_FIELD_KEY": "f"}.items():
        monkeypatch.setenv(name, value)
    production = importlib.import_module("config.settings.production")
    importlib.reload(production)

    assert production.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("Sh0rt!pass", "This password is too short. It must contain at least 12 characters."),
        ("password1234", "This password is too common."),
        ("839201746352", "This password is entirely numeric."),
    ],
)
def test_weak_passwords_are_refused_with_the_reason(password, reason):
    with pytest.raises(ValidationError) as refused:
        validate_password(password)

    assert reason in refused.value.messages


def test_a_long_uncommon_password_is_accepted():
    validate_password("kettle-harbour-violet-51")


def test_changing_to_a_weak_password_is_refused_and_the_old_one_still_works(client, cara):
    sign_in_fully(client, cara)

    response = client.post(
        reverse("account_change_password"),
        {"oldpassword": personas.DEMO_PASSWORD, "password1": "password1234", "password2": "password1234"},
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "This password is too common." in page
    assert 'class="govuk-input govuk-input--width-20 govuk-input--error" id="id_password1"' in page
    cara.refresh_from_db()
    assert cara.check_password(personas.DEMO_PASSWORD)
