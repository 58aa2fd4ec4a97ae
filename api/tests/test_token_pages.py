from datetime import timedelta

import pytest
from django.contrib.messages.middleware import MessageMiddleware
from django.contrib.sessions.middleware import SessionMiddleware
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from api import views
from api.models import ApiToken
from api.tests.helpers import bearer, token_for
from audit.models import AuditEvent
from core.testing.sign_in import sign_in_fully

LIST = reverse("api_tokens:list")
CREATE = reverse("api_tokens:create")


def _revoke_url(token):
    return reverse("api_tokens:revoke", args=[token.pk])


def test_the_header_links_to_api_tokens(sign_in, cara):
    page = sign_in(cara).get(reverse("home")).content.decode()
    assert f'href="{LIST}"' in page
    assert ">API tokens<" in page


def test_pages_need_sign_in_and_nothing_changes_without_it(client, cara):
    token_for(cara, name="Report")
    token = ApiToken.objects.get(owner=cara)
    for response in (client.get(LIST), client.post(CREATE, {"name": "Sneaky"}), client.post(_revoke_url(token))):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    token.refresh_from_db()
    assert token.revoked_at is None
    assert ApiToken.objects.count() == 1


def test_the_list_shows_your_tokens_and_not_other_peoples(sign_in, cara, tom):
    token_for(cara, name="Cara's report")
    token_for(tom, name="Tom's dashboard")

    page = sign_in(cara).get(LIST).content.decode()

    assert "Cara&#x27;s report" in page
    assert ApiToken.objects.get(owner=cara).prefix in page
    assert "Tom&#x27;s dashboard" not in page
    assert ApiToken.objects.get(owner=tom).prefix not in page


def test_creating_a_token_shows_it_once_with_a_warning_to_copy_it(sign_in, cara):
    client = sign_in(cara)
    events = AuditEvent.objects.count()

    response = client.post(CREATE, {"name": "Weekly report"})

    assert response.status_code == 200
    page = response.content.decode()
    token = ApiToken.objects.get(owner=cara)
    plain = page.split('id="api-token"')[1].split(">")[1].split("<")[0]
    assert plain.startswith(token.prefix + "_")
    assert "Copy this token now. You will not be able to see it again." in page
    assert "no-store" in response["Cache-Control"]
    assert token.name == "Weekly report"
    assert AuditEvent.objects.count() == events + 1
    assert AuditEvent.objects.order_by("-seq").first().action == "api_token.created"
    # Never again: not on the list, not on the revoke page.
    assert plain not in client.get(LIST).content.decode()
    assert plain not in client.get(_revoke_url(token)).content.decode()


def test_someone_who_signed_in_with_password_and_code_creates_a_token_that_works(client, cara):
    sign_in_fully(client, cara)

    response = client.post(CREATE, {"name": "Weekly report"})

    plain = response.content.decode().split('id="api-token"')[1].split(">")[1].split("<")[0]
    assert client.get(reverse("api:me"), headers=bearer(plain)).json()["username"] == "cara"


def test_creating_a_token_with_an_expiry_date(sign_in, cara):
    day = timezone.localdate() + timedelta(days=30)
    sign_in(cara).post(
        CREATE, {"name": "Report", "expires_day": day.day, "expires_month": day.month, "expires_year": day.year}
    )
    assert ApiToken.objects.get(owner=cara).expires_on == day


def test_a_missing_name_shows_the_error_summary_and_keeps_what_was_typed(sign_in, cara):
    client = sign_in(cara)
    events = AuditEvent.objects.count()

    response = client.post(CREATE, {"name": "", "expires_day": "31", "expires_month": "12", "expires_year": "2099"})

    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert '<a href="#id_name">Enter a name for the token</a>' in page
    assert "</span> Enter a name for the token</p>" in page
    assert 'value="31"' in page
    assert 'value="2099"' in page
    assert ApiToken.objects.count() == 0
    assert AuditEvent.objects.count() == events


def test_an_expiry_date_that_is_not_a_real_date_is_refused(sign_in, cara):
    response = sign_in(cara).post(
        CREATE, {"name": "Report", "expires_day": "31", "expires_month": "2", "expires_year": "2099"}
    )
    page = response.content.decode()
    assert '<a href="#id_expires_day">The expiry date must be a real date</a>' in page
    assert 'value="Report"' in page
    assert ApiToken.objects.count() == 0


def test_an_incomplete_expiry_date_is_refused(sign_in, cara):
    response = sign_in(cara).post(CREATE, {"name": "Report", "expires_day": "31"})
    assert '<a href="#id_expires_month">The expiry date must include a month and year</a>' in (
        response.content.decode()
    )
    assert ApiToken.objects.count() == 0


def test_an_expiry_date_in_the_past_is_refused_beside_the_date(sign_in, cara):
    day = timezone.localdate() - timedelta(days=1)
    response = sign_in(cara).post(
        CREATE, {"name": "Report", "expires_day": day.day, "expires_month": day.month, "expires_year": day.year}
    )
    assert '<a href="#id_expires_day">The expiry date must be today or in the future</a>' in (response.content.decode())
    assert ApiToken.objects.count() == 0


def test_a_session_that_has_not_passed_mfa_cannot_create_a_token(cara):
    # RequireMFAMiddleware normally stops such a session first; the page checks again.
    request = RequestFactory().post(CREATE, {"name": "Report"})
    SessionMiddleware(lambda r: None).process_request(request)
    MessageMiddleware(lambda r: None).process_request(request)
    request.user = cara
    events = AuditEvent.objects.count()

    with pytest.raises(PermissionDenied):
        views.token_create(request)

    assert ApiToken.objects.count() == 0
    assert AuditEvent.objects.count() == events


def test_someone_who_has_not_enrolled_mfa_is_sent_to_enrol_and_gets_no_token(sign_in, cara):
    from allauth.mfa.models import Authenticator

    Authenticator.objects.filter(user=cara).delete()
    response = sign_in(cara).post(CREATE, {"name": "Report"})
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")
    assert ApiToken.objects.count() == 0


def test_revoking_asks_for_confirmation_then_revokes_on_post(sign_in, cara):
    token_for(cara, name="Report")
    token = ApiToken.objects.get(owner=cara)
    client = sign_in(cara)

    confirm = client.get(_revoke_url(token))
    assert "Are you sure you want to revoke ‘Report’?" in confirm.content.decode()
    token.refresh_from_db()
    assert token.revoked_at is None

    response = client.post(_revoke_url(token), follow=True)

    token.refresh_from_db()
    assert (token.revoked_by, token.status) == (cara, "Revoked")
    assert response.redirect_chain == [(LIST, 302)]
    assert "Token ‘Report’ has been revoked. It no longer works." in response.content.decode()
    assert AuditEvent.objects.order_by("-seq").first().action == "api_token.revoked"


def test_someone_else_cannot_see_or_revoke_your_token_and_nothing_changes(sign_in, cara, tom):
    token_for(cara, name="Report")
    token = ApiToken.objects.get(owner=cara)
    client = sign_in(tom)
    events = AuditEvent.objects.count()

    assert client.get(_revoke_url(token)).status_code == 404
    assert client.post(_revoke_url(token)).status_code == 404

    token.refresh_from_db()
    assert token.revoked_at is None
    assert AuditEvent.objects.count() == events


def test_an_administrator_can_revoke_someone_elses_token(sign_in, cara, ada):
    token_for(cara, name="Report")
    token = ApiToken.objects.get(owner=cara)
    client = sign_in(ada)

    assert "Cara Okafor" in client.get(_revoke_url(token)).content.decode()
    client.post(_revoke_url(token))

    token.refresh_from_db()
    assert token.revoked_by == ada


def test_revoking_an_already_revoked_token_says_so(sign_in, cara):
    token_for(cara, name="Report")
    token = ApiToken.objects.get(owner=cara)
    client = sign_in(cara)
    client.post(_revoke_url(token))

    response = client.post(_revoke_url(token), follow=True)

    assert "This token has already been revoked" in response.content.decode()
    assert AuditEvent.objects.filter(action="api_token.revoked").count() == 1
