"""Searching the audit trail over the API: auditors and DPOs only, and every search recorded."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from accounts import services
from api.tests.helpers import bearer, token_for
from audit.models import AuditEvent

EVENTS = reverse("api:audit_events")


def test_an_auditor_searches_by_action_and_actor(client, aled, ada, demo_teams):
    office = demo_teams["Contact Centre Team A"].office
    team = services.team_create(actor=ada, office=office, name="Team B")
    plain = token_for(aled)

    response = client.get(EVENTS, {"action": "team.created", "actor": "ada"}, headers=bearer(plain))

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    (item,) = body["items"]
    assert (item["action"], item["actor"], item["target_type"], item["target_id"]) == (
        "team.created",
        "ada",
        "accounts.team",
        str(team.pk),
    )


def test_every_search_is_itself_recorded_with_its_filters(client, aled):
    plain = token_for(aled)
    today = timezone.localdate().isoformat()

    client.get(EVENTS, {"action": "staff.created", "date_from": today}, headers=bearer(plain))

    event = AuditEvent.objects.order_by("-seq").first()
    assert (event.action, event.actor) == ("audit.searched", aled)
    assert event.changes == {"filters": {"action": "staff.created", "date_from": today}}
    assert event.context["channel"] == "api"


def test_results_are_newest_first_and_paginated(client, priya):
    plain = token_for(priya)
    body = client.get(EVENTS, {"page_size": 3}, headers=bearer(plain)).json()
    seqs = [item["seq"] for item in body["items"]]
    assert len(seqs) == 3
    assert seqs == sorted(seqs, reverse=True)
    assert body["count"] == AuditEvent.objects.count()


def test_dates_filter_by_uk_day_and_include_both_ends(client, aled):
    plain = token_for(aled)
    today = timezone.localdate()
    yesterday = (today - timedelta(days=1)).isoformat()

    up_to_yesterday = client.get(EVENTS, {"date_to": yesterday}, headers=bearer(plain)).json()
    today_only = client.get(
        EVENTS, {"date_from": today.isoformat(), "date_to": today.isoformat()}, headers=bearer(plain)
    ).json()

    assert up_to_yesterday["count"] == 0
    assert today_only["count"] > 0


def test_a_date_range_that_ends_before_it_starts_is_refused(client, aled):
    plain = token_for(aled)
    events = AuditEvent.objects.count()
    today = timezone.localdate()

    response = client.get(
        EVENTS,
        {"date_from": today.isoformat(), "date_to": (today - timedelta(days=1)).isoformat()},
        headers=bearer(plain),
    )

    assert (response.status_code, response.json()) == (
        400,
        {"detail": "The date from must be the same as or before the date to", "field": "date_from"},
    )
    assert AuditEvent.objects.count() == events


def test_people_who_do_not_read_the_audit_trail_are_refused_and_no_search_is_recorded(client, cara, ada, sam):
    for person in (cara, ada, sam):
        plain = token_for(person)
        events = AuditEvent.objects.count()

        response = client.get(EVENTS, {"action": "staff.created"}, headers=bearer(plain))

        assert response.status_code == 403
        assert AuditEvent.objects.count() == events
    assert not AuditEvent.objects.filter(action="audit.searched").exists()
