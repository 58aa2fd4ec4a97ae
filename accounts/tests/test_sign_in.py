from django.urls import reverse

from accounts.personas import DEMO_PASSWORD, current_code
from audit.models import AuditEvent


def _password_step(client, username, password=DEMO_PASSWORD):
    return client.post(reverse("account_login"), {"login": username, "password": password})


def test_a_caseworker_signs_in_with_password_and_authenticator_code(client, cara):
    response = _password_step(client, "cara")
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")

    response = client.post(reverse("mfa_authenticate"), {"code": current_code(cara)})
    assert response.status_code == 302
    home = client.get(reverse("home"))
    assert home.status_code == 200
    assert "Signed in as Cara Okafor" in home.content.decode()
    assert AuditEvent.objects.filter(action="staff.signed_in", actor=cara).exists()


def test_a_wrong_code_is_refused_in_plain_english(client, cara):
    _password_step(client, "cara")
    response = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "The code is not right. Enter the 6-digit code your authenticator app shows now." in page
    assert "There is a problem" in page
    assert client.get(reverse("home")).status_code == 302


def test_pages_need_sign_in(client):
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
