"""The directory over the API: the same rules as the pages, and the wrong role refused."""

import pytest

from api.tests.helpers import bearer, token_for
from directory import notify
from directory.models import Entry, SignpostSend
from directory.tests.helpers import customer_safe_by, seed

pytestmark = pytest.mark.django_db
BASE = "/api/v1/directory"


def test_searching_by_need_and_postcode_ranks_local_entries_first(client, sam):
    seed(sam)
    answer = client.get(
        f"{BASE}/entries", {"need": "debt-housing-welfare", "postcode": "SK1 1AL"}, headers=bearer(token_for(sam))
    )
    assert answer.status_code == 200
    first = answer.json()[0]
    assert first["name"] == "Stockport MBC welfare rights"
    assert first["is_local"] is True
    assert first["unverified"] is True


def test_a_malformed_postcode_answers_400_naming_the_field(client, sam):
    answer = client.get(f"{BASE}/entries", {"postcode": "nonsense"}, headers=bearer(token_for(sam)))
    assert answer.status_code == 400
    assert answer.json() == {"detail": "Enter a real postcode, like CF10 1EP", "field": "postcode"}


def test_a_postcode_lookup_gives_the_council_and_nation(client, cara):
    answer = client.get(f"{BASE}/postcodes/BT15GS", headers=bearer(token_for(cara)))
    assert answer.json()["nation"] == "northern-ireland"
    assert answer.json()["council_code"] == "N09000003"
    answer = client.get(f"{BASE}/postcodes/CF101EP", headers=bearer(token_for(cara))).json()
    assert (answer["council_code"], answer["council_name"], answer["nation_certain"]) == ("W06000015", "Cardiff", True)


def test_sending_to_an_unsafe_channel_is_refused_with_the_reason_and_nothing_is_sent(client, cara, sam):
    seed(sam)
    fake = notify.FakeGateway()
    notify.use_gateway(fake)
    try:
        customer = customer_safe_by(cara, by_email=False)
        galop = Entry.objects.get(name="Galop")
        answer = client.post(
            f"{BASE}/sends",
            {"customer_id": customer.pk, "entry_ids": [galop.pk], "channel": "email"},
            content_type="application/json",
            headers=bearer(token_for(cara)),
        )
    finally:
        notify.use_gateway(None)
    assert answer.status_code == 400
    assert answer.json()["detail"] == "The customer's record does not say it is safe to contact them by email."
    assert fake.sent == []
    assert not SignpostSend.objects.exists()


def test_a_caseworker_adding_an_entry_is_refused_and_nothing_changes(client, cara):
    payload = {"name": "X", "needs": ["domestic-abuse"], "nations": ["wales"]}
    answer = client.post(f"{BASE}/entries", payload, content_type="application/json", headers=bearer(token_for(cara)))
    assert answer.status_code == 403
    assert not Entry.objects.exists()


def test_a_team_leader_adds_then_verifies_a_local_entry(client, tom):
    headers = bearer(token_for(tom))
    payload = {"name": "Cardiff WSU", "needs": ["domestic-abuse"], "nations": ["wales"], "local_postcodes": "CF10"}
    created = client.post(f"{BASE}/entries", payload, content_type="application/json", headers=headers)
    assert created.status_code == 201
    entry_id = created.json()["id"]
    assert created.json()["local_postcodes"] == ["CF10"]
    verified = client.post(f"{BASE}/entries/{entry_id}/verify", headers=headers)
    assert verified.json()["unverified"] is False


def test_another_organisations_entry_is_not_found(client, sam, wren):
    seed(sam)
    galop = Entry.objects.get(name="Galop")
    assert client.get(f"{BASE}/entries/{galop.pk}", headers=bearer(token_for(wren))).status_code == 404


def test_the_csv_export_and_import_round_trip_over_the_api(client, sam):
    seed(sam)
    headers = bearer(token_for(sam))
    exported = client.get(f"{BASE}/export.csv", headers=headers).content.decode()
    answer = client.post(f"{BASE}/import", {"csv": exported}, content_type="application/json", headers=headers)
    assert answer.json() == {"added": 0, "updated": Entry.objects.count()}


def _send_during(client, worker, customer, incident):
    payload = {"customer_id": customer.pk, "entry_ids": [Entry.objects.get(name="Galop").pk], "channel": "print"}
    return client.post(
        f"{BASE}/sends", {**payload, "incident_id": incident.pk}, content_type="application/json",
        headers=bearer(token_for(worker)),
    )  # fmt: skip


def test_a_list_given_through_the_api_during_an_incident_names_it(client, cara, sam):
    from incidents.tests.helpers import start_da_plan

    seed(sam)
    customer = customer_safe_by(cara)
    incident = start_da_plan(cara, customer)
    answer = _send_during(client, cara, customer, incident)
    assert answer.status_code == 201
    assert answer.json()["incident_id"] == incident.pk
    assert SignpostSend.objects.get().incident == incident


def test_an_incident_about_someone_else_is_refused_through_the_api_and_nothing_is_recorded(client, cara, sam):
    from incidents.tests.helpers import start_da_plan

    seed(sam)
    customer = customer_safe_by(cara)
    answer = _send_during(client, cara, customer, start_da_plan(cara, customer_safe_by(cara)))
    assert answer.status_code == 400
    assert "about someone else" in answer.json()["detail"]
    assert not SignpostSend.objects.exists()
