"""Staff over the API: the same services, the same rules, the same evidence as the pages."""

import json

from django.urls import reverse

from accounts import services
from accounts.models import User
from api.tests.helpers import bearer, token_for
from audit.models import AuditEvent

LIST = reverse("api:staff_list")
CREATE = reverse("api:staff_create")
NEW_PERSON = {
    "password": "a-long-first-password-2026",
    "first_name": "Bea",
    "last_name": "Njoku",
    "role": "team-leader",
    "email": "bea@haven.invalid",
    "phone": "0191 000 0000",
    "is_home_based": True,
}


def _post(client, url, plain, payload=None):
    return client.post(url, data=json.dumps(payload or {}), content_type="application/json", headers=bearer(plain))


def _deactivate_url(user):
    return reverse("api:staff_deactivate", args=[user.pk])


def test_an_administrator_lists_staff_a_page_at_a_time(client, ada, cara, tom):
    plain = token_for(ada)

    response = client.get(LIST, {"page_size": 2}, headers=bearer(plain))

    assert response.status_code == 200
    body = response.json()
    staff = User.objects.filter(is_system=False)
    assert body["count"] == staff.count() == 3
    assert [item["username"] for item in body["items"]] == [user.username for user in staff[:2]]
    second_page = client.get(LIST, {"page_size": 2, "page": 2}, headers=bearer(plain)).json()
    assert [item["username"] for item in second_page["items"]] == [staff[2].username]
    cara_row = next(item for item in body["items"] + second_page["items"] if item["username"] == "cara")
    assert cara_row["team"] == "Contact Centre Team A"
    assert "password" not in cara_row


def test_an_administrator_filters_staff_like_the_staff_page(client, ada, cara, tom, demo_teams):
    from accounts import services as accounts_services

    accounts_services.staff_deactivate(actor=ada, user=tom)
    plain = token_for(ada)

    by_name = client.get(LIST, {"query": "oka"}, headers=bearer(plain)).json()
    by_role = client.get(LIST, {"role": "administrator"}, headers=bearer(plain)).json()
    deactivated = client.get(LIST, {"active": "false"}, headers=bearer(plain)).json()

    assert [item["username"] for item in by_name["items"]] == ["cara"]
    assert [item["username"] for item in by_role["items"]] == ["ada"]
    assert [(item["username"], item["is_active"]) for item in deactivated["items"]] == [("tom", False)]


def test_the_system_actor_is_not_listed_as_staff(client, ada):
    body = client.get(LIST, headers=bearer(token_for(ada))).json()
    assert "haven-system" not in [item["username"] for item in body["items"]]


def test_staff_created_through_the_api_match_staff_created_through_the_service(client, ada, demo_teams):
    team = demo_teams["Safeguarding Team"]
    plain = token_for(ada)

    response = _post(client, CREATE, plain, {**NEW_PERSON, "username": "Bea", "team_id": team.pk})
    services.staff_create(actor=ada, username="bob", team=team, **NEW_PERSON)

    assert response.status_code == 201
    by_api, by_service = User.objects.get(username="bea"), User.objects.get(username="bob")
    assert response.json()["id"] == by_api.pk
    fields = ("first_name", "last_name", "email", "phone", "role", "team", "is_home_based", "is_active")
    assert [getattr(by_api, f) for f in fields] == [getattr(by_service, f) for f in fields]
    assert by_api.check_password(NEW_PERSON["password"])
    api_event, service_event = (
        AuditEvent.objects.get(action="staff.created", target_id=str(user.pk)) for user in (by_api, by_service)
    )
    assert (api_event.actor, api_event.target_type, api_event.changes) == (
        service_event.actor,
        service_event.target_type,
        service_event.changes,
    )
    assert api_event.context["channel"] == "api"
    assert NEW_PERSON["password"] not in json.dumps(api_event.changes)


def test_a_broken_rule_answers_400_with_the_message_and_field_and_saves_nothing(client, ada, cara):
    plain = token_for(ada)
    users, events = User.objects.count(), AuditEvent.objects.count()

    taken = _post(client, CREATE, plain, {**NEW_PERSON, "username": "cara"})
    weak = _post(client, CREATE, plain, {**NEW_PERSON, "username": "bea", "password": "short"})
    no_team = _post(client, CREATE, plain, {**NEW_PERSON, "username": "bea", "team_id": 999999})

    assert (taken.status_code, taken.json()) == (400, {"detail": "That username is already taken", "field": "username"})
    assert (weak.status_code, weak.json()["field"]) == (400, "password")
    assert "too short" in weak.json()["detail"]
    assert (no_team.status_code, no_team.json()) == (400, {"detail": "Select a team that exists", "field": "team_id"})
    assert (User.objects.count(), AuditEvent.objects.count()) == (users, events)


def test_someone_who_is_not_an_administrator_is_refused_and_nothing_changes(client, tom, cara, aled):
    users, events = User.objects.count(), AuditEvent.objects.count()
    for person in (tom, aled):
        plain = token_for(person)
        events += 1  # the token's own creation

        listed = client.get(LIST, headers=bearer(plain))
        created = _post(client, CREATE, plain, {**NEW_PERSON, "username": "bea"})
        deactivated = _post(client, _deactivate_url(cara), plain)

        for response in (listed, created, deactivated):
            assert (response.status_code, response.json()) == (
                403,
                {"detail": "You do not have permission to do that."},
            )
    cara.refresh_from_db()
    assert cara.is_active
    assert (User.objects.count(), AuditEvent.objects.count()) == (users, events)


def test_an_administrator_deactivates_someone_through_the_api(client, ada, cara):
    plain, caras_token = token_for(ada), token_for(cara)

    response = _post(client, _deactivate_url(cara), plain)

    assert response.status_code == 200
    assert response.json()["is_active"] is False
    cara.refresh_from_db()
    assert not cara.is_active
    event = AuditEvent.objects.order_by("-seq").first()
    assert (event.action, event.actor, event.target_id) == ("staff.deactivated", ada, str(cara.pk))
    assert client.get(reverse("api:me"), headers=bearer(caras_token)).status_code == 401


def test_an_administrator_cannot_deactivate_themselves(client, ada):
    response = _post(client, _deactivate_url(ada), token_for(ada))
    assert (response.status_code, response.json()) == (
        400,
        {"detail": "You cannot deactivate your own account. Ask another administrator.", "field": None},
    )
    ada.refresh_from_db()
    assert ada.is_active


def test_deactivating_someone_who_does_not_exist_answers_404(client, ada):
    from core.system import system_actor

    plain = token_for(ada)
    assert _post(client, reverse("api:staff_deactivate", args=[999999]), plain).status_code == 404
    assert _post(client, _deactivate_url(system_actor()), plain).status_code == 404
