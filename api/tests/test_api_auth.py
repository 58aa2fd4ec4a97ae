"""Who the API believes is asking: a personal token, and nothing else."""

import json
from datetime import timedelta

import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts import services as accounts_services
from api import services
from api.errors import NOT_SIGNED_IN
from api.models import ApiToken
from api.tests.helpers import bearer, token_for
from audit.models import AuditEvent

ME = reverse("api:me")


def _assert_refused(response):
    assert response.status_code == 401
    assert response.json() == {"detail": NOT_SIGNED_IN}
    assert response["WWW-Authenticate"] == 'Bearer realm="Haven"'


def test_a_request_without_a_token_is_refused(client, cara):
    _assert_refused(client.get(ME))


def test_a_made_up_token_is_refused(client, cara):
    token_for(cara)
    _assert_refused(client.get(ME, headers=bearer("haven_00000000_not-a-real-token")))
    _assert_refused(client.get(ME, headers={"Authorization": "Basic Y2FyYTpwYXNzd29yZA=="}))


def test_a_token_with_one_character_changed_is_refused(client, cara):
    plain = token_for(cara)
    tampered = plain[:-1] + ("A" if plain[-1] != "A" else "B")
    _assert_refused(client.get(ME, headers=bearer(tampered)))


def test_a_revoked_token_is_refused_at_once(client, cara):
    plain = token_for(cara)
    assert client.get(ME, headers=bearer(plain)).status_code == 200

    services.api_token_revoke(actor=cara, token=ApiToken.objects.get(owner=cara))

    _assert_refused(client.get(ME, headers=bearer(plain)))


def test_an_expired_token_is_refused(client, cara):
    plain = token_for(cara, expires_on=timezone.localdate())
    expires_at = ApiToken.objects.get(owner=cara).expires_at
    with time_machine.travel(expires_at - timedelta(seconds=1), tick=False):
        assert client.get(ME, headers=bearer(plain)).status_code == 200
    with time_machine.travel(expires_at, tick=False):
        _assert_refused(client.get(ME, headers=bearer(plain)))


def test_a_deactivated_persons_token_stops_working_at_once(client, cara, ada):
    plain = token_for(cara)
    assert client.get(ME, headers=bearer(plain)).status_code == 200

    accounts_services.staff_deactivate(actor=ada, user=cara)

    _assert_refused(client.get(ME, headers=bearer(plain)))


def test_reactivating_someone_does_not_bring_their_old_tokens_back(client, cara, ada):
    plain = token_for(cara)
    accounts_services.staff_deactivate(actor=ada, user=cara)
    accounts_services.staff_reactivate(actor=ada, user=cara)

    _assert_refused(client.get(ME, headers=bearer(plain)))
    event = AuditEvent.objects.filter(action="staff.deactivated").latest("seq")
    assert event.changes["api_tokens_revoked"] == 1


def test_resetting_someones_authenticator_revokes_their_tokens(client, cara, ada):
    plain = token_for(cara)
    accounts_services.staff_reset_mfa(actor=ada, user=cara)

    _assert_refused(client.get(ME, headers=bearer(plain)))


def test_a_signed_in_browser_session_does_not_authenticate_the_api(sign_in, ada):
    client = sign_in(ada)
    assert client.get(reverse("home")).status_code == 200

    _assert_refused(client.get(ME))
    response = client.post(
        reverse("api:staff_create"), data=json.dumps({"username": "x"}), content_type="application/json"
    )
    assert response.status_code == 401


def test_the_token_decides_who_is_asking_not_the_session(sign_in, ada, cara):
    client = sign_in(ada)
    plain = token_for(cara)

    assert client.get(ME, headers=bearer(plain)).json()["username"] == "cara"
    # cara's token cannot list staff, even from ada's browser.
    assert client.get(reverse("api:staff_list"), headers=bearer(plain)).status_code == 403


def test_the_api_needs_no_csrf_token_because_it_ignores_cookies(ada, demo_teams):
    client = Client(enforce_csrf_checks=True)
    plain = token_for(ada)
    response = client.post(
        reverse("api:staff_create"),
        data=json.dumps(
            {
                "username": "newbie",
                "password": "a-long-first-password-2026",
                "first_name": "New",
                "last_name": "Starter",
                "role": "caseworker",
            }
        ),
        content_type="application/json",
        headers=bearer(plain),
    )
    assert response.status_code == 201


def test_using_a_token_records_when_it_was_last_used_at_most_once_a_minute(client, cara):
    plain = token_for(cara)
    start = timezone.now().replace(microsecond=0)

    with time_machine.travel(start, tick=False):
        client.get(ME, headers=bearer(plain))
    with time_machine.travel(start + timedelta(seconds=30), tick=False):
        client.get(ME, headers=bearer(plain))
    assert ApiToken.objects.get(owner=cara).last_used_at == start

    with time_machine.travel(start + timedelta(minutes=2), tick=False):
        client.get(ME, headers=bearer(plain))
    assert ApiToken.objects.get(owner=cara).last_used_at == start + timedelta(minutes=2)


def test_using_a_token_is_not_an_audit_event_of_its_own(client, cara):
    plain = token_for(cara)
    events = AuditEvent.objects.count()
    client.get(ME, headers=bearer(plain))
    assert AuditEvent.objects.count() == events
