"""Emergency calls, the disclosure link and the Report Threat checklist over the API:
the same services and refusals as the pages."""

import pytest
import time_machine

from api.tests.helpers import bearer, token_for
from disclosures.models import Disclosure
from disclosures.tests.helpers import emergency_data
from incidents.models import EmergencyCall, ReportThreat
from incidents.tests.emergency_walk import NOW, SECTION_A, section_a
from incidents.tests.helpers import walk
from people.tests.factories import make_customer

pytestmark = pytest.mark.django_db


@pytest.fixture
def incident(cara, tom):
    with time_machine.travel(NOW, tick=False):
        return section_a(cara, make_customer(cara, address_line_1="12 Elm Street"), until="rt-after-call")


def _base(incident) -> str:
    return f"/api/v1/incidents/{incident.pk}"


def call_json(**overrides) -> dict:
    data = {
        "asked_customer_to_phone": True,
        "asked_whether_we_phone": True,
        "consent": "refused",
        "decided_by_kind": "worker-urgent",
        "decision_reason": "He was breaking the door down",
        "service": "police",
        "called_at": "2026-11-24T14:20:00Z",
        "police_reference": "NP-2026-1234",
        "location_given": "12 Elm Street, Newcastle NE1 4ST",
        "customer_told": True,
    }
    data.update(overrides)
    return data


def test_the_worker_reads_the_prefill_and_records_the_call(client, cara, tom, incident):
    headers = bearer(token_for(cara))
    prefill = client.get(f"{_base(incident)}/emergency-calls/prefill", headers=headers).json()["values"]
    assert prefill["decided_by"] == tom.pk
    assert prefill["police_reference"] == "NP-2026-1234"
    response = client.post(
        f"{_base(incident)}/emergency-calls", call_json(), content_type="application/json", headers=headers
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["made_by_id"], body["version"]) == (cara.pk, 1)
    listed = client.get(f"{_base(incident)}/emergency-calls", headers=headers).json()
    assert [call["id"] for call in listed] == [body["id"]]


def test_every_missing_reason_is_reported_by_its_field(client, cara, incident):
    response = client.post(
        f"{_base(incident)}/emergency-calls",
        call_json(decision_reason="", customer_told=False),
        content_type="application/json",
        headers=bearer(token_for(cara)),
    )
    assert response.status_code == 400
    assert {"decision_reason", "not_told_reason"} <= set(response.json()["errors"])
    assert not EmergencyCall.objects.exists()


def test_a_stale_version_is_a_conflict(client, cara, incident):
    headers = bearer(token_for(cara))
    call = client.post(
        f"{_base(incident)}/emergency-calls", call_json(), content_type="application/json", headers=headers
    )
    url = f"{_base(incident)}/emergency-calls/{call.json()['id']}"
    first = client.put(
        url, call_json(police_reference="NP-2", version=1), content_type="application/json", headers=headers
    )
    assert first.status_code == 200
    stale = client.put(
        url, call_json(police_reference="NP-3", version=1), content_type="application/json", headers=headers
    )
    assert stale.status_code == 409
    assert stale.json()["current"]["version"] == "2"


@pytest.mark.parametrize(("persona", "status"), [("priya", 404), ("wren", 404), ("hana", 404), ("aled", 403)])
def test_others_cannot_record_a_call(request, client, incident, persona, status):
    headers = bearer(token_for(request.getfixturevalue(persona)))
    response = client.post(
        f"{_base(incident)}/emergency-calls", call_json(), content_type="application/json", headers=headers
    )
    assert response.status_code == status
    assert not EmergencyCall.objects.exists()


def test_the_disclosure_is_drafted_from_the_call_and_linked(client, cara, incident):
    headers = bearer(token_for(cara))
    call = client.post(
        f"{_base(incident)}/emergency-calls", call_json(), content_type="application/json", headers=headers
    )
    url = f"{_base(incident)}/emergency-calls/{call.json()['id']}/disclosure"
    values = client.get(url, headers=headers).json()["values"]
    assert (values["recipient_kind"], values["reference_number"], values["emergency"]) == (
        "police",
        "NP-2026-1234",
        True,
    )
    data = emergency_data(items=["name", "address"], shared_at="2026-11-24T14:20:00Z")
    response = client.post(url, data, content_type="application/json", headers=headers)
    assert response.status_code == 201, response.json()
    disclosure = Disclosure.objects.get(pk=response.json()["id"])
    assert disclosure.incident == incident
    assert EmergencyCall.objects.get().disclosure == disclosure
    again = client.post(url, data, content_type="application/json", headers=headers)
    assert again.status_code == 400


def test_the_team_leader_ticks_the_checklist_and_others_cannot(client, cara, tom, incident):
    with time_machine.travel(NOW, tick=False):
        walk(incident, cara, SECTION_A, until="rt-contact-notes")
    url = f"{_base(incident)}/report-threat"
    leader = bearer(token_for(tom))
    report = client.get(url, headers=leader).json()
    assert (report["allocated_to_id"], report["may_tick"]) == (tom.pk, True)
    refused = client.post(
        f"{url}/tick", {"item": "review"}, content_type="application/json", headers=bearer(token_for(cara))
    )
    assert refused.status_code == 403
    for item in ("review", "ownership", "copy-notes"):
        version = client.get(url, headers=leader).json()["version"]
        ticked = client.post(
            f"{url}/tick", {"item": item, "version": version}, content_type="application/json", headers=leader
        )
        assert ticked.status_code == 200, ticked.json()
    assert ReportThreat.objects.get().task.state == "done"
    stale = client.post(
        f"{url}/tick", {"item": "review", "version": 1}, content_type="application/json", headers=leader
    )
    assert stale.status_code == 409
