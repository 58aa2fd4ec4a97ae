"""Support partner over the API, with personal tokens: the same rules as the pages."""

import pytest

from api.tests.helpers import bearer, token_for
from disclosures.tests.helpers import customer_at_risk
from incidents.models import Incident, SupportAlert
from incidents.tests.helpers import start_da_plan, walk

pytestmark = pytest.mark.django_db


@pytest.fixture
def incident(cara, nia, hana, tom, dee):
    started = start_da_plan(cara, customer_at_risk(cara))
    return walk(started, cara, {"safe-now": "not-safe-now"}, until="a-summon-partner")


def test_summon_list_accept_and_escalate_through_the_api(client, incident, cara, nia, hana):
    raised = client.post(f"/api/v1/incidents/{incident.pk}/support-alerts", headers=bearer(token_for(cara)))
    assert raised.status_code == 201
    alert_id = raised.json()["alert"]["id"]
    again = client.post(f"/api/v1/incidents/{incident.pk}/support-alerts", headers=bearer(token_for(cara)))
    assert again.status_code == 200
    assert again.json()["alert"]["id"] == alert_id

    nia_token = bearer(token_for(nia))
    waiting = client.get("/api/v1/incidents/support-alerts/waiting", headers=nia_token).json()
    assert [a["id"] for a in waiting] == [alert_id]
    assert waiting[0]["headline"].startswith("Cara Okafor needs a support partner now")

    early = client.post(f"/api/v1/incidents/support-alerts/{alert_id}/escalate-if-due", headers=bearer(token_for(cara)))
    assert early.json()["alert"]["state"] == "waiting"

    accepted = client.post(f"/api/v1/incidents/support-alerts/{alert_id}/accept", headers=nia_token)
    assert accepted.json() == {"incident": incident.pk, "alert": alert_id, "partner_id": nia.pk}
    late = client.post(f"/api/v1/incidents/support-alerts/{alert_id}/accept", headers=bearer(token_for(hana)))
    assert late.status_code == 400
    assert late.json()["detail"] == "Nia Evans has already joined this incident as the support partner."


@pytest.mark.parametrize("who", ["priya", "wren", "aled"])
def test_the_wrong_people_cannot_summon_or_accept_and_nothing_changes(client, incident, cara, who, request):
    from incidents import services_partner

    token = bearer(token_for(request.getfixturevalue(who)))
    assert client.post(f"/api/v1/incidents/{incident.pk}/support-alerts", headers=token).status_code in (403, 404)
    assert not SupportAlert.objects.exists()
    alert, _ = services_partner.alert_raise(actor=cara, incident=incident)
    assert client.post(f"/api/v1/incidents/support-alerts/{alert.pk}/accept", headers=token).status_code in (403, 404)
    assert Incident.objects.get(pk=incident.pk).partner is None
