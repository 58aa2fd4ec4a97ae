"""The support-partner pages and JSON endpoints, for the right and the wrong people."""

import pytest

from disclosures.tests.helpers import customer_at_risk
from incidents import services_partner
from incidents.models import AlertRecipient, AlertState, Incident, SupportAlert
from incidents.tests.helpers import start_da_plan, walk

pytestmark = pytest.mark.django_db
JSON = {"HTTP_ACCEPT": "application/json"}


@pytest.fixture
def incident(cara, nia, hana, tom, dee):
    started = start_da_plan(cara, customer_at_risk(cara))
    return walk(started, cara, {"safe-now": "not-safe-now"}, until="a-summon-partner")


@pytest.fixture
def alert(incident, cara):
    return services_partner.alert_raise(actor=cara, incident=incident)[0]


def _nothing_changed(alert):
    alert.refresh_from_db()
    assert alert.state == AlertState.WAITING
    assert Incident.objects.get(pk=alert.incident_id).partner is None


def test_the_worker_summons_with_one_press_and_stays_on_her_step(incident, cara, sign_in):
    client = sign_in(cara)
    response = client.post(f"/incidents/{incident.pk}/summon", **JSON)
    assert response.status_code == 201
    body = response.json()
    assert body["alert"]["state"] == "waiting"
    assert "Nia Evans" in body["alert"]["where"]
    assert client.post(f"/incidents/{incident.pk}/summon", **JSON).status_code == 200
    assert SupportAlert.objects.count() == 1
    # Without scripts: an ordinary post that comes back to the same screen.
    response = client.post(f"/incidents/{incident.pk}/summon")
    assert response.status_code == 302


@pytest.mark.parametrize("who", ["nia", "priya", "wren", "aled", "tom"])
def test_nobody_but_the_worker_can_summon(incident, who, sign_in, request):
    response = sign_in(request.getfixturevalue(who)).post(f"/incidents/{incident.pk}/summon", **JSON)
    assert response.status_code in (403, 404)
    assert not SupportAlert.objects.exists()


def test_the_partner_sees_the_alert_and_accepting_takes_her_to_the_guided_screen(alert, nia, sign_in):
    client = sign_in(nia)
    page = client.get("/incidents/alerts/")
    assert "Cara Okafor needs a support partner now" in page.content.decode()
    waiting = client.get("/incidents/alerts/waiting").json()["alerts"]
    assert [a["id"] for a in waiting] == [alert.pk]
    assert set(waiting[0]) >= {"headline", "detail", "accept_url"}
    response = client.post(f"/incidents/alerts/{alert.pk}/accept")
    assert response.status_code == 302
    assert response.url.startswith("/incidents/")
    assert Incident.objects.get(pk=alert.incident_id).partner == nia
    assert client.get("/incidents/alerts/waiting").json()["alerts"] == []


def test_the_second_to_accept_is_told_who_joined_and_nothing_changes(alert, nia, hana, sign_in, client):
    sign_in(nia).post(f"/incidents/alerts/{alert.pk}/accept")
    client.force_login(hana)
    response = client.post(f"/incidents/alerts/{alert.pk}/accept", follow=True)
    assert "Nia Evans has already joined this incident as the support partner." in response.content.decode()
    assert Incident.objects.get(pk=alert.incident_id).partner == nia


@pytest.mark.parametrize("who", ["priya", "wren", "aled"])
def test_the_dpo_another_organisation_and_the_auditor_cannot_accept(alert, who, sign_in, request):
    client = sign_in(request.getfixturevalue(who))
    assert client.post(f"/incidents/alerts/{alert.pk}/accept").status_code in (403, 404)
    page = client.get("/incidents/alerts/")
    assert page.status_code in (403, 404) or "Cara Okafor" not in page.content.decode()
    _nothing_changed(alert)


def test_a_colleague_the_alert_was_not_sent_to_is_told_it_was_not_found(alert, sam, sign_in):
    assert sign_in(sam).post(f"/incidents/alerts/{alert.pk}/accept").status_code == 404
    _nothing_changed(alert)


def test_only_the_worker_triggers_escalation_and_early_changes_nothing(alert, cara, nia, wren, sign_in, client):
    response = sign_in(cara).post(f"/incidents/alerts/{alert.pk}/escalate-if-due", **JSON)
    assert response.status_code == 200
    assert response.json()["alert"]["state"] == "waiting"
    client.force_login(nia)
    assert client.post(f"/incidents/alerts/{alert.pk}/escalate-if-due", **JSON).status_code in (403, 404)
    client.force_login(wren)
    assert client.post(f"/incidents/alerts/{alert.pk}/escalate-if-due", **JSON).status_code in (403, 404)
    assert not AlertRecipient.objects.filter(by_escalation=True).exists()


def test_streams_are_only_for_those_who_may_follow_them(alert, cara, nia, wren, priya, sign_in, client):
    incident_stream = f"/incidents/events/incident/{alert.incident_id}/"
    # The test client is WSGI, where the stream answers at once rather than buffer for ever.
    response = sign_in(cara).get(incident_stream)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/event-stream"
    client.force_login(nia)  # not joined yet: the incident is not hers to follow
    assert client.get(incident_stream).status_code == 404
    assert client.get("/incidents/events/me/").status_code == 200
    client.force_login(wren)
    assert client.get(incident_stream).status_code == 404
    client.force_login(priya)
    assert client.get("/incidents/events/me/").status_code == 403


def test_the_channel_manager_lets_each_channel_be_read_only_by_its_people(alert, cara, nia, wren, aled):
    from incidents.channels import may_read

    channel = f"incident-{alert.incident_id}"
    assert may_read(cara, channel)
    assert may_read(aled, channel)  # auditors read every incident, read-only
    assert not may_read(nia, channel)
    assert not may_read(wren, channel)
    assert may_read(nia, f"user-{nia.pk}")
    assert not may_read(nia, f"user-{cara.pk}")
    assert not may_read(None, f"user-{nia.pk}")
    assert not may_read(cara, "incident-999999")
    assert not may_read(cara, "everything")
    services_partner.alert_accept(actor=nia, alert=alert)
    assert may_read(nia, channel)


def test_the_partner_status_is_for_those_who_may_open_the_incident(alert, cara, wren, sign_in, client):
    assert sign_in(cara).get(f"/incidents/{alert.incident_id}/partner-status").json()["alert"]["id"] == alert.pk
    client.force_login(wren)
    assert client.get(f"/incidents/{alert.incident_id}/partner-status").status_code == 404
