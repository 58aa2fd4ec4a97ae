"""Summoning, accepting and escalating a support-partner alert through the services."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from accounts.models import SupportGroup
from accounts.services import support_group_join
from audit.models import AuditEvent
from core.errors import HavenError, NotAllowed
from disclosures.tests.helpers import customer_at_risk
from incidents import services_partner
from incidents.models import AlertRecipient, AlertState, Incident, IncidentAction, SupportAlert
from incidents.services_notes import note_save
from incidents.tests.helpers import start_da_plan, walk

pytestmark = pytest.mark.django_db

NOON = dt.datetime(2026, 7, 1, 12, 0, tzinfo=dt.UTC)
NOT_SAFE = {"safe-now": "not-safe-now"}


@pytest.fixture
def published(monkeypatch):
    """Every event sent after commit, as (channel, kind, data)."""
    sent = []
    monkeypatch.setattr("incidents.live._send", lambda channel, kind, data: sent.append((channel, kind, data)))
    return sent


@pytest.fixture
def on_summon_step(cara, nia, hana, tom, dee):
    """Cara's DA Plan incident, at Section A's "Summon a colleague" step."""
    incident = start_da_plan(cara, customer_at_risk(cara))
    return walk(incident, cara, NOT_SAFE, until="a-summon-partner")


def _recipients(alert):
    return {(r.user.username, r.by_escalation) for r in AlertRecipient.objects.filter(alert=alert)}


def test_an_office_based_worker_alerts_her_team_colleagues_not_herself_nor_the_leaders(
    on_summon_step, cara, published, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        alert, raised = services_partner.alert_raise(actor=cara, incident=on_summon_step)
    assert raised
    assert alert.state == AlertState.WAITING
    assert _recipients(alert) == {("nia", False), ("hana", False)}
    assert alert.team_id == cara.team_id
    assert alert.support_group is None
    assert "not safe" in alert.reason
    assert alert.escalate_at - alert.raised_at == dt.timedelta(seconds=60)
    event = AuditEvent.objects.get(action="incident.partner_summoned")
    assert event.target_id == str(on_summon_step.pk)
    channels = {channel for channel, _, _ in published}
    nia_id = alert.recipients.get(user__username="nia").user_id
    assert {f"user-{nia_id}", f"incident-{on_summon_step.pk}"} <= channels
    # Ids only: nothing the customer said, nor their name, goes into an event.
    assert all(set(data) <= {"incident", "version", "kind", "alert", "state"} for _, _, data in published)


def test_pressing_again_while_the_alert_waits_sends_nothing_new(on_summon_step, cara, published):
    first, _ = services_partner.alert_raise(actor=cara, incident=on_summon_step)
    again, raised = services_partner.alert_raise(actor=cara, incident=on_summon_step)
    assert again == first
    assert raised is False
    assert SupportAlert.objects.count() == 1
    assert AlertRecipient.objects.count() == 2
    assert AuditEvent.objects.filter(action="incident.partner_summoned").count() == 1


def test_the_plans_summon_step_is_marked_done_by_the_alert(on_summon_step, cara):
    alert, _ = services_partner.alert_raise(actor=cara, incident=on_summon_step)
    walk(Incident.objects.get(pk=on_summon_step.pk), cara, NOT_SAFE, until="a-where")
    action = IncidentAction.objects.get(kind="summon_support_partner")
    # Raised after the alert (confirming the step), it is done when the partner accepts.
    assert action.state == IncidentAction.State.PENDING
    services_partner.alert_accept(actor=alert.recipients.get(user__username="nia").user, alert=alert)
    action.refresh_from_db()
    assert action.state == IncidentAction.State.DONE
    assert action.result == f"incidents.supportalert:{alert.pk}"


def test_a_home_based_worker_alerts_her_days_support_group(hana, nia, cara, tom, demo_teams):
    group = SupportGroup.objects.get(name="Home-working support group")
    colleague = _home_based_colleague(demo_teams)
    with time_machine.travel(NOON, tick=False):
        support_group_join(actor=hana, group=group, day=timezone.localdate())
        support_group_join(actor=colleague, group=group, day=timezone.localdate())
        incident = start_da_plan(hana, customer_at_risk(hana))
        alert, _ = services_partner.alert_raise(actor=hana, incident=incident)
    assert alert.support_group == group
    assert _recipients(alert) == {(colleague.username, False)}


def test_a_home_based_worker_who_joined_no_group_is_told_and_her_team_is_alerted(hana, nia, cara, tom):
    from incidents.selectors_partner import where_it_went

    incident = start_da_plan(hana, customer_at_risk(hana))
    alert, _ = services_partner.alert_raise(actor=hana, incident=incident)
    assert alert.support_group is None
    assert _recipients(alert) == {("nia", False), ("cara", False)}
    assert "You had not joined a support group today, so it went to your team." in where_it_went(alert)


def test_the_first_to_accept_joins_and_the_second_is_told_who_did(on_summon_step, cara, nia, hana, published):
    alert, _ = services_partner.alert_raise(actor=cara, incident=on_summon_step)
    services_partner.alert_accept(actor=nia, alert=alert)
    incident = Incident.objects.get(pk=on_summon_step.pk)
    assert incident.partner == nia
    assert incident.partner_joined_at is not None
    assert incident.version == on_summon_step.version  # the steps' lock is not disturbed
    with pytest.raises(HavenError, match="Nia Evans has already joined"):
        services_partner.alert_accept(actor=hana, alert=alert)
    alert.refresh_from_db()
    assert (alert.state, alert.accepted_by) == (AlertState.ACCEPTED, nia)
    assert AuditEvent.objects.filter(action="incident.partner_joined").count() == 1
    # Her notes from now on are witness notes.
    note = note_save(
        actor=nia,
        incident=incident,
        entry="9b2d6c1e-55e2-4f7e-8d50-2f9d7c3b1a10",
        revision=1,
        text="Heard the customer say she is locked in.",
    )
    assert note.is_witness


def test_people_the_alert_was_not_sent_to_cannot_accept_and_nothing_changes(
    on_summon_step, cara, priya, wren, aled, tom
):
    alert, _ = services_partner.alert_raise(actor=cara, incident=on_summon_step)
    for person in (priya, wren, aled, tom, cara):
        with pytest.raises(NotAllowed):
            services_partner.alert_accept(actor=person, alert=alert)
    alert.refresh_from_db()
    assert alert.state == AlertState.WAITING
    assert Incident.objects.get(pk=on_summon_step.pk).partner is None
    assert not AuditEvent.objects.filter(action="incident.partner_joined").exists()


def test_only_the_worker_summons(on_summon_step, nia, tom, sam):
    for person in (nia, tom, sam):
        with pytest.raises(NotAllowed):
            services_partner.alert_raise(actor=person, incident=on_summon_step)
    assert not SupportAlert.objects.exists()


def test_nobody_accepting_in_time_escalates_once_to_the_team_leader_and_deputy(on_summon_step, cara, nia, tom, dee):
    with time_machine.travel(NOON, tick=False):
        alert, _ = services_partner.alert_raise(actor=cara, incident=on_summon_step)
    with time_machine.travel(NOON + dt.timedelta(seconds=59), tick=False):
        assert services_partner.alerts_escalate_due() == 0
        early = services_partner.alert_escalate_if_due(actor=cara, alert=alert)
        assert early.state == AlertState.WAITING
    with time_machine.travel(NOON + dt.timedelta(seconds=60), tick=False):
        assert services_partner.alerts_escalate_due() == 1
        assert services_partner.alerts_escalate_due() == 0
        services_partner.alert_escalate_if_due(actor=cara, alert=alert)
    alert.refresh_from_db()
    assert alert.state == AlertState.ESCALATED
    assert alert.escalated_at == NOON + dt.timedelta(seconds=60)
    assert _recipients(alert) == {("nia", False), ("hana", False), ("tom", True), ("dee", True)}
    assert AuditEvent.objects.filter(action="incident.partner_alert_escalated").count() == 1
    # The team leader may now accept, and joins.
    services_partner.alert_accept(actor=tom, alert=alert)
    assert Incident.objects.get(pk=on_summon_step.pk).partner == tom


def test_the_worker_page_trigger_escalates_at_the_set_time(on_summon_step, cara, nia, settings):
    settings.HAVEN_SUPPORT_ALERT_ESCALATE_SECONDS = 5
    with time_machine.travel(NOON, tick=False):
        alert, _ = services_partner.alert_raise(actor=cara, incident=on_summon_step)
    with pytest.raises(NotAllowed):
        services_partner.alert_escalate_if_due(actor=nia, alert=alert, now=NOON + dt.timedelta(seconds=5))
    escalated = services_partner.alert_escalate_if_due(actor=cara, alert=alert, now=NOON + dt.timedelta(seconds=5))
    assert escalated.state == AlertState.ESCALATED
    event = AuditEvent.objects.get(action="incident.partner_alert_escalated")
    assert event.changes["trigger"] == "worker's page"


def _home_based_colleague(teams):
    from accounts import personas
    from core.system import system_actor

    spec = personas.Persona("hal", "Hal", "Okoro", "caseworker", "Contact Centre Team A", is_home_based=True)
    return personas.create_persona(spec, teams=teams, actor=system_actor(), with_mfa=False)
