"""Lockout (issue 2, point 4): a username is locked out from one address, never everywhere."""

from axes.models import AccessAttempt
from django.test import override_settings
from django.urls import reverse

from accounts.adapters import WRONG_CODE, WRONG_USERNAME_OR_PASSWORD
from accounts.personas import current_code
from audit.models import AuditEvent
from core.testing.sign_in import ELSEWHERE_IP, OFFICE_IP, sign_in_fully, submit_code, submit_password

LOCKED_OUT_HEADING = "Your account is locked for now"


def _fail(client, username: str, times: int, *, ip: str = OFFICE_IP):
    return [submit_password(client, username, "not-the-password", ip=ip) for _ in range(times)]


def test_a_wrong_password_is_refused_in_plain_english_and_keeps_the_username(client, cara):
    response = submit_password(client, "cara", "not-the-password")

    page = response.content.decode()
    assert response.status_code == 200
    assert WRONG_USERNAME_OR_PASSWORD in page
    assert "There is a problem" in page
    assert 'value="cara"' in page
    assert "not-the-password" not in page
    assert LOCKED_OUT_HEADING not in page
    assert client.get(reverse("home")).status_code == 302


def test_five_wrong_passwords_lock_the_username_out_from_that_address_even_with_the_right_password(client, cara):
    responses = _fail(client, "cara", 5)
    assert [r.status_code for r in responses[:4]] == [200, 200, 200, 200]

    response = submit_password(client, "cara")

    assert response.status_code == 429
    page = response.content.decode()
    assert LOCKED_OUT_HEADING in page
    assert "will not accept them for 15 minutes" in page
    assert "PT15M" not in page
    assert "_auth_user_id" not in client.session
    assert "account_authentication_methods" not in client.session
    # Audit content is canonical JSON text (audit/fields.py): no key lookups in SQL.
    assert any(e.changes["username"] == "cara" for e in AuditEvent.objects.filter(action="staff.locked_out"))


def test_four_wrong_passwords_do_not_lock_anyone_out(client, cara):
    _fail(client, "cara", 4)

    sign_in_fully(client, cara)

    assert client.get(reverse("home")).status_code == 200


def test_the_same_username_can_still_sign_in_from_another_address(client, cara):
    _fail(client, "cara", 6, ip=OFFICE_IP)
    assert submit_password(client, "cara", ip=OFFICE_IP).status_code == 429

    sign_in_fully(client, cara, ip=ELSEWHERE_IP)

    home = client.get(reverse("home"), REMOTE_ADDR=ELSEWHERE_IP)
    assert home.status_code == 200
    assert "Signed in as Cara Okafor" in home.content.decode()


def test_a_lockout_of_one_username_does_not_lock_out_a_colleague_at_the_same_address(client, cara, hana):
    _fail(client, "cara", 5)

    sign_in_fully(client, hana)

    assert client.get(reverse("home")).status_code == 200


def test_the_username_is_matched_whatever_its_capitals(client, cara):
    _fail(client, "CARA", 3)
    _fail(client, "Cara", 2)

    assert submit_password(client, "cara").status_code == 429
    assert AccessAttempt.objects.filter(username="cara").count() == 1


@override_settings(HAVEN_TRUSTED_PROXY_COUNT=1)
def test_behind_a_proxy_the_address_comes_from_the_proxy_and_cannot_be_forged(client, cara):
    # The proxy appends the real client address; anything to its left came from the client.
    for forged in ("203.0.113.1", "203.0.113.2", "203.0.113.3", "203.0.113.4", "203.0.113.5"):
        client.post(
            reverse("account_login"),
            {"login": "cara", "password": "not-the-password"},
            REMOTE_ADDR="192.0.2.254",
            HTTP_X_FORWARDED_FOR=f"{forged}, {OFFICE_IP}",
        )

    locked = client.post(
        reverse("account_login"),
        {"login": "cara", "password": "haven-demo-sign-in-2026"},
        REMOTE_ADDR="192.0.2.254",
        HTTP_X_FORWARDED_FOR=f"203.0.113.9, {OFFICE_IP}",
    )
    assert locked.status_code == 429
    assert AccessAttempt.objects.get(username="cara").ip_address == OFFICE_IP


def test_after_five_wrong_authenticator_codes_even_the_right_code_is_refused_for_now(client, cara):
    submit_password(client, "cara")
    for _ in range(5):
        wrong = submit_code(client, "000000")
        assert WRONG_CODE in wrong.content.decode()

    response = submit_code(client, current_code(cara))

    page = response.content.decode()
    assert response.status_code == 200
    assert "You have entered too many wrong codes. Wait 5 minutes, then try again." in page
    assert "There is a problem" in page
    assert client.get(reverse("home")).status_code == 302
