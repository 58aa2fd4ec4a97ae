"""The MR tracker over the API: the same services and checks as the pages."""

import json

import pytest
import time_machine
from django.urls import reverse

from api.tests.helpers import bearer, token_for
from audit.models import AuditEvent
from people.tests.factories import make_customer
from work.models import Task, TaskState
from work.models_appeals import MandatoryReconsideration
from work.tests.appeals_helpers import NOON_TODAY, mr_state, record_mr, record_mrn

MR = {
    "decision_challenged": "PIP mobility decision",
    "lodged_on": "2026-02-23",
    "lodged_how": "letter",
    "lodged_by": "representative",
    "representative_name": "Sasha Green",
    "representative_organisation": "Aldwyck Housing Group",
    "outside_authority": "FOA-2026-020: lodging an MR",
}


@pytest.fixture(autouse=True)
def _monday_noon():
    with time_machine.travel(NOON_TODAY, tick=False):
        yield


@pytest.fixture
def customer(cara):
    return make_customer(cara)


def _post(client, url, plain, payload):
    return client.post(url, data=json.dumps(payload), content_type="application/json", headers=bearer(plain))


def test_an_mr_is_recorded_its_mrn_and_appeal_recorded_and_read_back_over_the_api(client, cara, customer):
    plain = token_for(cara)
    response = _post(client, reverse("api:mr_record", args=[customer.pk]), plain, MR)
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["state"], body["chase_on"], body["lodged_by"]) == ("awaiting-mrn", "2026-03-23", "representative")
    mr_id = body["id"]

    body = _post(
        client,
        reverse("api:mr_mrn_record", args=[mr_id]),
        plain,
        {"mrn_sent_on": "2026-02-27", "mrn_outcome": "changed-in-part"},
    ).json()
    assert (body["state"], body["appeal_due_on"], body["late_appeal_limit_on"]) == (
        "mrn-received",
        "2026-03-27",
        "2027-03-27",
    )
    assert body["next_step"].startswith("Agree with the customer whether to appeal")
    appeal_task = Task.objects.get(pk=body["appeal_task_id"])
    assert appeal_task.reminders.count() == 3

    body = _post(
        client,
        reverse("api:mr_appeal_lodged", args=[mr_id]),
        plain,
        {"appeal_lodged_on": "2026-03-02", "appeal_how": "online"},
    ).json()
    assert body["state"] == "appeal-lodged"
    appeal_task.refresh_from_db()
    assert appeal_task.state == TaskState.DONE

    listed = client.get(reverse("api:mr_list_for_customer", args=[customer.pk]), headers=bearer(plain)).json()
    assert [mr["id"] for mr in listed] == [mr_id]
    assert client.get(reverse("api:mr_get", args=[mr_id]), headers=bearer(plain)).json()["id"] == mr_id
    assert AuditEvent.objects.filter(action="mr.viewed", target_id=str(mr_id)).count() == 1


def test_bad_input_answers_400_with_every_problem_by_field(client, cara, customer):
    before = mr_state()
    response = _post(
        client,
        reverse("api:mr_record", args=[customer.pk]),
        token_for(cara),
        {**MR, "decision_challenged": "", "representative_organisation": "", "lodged_on": "2026-03-09"},
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "decision_challenged": "Enter the decision being challenged",
        "lodged_on": "The date the MR was lodged must be today or in the past",
        "representative_organisation": "Enter the adviser's organisation",
    }
    assert mr_state() == before[:-1] + (before[-1] + 1,)  # only the token was made


def test_a_stale_version_answers_409(client, cara, customer):
    mr = record_mr(cara, customer)
    response = _post(
        client,
        reverse("api:mr_mrn_record", args=[mr.pk]),
        token_for(cara),
        {"mrn_sent_on": "2026-02-20", "mrn_outcome": "not-changed", "version": mr.version + 1},
    )
    assert response.status_code == 409
    assert MandatoryReconsideration.objects.get(pk=mr.pk).state == "awaiting-mrn"


def test_a_caseworker_in_another_organisation_gets_not_found_and_changes_nothing(client, cara, wren, customer):
    mr = record_mrn(cara, record_mr(cara, customer))
    plain = token_for(wren)
    before = mr_state()
    assert client.get(reverse("api:mr_get", args=[mr.pk]), headers=bearer(plain)).status_code == 404
    assert client.get(reverse("api:mr_list_for_customer", args=[customer.pk]), headers=bearer(plain)).status_code == 404
    assert _post(client, reverse("api:mr_record", args=[customer.pk]), plain, MR).status_code == 404
    assert (
        _post(
            client,
            reverse("api:mr_appeal_lodged", args=[mr.pk]),
            plain,
            {"appeal_lodged_on": "2026-03-02", "appeal_how": "post"},
        ).status_code
        == 404
    )
    assert _post(client, reverse("api:mr_appeal_declined", args=[mr.pk]), plain, {"reason": "No"}).status_code == 404
    assert mr_state() == before


def test_an_auditor_reads_mrs_but_cannot_record_them(client, cara, aled, customer):
    mr = record_mr(cara, customer)
    plain = token_for(aled)
    before = mr_state()
    assert client.get(reverse("api:mr_list_for_customer", args=[customer.pk]), headers=bearer(plain)).status_code == 200
    assert _post(client, reverse("api:mr_record", args=[customer.pk]), plain, MR).status_code == 403
    assert (
        _post(
            client,
            reverse("api:mr_mrn_record", args=[mr.pk]),
            plain,
            {"mrn_sent_on": "2026-02-20", "mrn_outcome": "changed"},
        ).status_code
        == 403
    )
    assert mr_state() == before


def test_an_mr_lodged_by_staff_of_another_organisation_is_refused_by_the_field_sent(client, cara, wren, customer):
    payload = {**MR, "lodged_by": "staff", "lodged_by_staff_id": wren.pk}
    response = _post(client, reverse("api:mr_record", args=[customer.pk]), token_for(cara), payload)
    assert response.status_code == 400
    assert response.json()["errors"] == {"lodged_by_staff_id": "Choose the member of staff who lodged the MR"}
    assert not MandatoryReconsideration.objects.exists()
