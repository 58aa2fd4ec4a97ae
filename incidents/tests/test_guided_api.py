"""The guided screen's API: the same services as the pages, with a personal token."""

import uuid

import pytest

from api.tests.helpers import bearer, token_for
from audit.models import AuditEvent
from disclosures.tests.helpers import customer_at_risk
from incidents.models import Incident, IncidentNote

pytestmark = pytest.mark.django_db
BASE = "/api/v1/incidents"


@pytest.fixture
def customer(cara):
    return customer_at_risk(cara)


def _call(client, user, method, path, payload=None):
    kwargs = {"headers": bearer(token_for(user))}
    if payload is not None:
        kwargs.update(data=payload, content_type="application/json")
    return getattr(client, method)(f"{BASE}{path}", **kwargs)


def test_an_incident_is_started_walked_noted_and_closed_through_the_api(client, cara, customer):
    started = _call(
        client, cara, "post", "", {"channel": "telephone", "protocol": "domestic-abuse", "customer_id": customer.pk}
    )
    assert started.status_code == 201
    state = started.json()
    pk = state["id"]
    assert (state["current_step"], state["version"]) == ("safe-now", 1)
    answers = [("safe-now", "safe"), ("c-nation", "england")]
    for step, value in answers:
        state = _call(
            client, cara, "post", f"/{pk}/answer", {"step": step, "value": value, "version": state["version"]}
        ).json()
    while state["current_step"] != "c-send-list":
        state = _call(
            client,
            cara,
            "post",
            f"/{pk}/answer",
            {"step": state["current_step"], "value": "given", "version": state["version"]},
        ).json()
    state = _call(
        client, cara, "post", f"/{pk}/answer", {"step": "c-send-list", "value": "no", "version": state["version"]}
    ).json()
    assert state["finished"] is True
    assert [row["step"] for row in state["summary"]][:2] == ["safe-now", "c-nation"]
    changed = _call(
        client, cara, "post", f"/{pk}/steps/c-nation/change", {"value": "scotland", "version": state["version"]}
    ).json()
    assert changed["current_step"] == "c-police-scotland"
    entry = str(uuid.uuid4())
    note = _call(client, cara, "post", f"/{pk}/notes", {"entry": entry, "revision": 1, "text": "Said safe"})
    assert note.status_code == 200
    again = _call(client, cara, "post", f"/{pk}/notes", {"entry": entry, "revision": 1, "text": "Said safe"})
    assert again.json()["id"] == note.json()["id"]
    assert [n["text"] for n in _call(client, cara, "get", f"/{pk}/notes").json()] == ["Said safe"]
    while not changed["finished"]:
        step = changed["current_step"]
        value = "no" if step == "c-send-list" else "given"
        changed = _call(
            client, cara, "post", f"/{pk}/answer", {"step": step, "value": value, "version": changed["version"]}
        ).json()
    closed = _call(client, cara, "post", f"/{pk}/close", {"version": changed["version"]})
    assert closed.json()["state"] == "closed"
    got = _call(client, cara, "get", f"/{pk}")
    assert got.status_code == 200
    assert AuditEvent.objects.filter(action="incident.opened", target_id=str(pk)).count() == 1


def test_a_stale_version_is_a_conflict_with_the_current_version_and_nothing_changes(client, cara, customer):
    pk = _call(
        client, cara, "post", "", {"channel": "telephone", "protocol": "domestic-abuse", "customer_id": customer.pk}
    ).json()["id"]
    _call(client, cara, "post", f"/{pk}/answer", {"step": "safe-now", "value": "safe", "version": 1})
    conflict = _call(
        client, cara, "post", f"/{pk}/answer", {"step": "safe-now", "value": "safe-with-concerns", "version": 1}
    )
    assert conflict.status_code == 409
    assert conflict.json()["current"] == {"version": "2", "current_step": "c-nation"}
    assert Incident.objects.get().version == 2


def test_a_caller_is_linked_later(client, cara, customer):
    state = _call(
        client,
        cara,
        "post",
        "",
        {"channel": "letter", "protocol": "threat-to-others", "caller_description": "Letter signed J"},
    ).json()
    assert state["customer_id"] is None
    linked = _call(
        client, cara, "post", f"/{state['id']}/link", {"customer_id": customer.pk, "version": state["version"]}
    )
    assert linked.json()["customer_id"] == customer.pk


def test_the_wrong_people_are_refused_and_nothing_changes(client, cara, priya, wren, hana, aled, customer):
    pk = _call(
        client, cara, "post", "", {"channel": "telephone", "protocol": "domestic-abuse", "customer_id": customer.pk}
    ).json()["id"]
    assert _call(client, priya, "get", f"/{pk}").status_code == 404
    assert (
        _call(
            client,
            priya,
            "post",
            "",
            {"channel": "telephone", "protocol": "domestic-abuse", "customer_id": customer.pk},
        ).status_code
        == 403
    )
    for person in (wren, hana):
        assert _call(client, person, "get", f"/{pk}").status_code == 404
        assert (
            _call(
                client, person, "post", f"/{pk}/answer", {"step": "safe-now", "value": "safe", "version": 1}
            ).status_code
            == 404
        )
        assert (
            _call(
                client, person, "post", f"/{pk}/notes", {"entry": str(uuid.uuid4()), "revision": 1, "text": "x"}
            ).status_code
            == 404
        )
    assert _call(client, aled, "get", f"/{pk}").status_code == 200
    assert (
        _call(
            client, aled, "post", f"/{pk}/notes", {"entry": str(uuid.uuid4()), "revision": 1, "text": "x"}
        ).status_code
        == 403
    )
    assert (
        _call(client, aled, "post", f"/{pk}/answer", {"step": "safe-now", "value": "safe", "version": 1}).status_code
        == 403
    )
    incident = Incident.objects.get()
    assert (incident.version, Incident.objects.count(), IncidentNote.objects.count()) == (1, 1, 0)
