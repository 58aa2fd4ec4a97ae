"""Every guided-screen page refuses the wrong person and changes nothing: the DPO (Priya),
a worker in another organisation (Wren), a caseworker not involved (Hana); the auditor
(Aled) reads only."""

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from disclosures.tests.helpers import customer_at_risk
from incidents.models import Incident
from incidents.runs import run_of
from incidents.tests.helpers import start_da_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def customer(cara):
    return customer_at_risk(cara)


@pytest.fixture
def incident(cara, customer):
    return start_da_plan(cara, customer)


def _snapshot(incident):
    incident.refresh_from_db()
    return (
        incident.version,
        incident.state,
        incident.customer_id,
        len(run_of(incident).events),
        Incident.objects.count(),
        AuditEvent.objects.exclude(action__in=("customer.viewed",)).count(),
    )


def _requests(incident, customer):
    pk = incident.pk
    return [
        ("get", reverse("incidents:guided", args=[pk]), {}),
        ("get", reverse("incidents:state", args=[pk]), {}),
        ("post", reverse("incidents:answer", args=[pk]), {"step": "safe-now", "version": 1, "answer": "safe"}),
        ("get", reverse("incidents:change", args=[pk, "safe-now"]), {}),
        ("post", reverse("incidents:close", args=[pk]), {"version": 1}),
        ("get", reverse("incidents:link", args=[pk]), {}),
        (
            "post",
            reverse("incidents:start_for_customer", args=[customer.pk]),
            {"channel": "telephone", "protocol": "domestic-abuse"},
        ),
    ]


@pytest.mark.parametrize("who", ["priya", "wren", "hana"])
def test_the_wrong_person_is_refused_everywhere_and_nothing_changes(request, sign_in, who, incident, customer):
    person = request.getfixturevalue(who)
    client = sign_in(person)
    before = _snapshot(incident)
    # Hana may start her own incident for this customer (same team); not join Cara's.
    requests = _requests(incident, customer)[:-1] if who == "hana" else _requests(incident, customer)
    for method, url, data in requests:
        response = getattr(client, method)(url, data)
        assert response.status_code in (403, 404), (who, url, response.status_code)
    assert _snapshot(incident) == before


def test_the_dpo_cannot_start_incidents_and_another_organisation_cannot_start_one_for_our_customer(
    sign_in, priya, wren, customer
):
    client = sign_in(priya)
    assert client.get(reverse("incidents:start")).status_code == 403
    assert client.get(reverse("incidents:proposal")).status_code == 403
    unidentified = {"channel": "telephone", "caller_description": "x", "protocol": "domestic-abuse"}
    assert client.post(reverse("incidents:start"), unidentified).status_code == 403
    for person in (priya, wren):
        url = reverse("incidents:start_for_customer", args=[customer.pk])
        assert sign_in(person).get(url).status_code in (403, 404)
        assert sign_in(person).post(url, {"channel": "telephone", "protocol": "domestic-abuse"}).status_code in (
            403,
            404,
        )
    assert not Incident.objects.exists()


def test_the_auditor_reads_the_incident_but_changes_nothing(sign_in, aled, incident, customer):
    client = sign_in(aled)
    assert client.get(reverse("incidents:guided", args=[incident.pk])).status_code == 200
    assert client.get(reverse("incidents:state", args=[incident.pk])).status_code == 200
    before = _snapshot(incident)
    for method, url, data in _requests(incident, customer)[2:]:
        assert getattr(client, method)(url, data).status_code in (403, 404), url
    assert _snapshot(incident) == before


def test_the_team_leader_may_link_and_close_but_not_answer(sign_in, tom, incident):
    client = sign_in(tom)
    before = _snapshot(incident)
    answer = reverse("incidents:answer", args=[incident.pk])
    assert client.post(answer, {"step": "safe-now", "version": 1, "answer": "safe"}).status_code == 403
    assert client.get(reverse("incidents:change", args=[incident.pk, "safe-now"])).status_code in (403, 404)
    assert _snapshot(incident) == before
