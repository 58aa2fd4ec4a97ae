"""Signing in the way a person does (password, then authenticator code), for tests that
need the real flow rather than the `sign_in` fixture's shortcut."""

from django.urls import reverse

from accounts.personas import DEMO_PASSWORD, current_code

# Addresses from the documentation ranges (RFC 5737): they only label test requests.
OFFICE_IP = "192.0.2.10"
ELSEWHERE_IP = "198.51.100.20"


def submit_password(client, username: str, password: str = DEMO_PASSWORD, *, ip: str = OFFICE_IP):
    return client.post(reverse("account_login"), {"login": username, "password": password}, REMOTE_ADDR=ip)


def submit_code(client, code: str, *, ip: str = OFFICE_IP):
    return client.post(reverse("mfa_authenticate"), {"code": code}, REMOTE_ADDR=ip)


def sign_in_fully(client, user, *, password: str = DEMO_PASSWORD, ip: str = OFFICE_IP):
    """Password then code; returns the response to the code. Asserts each step worked,
    so a test that depends on being signed in fails where the sign-in broke."""
    response = submit_password(client, user.username, password, ip=ip)
    assert response.status_code == 302, "the password step did not move on"
    assert response["Location"] == reverse("mfa_authenticate")
    response = submit_code(client, current_code(user), ip=ip)
    assert response.status_code == 302, "the code step did not move on"
    return response
