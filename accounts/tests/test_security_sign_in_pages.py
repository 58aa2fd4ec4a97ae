"""allauth's pages in Haven's GOV.UK look and plain words (issue 2)."""

import re

import pytest
from django.urls import reverse

from accounts import personas
from core.system import system_actor
from core.testing.sign_in import submit_password

NOT_OFFERED = (
    "/accounts/signup/",
    "/accounts/email/",
    "webauthn",
    "passkey",
    "Sign Up",
    "security key",
    "Two-Factor",
)


def _labels_match_inputs(page: str) -> None:
    """Every visible input, textarea and select has a <label for> naming it."""
    ids = re.findall(r'<(?:input|textarea|select)(?![^>]*type="(?:hidden|submit)")[^>]*\bid="([^"]+)"', page)
    assert ids, "no fields on the page"
    for field_id in ids:
        assert re.search(rf'<label class="govuk-label[^"]*" for="{re.escape(field_id)}"', page), field_id


def _looks_like_haven(page: str) -> None:
    assert 'class="govuk-header"' in page
    assert "govuk-frontend.min.css" in page
    assert 'class="govuk-heading-l"' in page or "govuk-label--l" in page
    for phrase in NOT_OFFERED:
        assert phrase not in page, phrase


def test_the_sign_in_page_is_a_gov_uk_page_with_labelled_fields_and_nothing_haven_does_not_offer(client):
    page = client.get(reverse("account_login")).content.decode()

    _looks_like_haven(page)
    _labels_match_inputs(page)
    assert "<title>Sign in - Haven</title>" in page
    assert "Sign in to Haven" in page
    assert 'autocomplete="username"' in page
    assert 'autocomplete="current-password"' in page
    assert "placeholder=" not in page


def test_an_empty_sign_in_shows_the_error_summary_linked_to_each_field(client):
    page = client.post(reverse("account_login"), {"login": "", "password": ""}).content.decode()

    assert "There is a problem" in page
    assert page.index("There is a problem") < page.index("Sign in to Haven")
    assert '<a href="#id_login">This field is required.</a>' in page
    assert '<a href="#id_password">This field is required.</a>' in page
    assert 'class="govuk-error-message"' in page
    assert "<title>Sign in - Error - Haven</title>" in page


def test_the_code_page_asks_for_the_code_in_plain_english(client, cara):
    submit_password(client, "cara")

    page = client.get(reverse("mfa_authenticate")).content.decode()

    _looks_like_haven(page)
    _labels_match_inputs(page)
    assert '<h1 class="govuk-label-wrapper"><label class="govuk-label govuk-label--l" for="id_code">' in page
    assert "Enter the code from your authenticator app" in page
    assert 'autocomplete="one-time-code"' in page
    assert "Cancel and sign out" in page


@pytest.fixture
def newcomer(demo_teams):
    spec = next(p for p in personas.PERSONAS if p.username == "hana")
    return personas.create_persona(spec, teams=demo_teams, actor=system_actor(), with_mfa=False)


def test_enrolment_shows_the_qr_code_as_a_data_image_and_the_setup_key(client, newcomer):
    submit_password(client, "hana")

    response = client.get(reverse("mfa_activate_totp"))

    page = response.content.decode()
    _looks_like_haven(page)
    _labels_match_inputs(page)
    assert "Set up your authenticator app" in page
    assert re.search(r'<img src="data:image/svg\+xml;base64,[A-Za-z0-9+/=]+" alt="QR code', page)
    assert response.context["form"].secret in page
    # The QR code is an image from a data: URL, which the policy allows for images only.
    policy = response["Content-Security-Policy"]
    assert re.search(r"img-src [^;]*data:", policy)


def test_recovery_codes_and_the_authenticator_summary_read_plainly(sign_in, cara):
    client = sign_in(cara)

    page = client.get(reverse("mfa_index")).content.decode()

    _looks_like_haven(page)
    assert "Your authenticator app and recovery codes" in page
    assert "10 of 10 unused" in page
    assert "Deactivate" not in page


def test_seeing_recovery_codes_later_needs_the_password_again(sign_in, cara):
    client = sign_in(cara)

    response = client.get(reverse("mfa_view_recovery_codes"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    page = client.get(response["Location"]).content.decode()
    _looks_like_haven(page)
    _labels_match_inputs(page)
    assert "Enter your password again" in page


def test_an_authenticator_cannot_be_switched_off_by_its_owner(sign_in, cara):
    from allauth.mfa.models import Authenticator

    client = sign_in(cara)
    client.post(reverse("account_reauthenticate"), {"password": personas.DEMO_PASSWORD})

    response = client.post(reverse("mfa_deactivate_totp"))

    assert response.status_code == 200
    assert "You cannot turn off your authenticator app." in response.content.decode()
    assert Authenticator.objects.filter(user=cara, type=Authenticator.Type.TOTP).exists()


def test_password_change_and_sign_out_pages_are_gov_uk_pages(sign_in, cara):
    client = sign_in(cara)

    change = client.get(reverse("account_change_password")).content.decode()
    sign_out = client.get(reverse("account_logout")).content.decode()

    _looks_like_haven(change)
    _labels_match_inputs(change)
    for label in ("Current password", "New password", "Confirm new password"):
        assert f">{label}</label>" in change
    _looks_like_haven(sign_out)
    assert '<button type="submit" class="govuk-button" data-module="govuk-button">Sign out</button>' in sign_out


def test_pages_haven_did_not_restyle_still_use_gov_uk_elements(client):
    page = client.get(reverse("account_reset_password")).content.decode()

    assert 'class="govuk-header"' in page
    assert 'class="govuk-heading-l"' in page
    assert 'class="govuk-button"' in page
    _labels_match_inputs(page)


def test_the_sign_up_address_says_plainly_that_accounts_come_from_administrators(client):
    page = client.get(reverse("account_signup")).content.decode()

    _looks_like_haven(page)
    assert "You cannot create an account here" in page
    assert "<form" not in page.split('id="main-content"')[1]
