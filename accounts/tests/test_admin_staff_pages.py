"""Staff accounts through the administration pages: find, add, change, deactivate,
reactivate and reset MFA."""

from allauth.mfa.models import Authenticator
from allauth.usersessions.models import UserSession
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from accounts import services
from accounts.models import User
from accounts.roles import Role
from audit.models import AuditEvent
from core.testing.html import checked


def _last_event(action: str) -> AuditEvent:
    return AuditEvent.objects.filter(action=action).order_by("-seq").first()


def _new_staff(ada, team, **overrides) -> dict:
    return {
        "username": "Nia.Evans",
        "first_name": "Nia",
        "last_name": "Evans",
        "email": "nia@haven.invalid",
        "phone": "0191 000 0000",
        "role": Role.CASEWORKER,
        "team": team.pk,
        "is_home_based": "on",
        "password": "a-long-enough-first-password",
        **overrides,
    }


def test_an_administrator_adds_a_member_of_staff_who_must_then_enrol_mfa(sign_in, ada, demo_teams):
    client = sign_in(ada)
    team = demo_teams["Contact Centre Team A"]
    response = client.post(reverse("accounts:staff_create"), _new_staff(ada, team))
    nia = User.objects.get(username="nia.evans")
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:staff_detail", args=[nia.pk])
    assert (nia.first_name, nia.last_name, nia.email, nia.phone) == (
        "Nia",
        "Evans",
        "nia@haven.invalid",
        "0191 000 0000",
    )
    assert (nia.role, nia.team, nia.is_home_based, nia.is_active) == (Role.CASEWORKER, team, True, True)
    assert nia.check_password("a-long-enough-first-password")
    assert not Authenticator.objects.filter(user=nia).exists()
    event = _last_event("staff.created")
    assert (event.actor, event.target_id) == (ada, str(nia.pk))
    assert event.changes["role"] == Role.CASEWORKER
    assert "password" not in event.changes
    page = client.get(response["Location"]).content.decode()
    assert "Nia Evans&#x27;s account has been created" in page
    assert "govuk-notification-banner--success" in page
    assert "Not set up: they set it up when they next sign in" in page


def test_a_taken_username_is_shown_by_the_field_and_everything_typed_is_kept(sign_in, ada, cara, demo_teams):
    client = sign_in(ada)
    before = (User.objects.count(), AuditEvent.objects.count())
    team = demo_teams["Contact Centre Team A"]
    response = client.post(reverse("accounts:staff_create"), _new_staff(ada, team, username="CARA"))
    page = response.content.decode()
    assert response.status_code == 200
    assert '<a href="#id_username">That username is already taken</a>' in page
    assert 'id="id_username_1_error" class="govuk-error-message"' in page
    for kept in ('value="CARA"', 'value="Nia"', 'value="Evans"', 'value="nia@haven.invalid"', 'value="0191 000 0000"'):
        assert kept in page
    assert f'<option value="{team.pk}" selected>' in page
    assert checked(page, "role") == ["caseworker"]
    assert checked(page, "is_home_based") == ["on"]
    # The first password is never sent back to the browser.
    assert "a-long-enough-first-password" not in page
    assert (User.objects.count(), AuditEvent.objects.count()) == before


def test_a_weak_first_password_is_refused_by_the_field(sign_in, ada, demo_teams):
    team = demo_teams["Contact Centre Team A"]
    response = sign_in(ada).post(reverse("accounts:staff_create"), _new_staff(ada, team, password="short"))
    assert '<a href="#id_password">This password is too short.' in response.content.decode()
    assert not User.objects.filter(username="nia.evans").exists()


def test_missing_names_and_role_are_each_shown_by_their_field(sign_in, ada, demo_teams):
    team = demo_teams["Contact Centre Team A"]
    response = sign_in(ada).post(reverse("accounts:staff_create"), _new_staff(ada, team, first_name="", role=""))
    page = response.content.decode()
    assert '<a href="#id_role_0">Select the person&#x27;s role</a>' in page
    assert not User.objects.filter(username="nia.evans").exists()


def test_an_administrator_changes_a_persons_role_team_and_home_working(sign_in, ada, cara, demo_teams):
    client = sign_in(ada)
    safeguarding = demo_teams["Safeguarding Team"]
    response = client.post(
        reverse("accounts:staff_edit", args=[cara.pk]),
        {
            "first_name": "Cara",
            "last_name": "Okafor-Reid",
            "email": "cara@haven.invalid",
            "phone": "",
            "role": Role.TEAM_LEADER,
            "team": safeguarding.pk,
            "is_home_based": "on",
        },
    )
    assert response.status_code == 302
    cara.refresh_from_db()
    assert (cara.last_name, cara.role, cara.team, cara.is_home_based) == (
        "Okafor-Reid",
        Role.TEAM_LEADER,
        safeguarding,
        True,
    )
    event = _last_event("staff.updated")
    assert event.actor == ada
    assert event.changes == {
        "last_name": ["Okafor", "Okafor-Reid"],
        "role": [Role.CASEWORKER, Role.TEAM_LEADER],
        "team": [str(demo_teams["Contact Centre Team A"].pk), str(safeguarding.pk)],
        "is_home_based": ["False", "True"],
    }
    assert "Cara Okafor-Reid&#x27;s details have been saved" in client.get(response["Location"]).content.decode()


def test_an_invalid_email_address_is_shown_by_the_field_and_nothing_is_saved(sign_in, ada, cara):
    client = sign_in(ada)
    before = AuditEvent.objects.count()
    response = client.post(
        reverse("accounts:staff_edit", args=[cara.pk]),
        {"first_name": "Cara", "last_name": "Okafor", "email": "not an address", "role": Role.AUDITOR},
    )
    page = response.content.decode()
    assert '<a href="#id_email">Enter a valid email address.</a>' in page
    assert 'value="not an address"' in page
    cara.refresh_from_db()
    assert (cara.email, cara.role) == ("cara@haven.invalid", Role.CASEWORKER)
    assert AuditEvent.objects.count() == before


def test_the_deactivation_page_asks_first_and_changes_nothing_until_confirmed(sign_in, ada, cara):
    client = sign_in(ada)
    before = AuditEvent.objects.count()
    page = client.get(reverse("accounts:staff_deactivate", args=[cara.pk])).content.decode()
    assert "Deactivate Cara Okafor&#x27;s account?" in page
    cara.refresh_from_db()
    assert cara.is_active
    assert AuditEvent.objects.count() == before


def test_deactivating_someone_ends_their_existing_session_at_once(sign_in, ada, cara):
    caras_browser = Client()
    caras_browser.force_login(cara)
    assert caras_browser.get(reverse("home")).status_code == 200
    caras_session = caras_browser.session.session_key
    assert UserSession.objects.filter(user=cara).exists()

    response = sign_in(ada).post(reverse("accounts:staff_deactivate", args=[cara.pk]))

    assert response.status_code == 302
    cara.refresh_from_db()
    assert not cara.is_active
    assert not Session.objects.filter(session_key=caras_session).exists()
    assert not UserSession.objects.filter(user=cara).exists()
    event = _last_event("staff.deactivated")
    assert (event.actor, event.target_id, event.changes) == (
        ada,
        str(cara.pk),
        {"sessions_ended": 1, "api_tokens_revoked": 0},
    )
    next_page = caras_browser.get(reverse("home"))
    assert next_page.status_code == 302
    assert next_page["Location"].startswith(reverse("account_login"))


def test_an_administrator_cannot_deactivate_themselves(sign_in, ada):
    client = sign_in(ada)
    before = AuditEvent.objects.count()
    response = client.post(reverse("accounts:staff_deactivate", args=[ada.pk]))
    assert response.status_code == 200
    assert "You cannot deactivate your own account. Ask another administrator." in response.content.decode()
    ada.refresh_from_db()
    assert ada.is_active
    assert AuditEvent.objects.count() == before


def test_an_administrator_reactivates_a_deactivated_account(sign_in, ada, cara):
    services.staff_deactivate(actor=ada, user=cara)
    client = sign_in(ada)
    response = client.post(reverse("accounts:staff_reactivate", args=[cara.pk]))
    assert response.status_code == 302
    cara.refresh_from_db()
    assert cara.is_active
    event = _last_event("staff.reactivated")
    assert (event.actor, event.target_id) == (ada, str(cara.pk))
    assert "Cara Okafor&#x27;s account has been reactivated" in client.get(response["Location"]).content.decode()


def test_reactivating_an_active_account_is_refused_in_plain_words(sign_in, ada, cara):
    client = sign_in(ada)
    before = AuditEvent.objects.count()
    response = client.post(reverse("accounts:staff_reactivate", args=[cara.pk]))
    assert "Cara Okafor&#x27;s account is already active" in response.content.decode()
    assert AuditEvent.objects.count() == before


def test_resetting_mfa_removes_their_authenticators_and_signs_them_out(sign_in, ada, cara):
    caras_browser = Client()
    caras_browser.force_login(cara)
    assert caras_browser.get(reverse("home")).status_code == 200
    caras_session = caras_browser.session.session_key
    assert Authenticator.objects.filter(user=cara).count() == 2  # the app and recovery codes

    response = sign_in(ada).post(reverse("accounts:staff_reset_mfa", args=[cara.pk]))

    assert response.status_code == 302
    assert not Authenticator.objects.filter(user=cara).exists()
    assert not Session.objects.filter(session_key=caras_session).exists()
    event = _last_event("staff.mfa_reset")
    assert (event.actor, event.changes) == (ada, {"removed": 2, "sessions_ended": 1, "api_tokens_revoked": 0})
    cara.refresh_from_db()
    assert cara.is_active


def test_the_staff_list_finds_people_by_name_or_username(sign_in, ada, cara, hana, tom):
    client = sign_in(ada)
    found = client.get(reverse("accounts:staff_list"), {"q": "okaf"}).context["page"].object_list
    assert list(found) == [cara]
    found = client.get(reverse("accounts:staff_list"), {"q": "HANA"}).context["page"].object_list
    assert list(found) == [hana]


def test_the_staff_list_filters_by_role_team_and_status(sign_in, ada, cara, hana, tom, sam, demo_teams):
    services.staff_deactivate(actor=ada, user=hana)
    client = sign_in(ada)
    url = reverse("accounts:staff_list")
    team_a = demo_teams["Contact Centre Team A"].pk

    def names(**filters):
        return [person.username for person in client.get(url, filters).context["page"].object_list]

    assert names(role=Role.TEAM_LEADER) == ["tom"]
    assert names(team=team_a) == ["tom", "cara", "hana"]
    assert names(team=team_a, status="active") == ["tom", "cara"]
    assert names(status="deactivated") == ["hana"]
    assert names(role="not-a-role") == names()  # a filter that is not a choice is ignored


def test_the_staff_list_shows_fifty_a_page_and_keeps_the_filters_on_the_page_links(sign_in, ada, demo_teams):
    team = demo_teams["Safeguarding Team"]
    for number in range(55):
        services.staff_create(
            actor=ada,
            username=f"worker{number:02}",
            password="a-long-enough-first-password",
            first_name="Worker",
            last_name=f"{number:02}",
            role=Role.CASEWORKER,
            team=team,
        )
    client = sign_in(ada)
    first = client.get(reverse("accounts:staff_list"), {"q": "worker"})
    assert len(first.context["page"].object_list) == 50
    assert 'href="?q=worker&amp;page=2"' in first.content.decode()
    second = client.get(reverse("accounts:staff_list"), {"q": "worker", "page": "2"})
    assert [person.username for person in second.context["page"].object_list] == [
        f"worker{number}" for number in range(50, 55)
    ]


def test_the_system_account_is_not_listed_and_cannot_be_opened(sign_in, ada):
    from core.system import system_actor

    system = system_actor()
    client = sign_in(ada)
    listed = client.get(reverse("accounts:staff_list")).context["page"].object_list
    assert system not in list(listed)
    assert client.get(reverse("accounts:staff_detail", args=[system.pk])).status_code == 404
    assert client.post(reverse("accounts:staff_deactivate", args=[system.pk])).status_code == 404
