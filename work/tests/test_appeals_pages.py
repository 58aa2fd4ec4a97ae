"""The MR tracker pages with named personas: record an MR from the customer's record,
the MR page, recording the MRN and the appeal, bad input kept with its messages, and the
wrong people refused with nothing changed."""

import datetime as dt
import re

import pytest
import time_machine
from django.urls import reverse

from audit.models import AuditEvent
from people.services_access import customer_restrict
from people.tests.factories import make_customer
from work.models_appeals import MandatoryReconsideration, MRState
from work.tests.appeals_helpers import NOON_TODAY, mr_state, record_mr, record_mrn


@pytest.fixture(autouse=True)
def _monday_noon():
    with time_machine.travel(NOON_TODAY, tick=False):
        yield


@pytest.fixture
def customer(cara):
    return make_customer(cara)


def _date(prefix: str, day: dt.date | None) -> dict:
    if day is None:
        return {f"{prefix}_0": "", f"{prefix}_1": "", f"{prefix}_2": ""}
    return {f"{prefix}_0": str(day.day), f"{prefix}_1": str(day.month), f"{prefix}_2": str(day.year)}


def _mr_post(**overrides) -> dict:
    data = {
        "decision_challenged": "PIP daily living decision",
        "lodged_how": "phone",
        "lodged_by": "customer",
        "outside_authority": "",
        **_date("lodged_on", dt.date(2026, 2, 23)),
        **_date("decision_date", None),
    }
    data.update(overrides)
    return data


def test_a_caseworker_records_an_mr_from_the_customers_record_and_sees_it_there(client, sign_in, cara, customer):
    sign_in(cara)
    record = client.get(reverse("people:record", args=[customer.pk])).content.decode()
    new_url = reverse("work:mr_new", args=[customer.pk])
    assert f'href="{new_url}"' in record
    assert "No open MRs." in record

    form = client.get(new_url)
    assert form.status_code == 200
    assert 'class="govuk-radios' in form.content.decode()  # rendered by crispy-forms-gds

    response = client.post(new_url, _mr_post())
    mr = MandatoryReconsideration.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("work:mr", args=[mr.pk])
    assert (mr.lodged_on, mr.lodged_by, mr.owner) == (dt.date(2026, 2, 23), "customer", cara)

    record = client.get(reverse("people:record", args=[customer.pk])).content.decode()
    block = re.search(r'id="mandatory-reconsiderations".*?</div>\s*</div>', record, re.S).group(0)
    assert "PIP daily living decision" in block
    assert "Waiting for the MRN" in block
    assert "Chase the MRN 23 Mar 2026" in block


def test_bad_input_is_shown_beside_each_field_and_in_the_summary_and_what_was_typed_is_kept(
    client, sign_in, cara, customer
):
    sign_in(cara)
    before = mr_state()
    url = reverse("work:mr_new", args=[customer.pk])
    data = _mr_post(decision_challenged="ESA decision", lodged_by="representative", representative_name="Sasha Green")
    data["lodged_on_0"], data["lodged_on_1"], data["lodged_on_2"] = "31", "2", "2026"
    response = client.post(url, data)
    html = response.content.decode()
    assert response.status_code == 200  # the form again, with its problems
    assert html.index("There is a problem") < html.index("<h1")
    assert html.count("The date the MR was lodged must be a real date, for example 27 3 2026") == 2
    assert 'value="Sasha Green"' in html
    assert "ESA decision" in html
    assert 'value="31"' in html

    data.update(_date("lodged_on", dt.date(2026, 2, 23)))
    html = client.post(url, data).content.decode()
    for message in ("Enter the adviser&#x27;s organisation", "Enter the form of authority the adviser acted under"):
        assert html.count(message) == 2, message  # in the summary and beside the field
    assert 'value="Sasha Green"' in html
    assert mr_state() == before


def test_the_mr_page_shows_state_deadlines_timeline_and_next_step_and_its_opening_is_audited(
    client, sign_in, cara, tom, customer
):
    mr = record_mrn(cara, record_mr(cara, customer))
    sign_in(tom)
    html = client.get(reverse("work:mr", args=[mr.pk])).content.decode()
    assert "MRN received: appeal decision due" in html
    assert 'id="mr-appeal-due">20 March 2026' in html
    assert 'id="mr-late-limit">20 March 2027' in html
    assert "6 March 2026<br>13 March 2026<br>18 March 2026" in html
    assert "Agree with the customer whether to appeal" in html
    assert "FOA-2026-014" in html
    assert reverse("work:mr_appeal", args=[mr.pk]) in html
    assert AuditEvent.objects.filter(action="mr.viewed", actor=tom, target_id=str(mr.pk)).count() == 1


def test_recording_the_mrn_then_the_appeal_through_the_pages_closes_the_mr(client, sign_in, cara, customer):
    mr = record_mr(cara, customer)
    sign_in(cara)
    response = client.post(
        reverse("work:mr_mrn", args=[mr.pk]),
        {
            "version": mr.version,
            "mrn_outcome": "changed-in-part",
            **_date("mrn_sent_on", dt.date(2026, 2, 27)),
            **_date("mrn_seen_on", None),
        },
    )
    assert response.status_code == 302
    mr.refresh_from_db()
    assert (mr.state, mr.appeal_due_on, mr.mrn_seen_on) == (
        MRState.MRN_RECEIVED,
        dt.date(2026, 3, 27),
        NOON_TODAY.date(),
    )

    response = client.post(
        reverse("work:mr_appeal", args=[mr.pk]),
        {
            "version": mr.version,
            "appeal_how": "online",
            "appeal_reference": "",
            **_date("appeal_lodged_on", NOON_TODAY.date()),
        },
    )
    assert response.status_code == 302
    mr.refresh_from_db()
    assert mr.state == MRState.APPEAL_LODGED
    record = client.get(reverse("people:record", args=[customer.pk])).content.decode()
    assert "No open MRs." in record
    assert "Closed MRs (1)" in record


def test_the_mrn_page_refuses_a_date_before_the_mr_and_keeps_what_was_typed(client, sign_in, cara, customer):
    mr = record_mr(cara, customer)
    sign_in(cara)
    before = mr_state()
    response = client.post(
        reverse("work:mr_mrn", args=[mr.pk]),
        {
            "version": mr.version,
            "mrn_outcome": "",
            **_date("mrn_sent_on", dt.date(2026, 1, 2)),
            **_date("mrn_seen_on", None),
        },
    )
    html = response.content.decode()
    assert response.status_code == 200  # the form again, with its problems
    assert html.count("The MRN cannot be sent before the MR was lodged (2 February 2026)") == 2
    assert html.count("Choose what the MRN decided") == 2
    assert mr_state() == before


def test_deciding_not_to_appeal_through_the_page(client, sign_in, cara, customer):
    mr = record_mrn(cara, record_mr(cara, customer))
    sign_in(cara)
    response = client.post(
        reverse("work:mr_decline", args=[mr.pk]),
        {"version": mr.version, "declined_reason": "The MRN gave her the award", **_date("declined_on", None)},
    )
    assert response.status_code == 302
    mr.refresh_from_db()
    assert mr.state == MRState.NOT_APPEALING
    assert mr.declined_reason == "The MRN gave her the award"


def test_the_chase_and_appeal_tasks_show_in_my_work_and_team_work(client, sign_in, cara, tom, customer):
    mr = record_mrn(cara, record_mr(cara, customer))
    sign_in(cara)
    mine = client.get(reverse("work:mine") + "?state=all").content.decode()
    assert "Appeal (SSCS1) for Jane Johnson" in mine
    assert "Chase the MRN for Jane Johnson" in mine
    task_page = client.get(reverse("work:task", args=[mr.appeal_task_id])).content.decode()
    assert f'href="{reverse("work:mr", args=[mr.pk])}"' in task_page  # from the task back to its MR
    sign_in(tom)
    team = client.get(reverse("work:team")).content.decode()
    assert "Appeal (SSCS1) for Jane Johnson" in team


@pytest.mark.parametrize("persona", ["wren", "ada"])
def test_staff_of_another_organisation_or_without_casework_cannot_see_or_record_mrs(
    client, sign_in, request, cara, customer, persona
):
    mr = record_mr(cara, customer)
    sign_in(request.getfixturevalue(persona))
    before = mr_state()
    expected = 404 if persona == "wren" else 403
    assert client.get(reverse("work:mr", args=[mr.pk])).status_code == expected
    assert client.get(reverse("work:mr_new", args=[customer.pk])).status_code == expected
    assert client.post(reverse("work:mr_new", args=[customer.pk]), _mr_post()).status_code == expected
    assert (
        client.post(
            reverse("work:mr_mrn", args=[mr.pk]),
            {"mrn_outcome": "not-changed", **_date("mrn_sent_on", dt.date(2026, 2, 20)), **_date("mrn_seen_on", None)},
        ).status_code
        == expected
    )
    assert mr_state() == before


def test_an_auditor_may_read_an_mr_but_not_record_one(client, sign_in, cara, aled, customer):
    mr = record_mr(cara, customer)
    sign_in(aled)
    assert client.get(reverse("work:mr", args=[mr.pk])).status_code == 200
    before = mr_state()
    assert client.post(reverse("work:mr_new", args=[customer.pk]), _mr_post()).status_code == 403
    assert client.get(reverse("work:mr_mrn", args=[mr.pk])).status_code == 403
    assert mr_state() == before


def test_an_mr_of_a_restricted_record_is_hidden_from_staff_not_named_on_it(client, sign_in, cara, hana, tom, customer):
    mr = record_mr(cara, customer)
    customer_restrict(actor=tom, customer=customer, restricted=True)
    sign_in(hana)
    assert client.get(reverse("work:mr", args=[mr.pk])).status_code == 404
    assert client.get(reverse("work:mr_new", args=[customer.pk])).status_code == 403
