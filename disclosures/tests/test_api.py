"""Disclosure decisions through the API: the same services and refusals as the pages."""

import json

import pytest

from api.tests.helpers import bearer, token_for
from audit.models import AuditEvent
from disclosures.models import Disclosure, Status
from disclosures.tests.helpers import customer_at_risk, database_state, emergency_data, make_disclosure
from work.models import TaskState

pytestmark = pytest.mark.django_db
BASE = "/api/v1/disclosures"


@pytest.fixture
def customer(cara):
    return customer_at_risk(cara)


def payload(**overrides) -> dict:
    data = emergency_data(**overrides)
    data["shared_at"] = data["shared_at"].isoformat()
    return data


def call(client, method: str, url: str, user, body=None):
    kwargs = {"headers": bearer(token_for(user))}
    if body is not None:
        kwargs.update(data=json.dumps(body), content_type="application/json")
    return getattr(client, method)(url, **kwargs)


def test_an_emergency_disclosure_and_its_review_go_through_the_api(client, cara, tom, customer):
    created = call(client, "post", f"{BASE}/customers/{customer.pk}", cara, payload())
    assert created.status_code == 201, created.json()
    disclosure_id = created.json()["id"]
    assert created.json()["status"] == "draft"
    confirmed = call(client, "post", f"{BASE}/{disclosure_id}/confirm", cara, {})
    assert confirmed.status_code == 200
    assert confirmed.json()["review_task_id"]
    opened = call(client, "get", f"{BASE}/{disclosure_id}", cara)
    assert opened.json()["reference_number"] == "NP-2026-0042"
    assert AuditEvent.objects.filter(action="disclosure.viewed", target_id=str(disclosure_id)).exists()
    reviewed = call(client, "post", f"{BASE}/{disclosure_id}/review", tom, {"outcome": "agreed", "note": "Right"})
    assert reviewed.status_code == 200
    assert reviewed.json()["review_outcome"] == "agreed"
    assert Disclosure.objects.get().review_task.state == TaskState.DONE


def test_a_broken_rule_answers_400_with_every_problem_by_its_field(client, cara, customer):
    response = call(
        client, "post", f"{BASE}/customers/{customer.pk}", cara, payload(emergency=False, article_6="6-1-a")
    )
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert "second_opinion_by" in errors
    assert any("Art. 6(1)(a)" in message for message in errors.values())
    assert Disclosure.objects.count() == 0


def test_a_confirmed_disclosure_cannot_be_changed_and_is_corrected_with_a_linked_entry(client, cara, customer):
    original = make_disclosure(cara, customer)
    changed = call(client, "put", f"{BASE}/{original.pk}", cara, payload(recipient_person="PC Other"))
    assert changed.status_code == 400
    assert "cannot be changed" in changed.json()["detail"]
    corrected = call(
        client, "post", f"{BASE}/{original.pk}/correct", cara, {**payload(), "correction_reason": "Wrong time"}
    )
    assert corrected.status_code == 201
    assert corrected.json()["corrects_id"] == original.pk


def test_the_customer_history_lists_disclosures_and_is_an_audited_read(client, cara, customer):
    make_disclosure(cara, customer)
    response = call(client, "get", f"{BASE}/customers/{customer.pk}", cara)
    assert response.status_code == 200
    assert [row["recipient_organisation"] for row in response.json()] == ["Northumbria Police"]
    assert AuditEvent.objects.filter(action="disclosure.history_viewed", target_id=str(customer.pk)).exists()


def test_the_dpo_reads_the_register_with_filters(client, cara, dee, priya, customer):
    make_disclosure(cara, customer)
    make_disclosure(cara, customer, emergency=False, second_opinion_by=dee)
    everything = call(client, "get", f"{BASE}/register", priya).json()
    assert everything["count"] == 2
    alone = call(client, "get", f"{BASE}/register?emergency_alone=true", priya).json()
    assert alone["count"] == 1
    assert alone["disclosures"][0]["second_opinion_by_id"] is None


def test_the_lawful_basis_table_is_in_the_api(client, priya):
    rows = call(client, "get", f"{BASE}/lawful-basis", priya).json()
    assert any("Sch. 1 para 18" in row["cites"] for row in rows)


@pytest.mark.parametrize("persona", ["cara", "tom", "sam", "aled", "ada", "wren"])
def test_only_dpos_read_the_register_through_the_api(client, persona, request, cara, customer):
    make_disclosure(cara, customer)
    user = request.getfixturevalue(persona)
    token = bearer(token_for(user))
    before = database_state()
    assert client.get(f"{BASE}/register", headers=token).status_code == 403
    assert database_state() == before


@pytest.mark.parametrize("persona", ["priya", "aled", "ada", "wren"])
def test_roles_that_do_not_record_disclosures_are_refused_by_the_api_and_nothing_changes(
    client, persona, request, cara, customer
):
    disclosure = make_disclosure(cara, customer)
    draft = make_disclosure(cara, customer, confirm=False)
    token = bearer(token_for(request.getfixturevalue(persona)))
    before = database_state()
    body = json.dumps(payload())
    attempts = [
        client.post(f"{BASE}/customers/{customer.pk}", data=body, content_type="application/json", headers=token),
        client.put(f"{BASE}/{draft.pk}", data=body, content_type="application/json", headers=token),
        client.post(f"{BASE}/{draft.pk}/confirm", data="{}", content_type="application/json", headers=token),
        client.post(
            f"{BASE}/{disclosure.pk}/correct",
            data=json.dumps({**payload(), "correction_reason": "x"}),
            content_type="application/json",
            headers=token,
        ),
        client.post(
            f"{BASE}/{disclosure.pk}/review",
            data=json.dumps({"outcome": "agreed", "note": "x"}),
            content_type="application/json",
            headers=token,
        ),
    ]
    # Another organisation's caseworker may record disclosures, but not know these exist.
    expected = 404 if persona == "wren" else 403
    assert [response.status_code for response in attempts] == [expected] * 5
    assert database_state() == before


def test_another_organisation_and_a_colleague_cannot_open_what_is_not_theirs(client, cara, hana, wren, customer):
    disclosure = make_disclosure(cara, customer)
    draft = make_disclosure(cara, customer, confirm=False)
    wren_token, hana_token = bearer(token_for(wren)), bearer(token_for(hana))
    before = database_state()
    assert client.get(f"{BASE}/{disclosure.pk}", headers=wren_token).status_code == 404
    assert client.get(f"{BASE}/customers/{customer.pk}", headers=wren_token).status_code == 404
    assert client.get(f"{BASE}/{draft.pk}", headers=hana_token).status_code == 404
    confirm = client.post(f"{BASE}/{draft.pk}/confirm", data="{}", content_type="application/json", headers=hana_token)
    assert confirm.status_code == 404
    assert Disclosure.objects.get(pk=draft.pk).status == Status.DRAFT
    assert database_state() == before


def test_no_token_no_answer(client):
    assert client.get(f"{BASE}/register").status_code == 401
