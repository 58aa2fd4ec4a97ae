"""Sessions end on the server (issue 2, point 5): idle and absolute limits, sign-out, and MFA
enrolment before anything else."""

from datetime import timedelta

import pytest
import time_machine
from allauth.mfa.models import Authenticator
from django.contrib.messages import get_messages
from django.contrib.sessions.models import Session
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from accounts import personas
from audit.models import AuditEvent
from core.system import system_actor
from core.testing.sign_in import sign_in_fully


def _session_exists(key: str) -> bool:
    return Session.objects.filter(session_key=key).exists()


@pytest.fixture
def clock():
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        yield traveller


def _signed_in(client, user, clock):
    sign_in_fully(client, user)
    assert client.get(reverse("home")).status_code == 200
    return client.session.session_key


def _expired_response_says(response, words: str):
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    shown = [str(m) for m in get_messages(response.wsgi_request)]
    assert shown == [words]


def test_a_session_idle_for_more_than_30_minutes_is_ended_on_the_server(client, cara, clock):
    key = _signed_in(client, cara, clock)

    clock.shift(timedelta(minutes=31))
    response = client.get(reverse("home"))

    _expired_response_says(
        response, "You were signed out because Haven had not been used for 30 minutes. Sign in again to carry on."
    )
    assert not _session_exists(key)
    assert client.get(reverse("home")).status_code == 302
    assert AuditEvent.objects.filter(action="staff.session_expired", actor=cara).count() == 1


def test_using_haven_keeps_the_session_alive_past_the_idle_limit(client, cara, clock):
    key = _signed_in(client, cara, clock)

    for _ in range(4):
        clock.shift(timedelta(minutes=20))
        assert client.get(reverse("home")).status_code == 200

    assert _session_exists(key)


def test_a_session_ends_after_10_hours_even_while_in_use(client, cara, clock):
    key = _signed_in(client, cara, clock)

    quarter_hours = 0
    while quarter_hours < 48:  # a page every quarter of an hour, never idle
        clock.shift(timedelta(minutes=15))
        quarter_hours += 1
        response = client.get(reverse("home"))
        if response.status_code != 200:
            break

    assert quarter_hours == 41  # still signed in at exactly 10 hours, out just after
    _expired_response_says(
        response, "You were signed out because you had been signed in for 10 hours. Sign in again to carry on."
    )
    assert not _session_exists(key)


@override_settings(HAVEN_SESSION_IDLE_MINUTES=5, HAVEN_SESSION_ABSOLUTE_HOURS=1)
def test_the_limits_come_from_settings(client, cara, clock):
    key = _signed_in(client, cara, clock)
    clock.shift(timedelta(minutes=4))
    assert client.get(reverse("home")).status_code == 200

    clock.shift(timedelta(minutes=6))
    response = client.get(reverse("home"))

    _expired_response_says(
        response, "You were signed out because Haven had not been used for 5 minutes. Sign in again to carry on."
    )
    assert not _session_exists(key)


def test_signing_out_deletes_the_session_on_the_server(client, cara):
    sign_in_fully(client, cara)
    key = client.session.session_key
    assert _session_exists(key)

    response = client.post(reverse("account_logout"))

    assert response.status_code == 302
    assert not _session_exists(key)
    assert AuditEvent.objects.filter(action="staff.signed_out", actor=cara).exists()
    assert client.get(reverse("home")).status_code == 302


def test_signing_out_needs_a_post_so_a_link_cannot_sign_someone_out(client, cara):
    sign_in_fully(client, cara)
    key = client.session.session_key

    response = client.get(reverse("account_logout"))

    assert response.status_code == 200
    assert "Sign out of Haven" in response.content.decode()
    assert _session_exists(key)


@pytest.fixture
def newcomer(demo_teams):
    """A caseworker whose account has just been made: no authenticator yet."""
    spec = next(p for p in personas.PERSONAS if p.username == "hana")
    return personas.create_persona(spec, teams=demo_teams, actor=system_actor(), with_mfa=False)


@pytest.mark.parametrize(
    "url_name", ["home", "accounts:my_account", "accounts:admin_home", "mfa_index", "account_change_password"]
)
def test_staff_without_an_authenticator_are_sent_to_set_one_up_from_every_page(client, newcomer, url_name):
    response = client.post(reverse("account_login"), {"login": "hana", "password": personas.DEMO_PASSWORD})
    assert response.status_code == 302

    response = client.get(reverse(url_name))

    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


def test_staff_without_an_authenticator_can_reach_enrolment_and_sign_out(client, newcomer):
    client.post(reverse("account_login"), {"login": "hana", "password": personas.DEMO_PASSWORD})

    enrolment = client.get(reverse("mfa_activate_totp"))
    assert enrolment.status_code == 200
    assert "Set up your authenticator app" in enrolment.content.decode()

    key = client.session.session_key
    assert client.post(reverse("account_logout")).status_code == 302
    assert not _session_exists(key)


@pytest.mark.django_db(transaction=True)  # allauth confirms enrolment on commit, as in real use
def test_enrolling_an_authenticator_opens_haven_and_shows_recovery_codes(client, newcomer):
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    client.post(reverse("account_login"), {"login": "hana", "password": personas.DEMO_PASSWORD})
    page = client.get(reverse("mfa_activate_totp"))
    secret = page.context["form"].secret
    counter = int(timezone.now().timestamp()) // 30

    response = client.post(reverse("mfa_activate_totp"), {"code": format_hotp_value(hotp_value(secret, counter))})

    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_view_recovery_codes")
    assert Authenticator.objects.filter(user=newcomer, type=Authenticator.Type.TOTP).exists()
    codes = client.get(reverse("mfa_view_recovery_codes")).content.decode()
    assert "Your authenticator app is set up." in codes
    assert "10 of 10 codes unused" in codes
    assert client.get(reverse("home")).status_code == 200
    assert AuditEvent.objects.filter(action="staff.mfa_enrolled", actor=newcomer).exists()


def test_django_admin_sign_in_is_sent_through_haven_sign_in_so_mfa_cannot_be_skipped(client, cara):
    response = client.post(reverse("admin:login"), {"username": "cara", "password": personas.DEMO_PASSWORD})

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert "_auth_user_id" not in client.session
