"""Security headers on every page, and Django's deployment checklist (issue 2)."""

import os
import re
import secrets
import subprocess
import sys

from django.conf import settings
from django.urls import reverse


def _directive(policy: str, name: str) -> str:
    match = re.search(rf"(?:^|;)\s*{name} ([^;]*)", policy)
    assert match, f"{name} missing from {policy!r}"
    return match.group(1)


def test_a_signed_in_page_is_never_cached(sign_in, cara):
    response = sign_in(cara).get(reverse("home"))

    assert response.status_code == 200
    cache_control = response["Cache-Control"]
    assert "no-store" in cache_control
    assert "private" in cache_control


def test_the_sign_in_page_is_never_cached_either(client):
    assert "no-store" in client.get(reverse("account_login"))["Cache-Control"]


def test_pages_carry_a_content_security_policy_with_a_nonce_and_no_unsafe_inline(sign_in, cara):
    response = sign_in(cara).get(reverse("home"))

    policy = response["Content-Security-Policy"]
    nonce = re.search(r"'nonce-([^']+)'", _directive(policy, "script-src")).group(1)
    assert f'nonce="{nonce}"' in response.content.decode()
    assert "'unsafe-inline'" not in policy
    assert "'unsafe-eval'" not in policy
    assert _directive(policy, "style-src").split() == ["'self'"]
    assert _directive(policy, "default-src").split() == ["'self'"]
    assert _directive(policy, "frame-ancestors").split() == ["'none'"]
    assert _directive(policy, "object-src").split() == ["'none'"]


def test_each_response_gets_a_fresh_nonce(sign_in, cara):
    client = sign_in(cara)

    first = client.get(reverse("home"))["Content-Security-Policy"]
    second = client.get(reverse("home"))["Content-Security-Policy"]

    assert first != second


def test_every_inline_script_on_a_page_carries_the_nonce(sign_in, cara):
    response = sign_in(cara).get(reverse("home"))
    page = response.content.decode()

    scripts = re.findall(r"<script\b[^>]*>", page)
    assert scripts
    for tag in scripts:
        assert 'nonce="' in tag, tag
    assert " style=" not in page


def test_pages_cannot_be_framed_or_sniffed(sign_in, cara):
    response = sign_in(cara).get(reverse("home"))

    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


# The test run's own switches (conftest allows async-unsafe ORM calls for Playwright) are
# not production's, so the subprocess starts from a clean slate.
TEST_ONLY_VARIABLES = {"DJANGO_ALLOW_ASYNC_UNSAFE", "DJANGO_SETTINGS_MODULE", "HAVEN_FIELD_KEY", "HAVEN_AUDIT_KEY"}


def _manage_in_production(*args: str, **variables: str) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if key not in TEST_ONLY_VARIABLES}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="haven.example.gov.uk",
        **variables,
    )
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_settings_pass_the_django_deployment_checklist():
    result = _manage_in_production(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        HAVEN_AUDIT_KEY=secrets.token_urlsafe(32),
        HAVEN_FIELD_KEY=secrets.token_urlsafe(32),
    )

    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert not re.search(r"WARNING|ERROR|\(security\.W\d+\)", output), output
    assert "System check identified no issues" in output


def test_production_settings_refuse_to_start_without_the_field_key():
    result = _manage_in_production("check", HAVEN_AUDIT_KEY=secrets.token_urlsafe(32))

    assert result.returncode != 0
    assert "Set the environment variable HAVEN_FIELD_KEY." in result.stderr
