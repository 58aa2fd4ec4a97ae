"""An MR lodged under a form of authority (consent/): the MR links to the authority, the
access under it is recorded with the MR in one transaction, and an authority that is
revoked, expired or does not allow lodging an MR refuses the MR with consent's reason,
writing nothing of it. Through the service, the pages and the API."""

import datetime as dt
import json
import re

import pytest
import time_machine
from django.urls import reverse

from api.tests.helpers import bearer, token_for
from audit.models import AuditEvent
from consent import services as consent
from consent.models import AccessRecord, Authority, Duration, Entry, Scope
from consent.tests.factories import make_authority
from core.errors import HavenError, InvalidInput
from people.tests.factories import make_customer
from work import services_appeals as services
from work import services_appeals_authority as under_authority
from work.tests.appeals_helpers import NOON_TODAY, TODAY, mr_state, record_mr

REVOKED = "The client revoked this authority on 2 March 2026 at 12:00."


@pytest.fixture(autouse=True)
def _monday_noon():
    with time_machine.travel(NOON_TODAY, tick=False):
        yield


@pytest.fixture
def customer(cara):
    return make_customer(cara)


@pytest.fixture
def authority(cara, customer):
    return make_authority(cara, customer, cara)


def _under(actor, customer, authority, **overrides):
    """An MR the actor lodged today as the customer's adviser, under the authority."""
    fields = {"lodged_on": TODAY, "lodged_by": "representative", "authority": authority}
    fields |= {"representative_name": "", "representative_organisation": "", "outside_authority": ""}
    return record_mr(actor, customer, **(fields | overrides))


def _everything() -> tuple:
    """Everything an MR under an authority could write, to prove a refused one wrote none of it."""
    return (
        *mr_state()[:-1],
        list(AccessRecord.objects.order_by("pk").values()),
        list(Authority.objects.order_by("pk").values("pk", "used_at", "revoked_at")),
    )


def _new_audit_actions(since: int) -> list[str]:
    return list(AuditEvent.objects.order_by("pk").values_list("action", flat=True)[since:])


# The service


def test_an_mr_lodged_under_an_authority_links_to_it_and_records_the_access_with_it(cara, customer, authority):
    events = AuditEvent.objects.count()
    mr = _under(cara, customer, authority)

    assert (mr.authority, mr.lodged_by, mr.outside_authority) == (authority, "representative", "")
    assert (mr.representative_name, mr.representative_organisation) == (
        cara.display_name,
        authority.adviser_organisation.name,
    )
    access = AccessRecord.objects.get()
    assert (access.authority, access.adviser, access.customer) == (authority, cara, customer)
    assert (access.action, access.entry, access.no_password_confirmed) == (Scope.ENTRIES, Entry.LODGE_MR, True)
    assert access.acted_at == NOON_TODAY
    assert "Universal Credit: limited capability for work decision" in access.done
    assert _new_audit_actions(events) == ["authority.access_recorded", "task.created", "mr.recorded"]
    recorded = AuditEvent.objects.get(action="mr.recorded")
    assert (recorded.changes["authority"], recorded.changes["access_record"]) == (authority.pk, access.pk)


def test_a_single_use_authority_is_used_up_by_the_mr_and_cannot_lodge_another(cara, customer):
    authority = make_authority(cara, customer, cara, duration=Duration.SINGLE)
    _under(cara, customer, authority)
    assert Authority.objects.get(pk=authority.pk).used_at == NOON_TODAY
    with pytest.raises(HavenError, match="single-use authority"):
        _under(cara, customer, authority, decision_challenged="PIP mobility decision")


def test_an_mr_under_a_revoked_authority_is_refused_with_consents_reason_and_nothing_is_written(
    cara, tom, customer, authority
):
    consent.authority_revoke(actor=tom, authority=authority)
    before, events = _everything(), AuditEvent.objects.count()
    with pytest.raises(HavenError) as caught:
        _under(cara, customer, authority)
    assert caught.value.field == "authority"
    assert caught.value.message.startswith(REVOKED)
    assert _everything() == before
    # Consent keeps its own record of the refused attempt; nothing of the MR is kept.
    assert _new_audit_actions(events) == ["authority.access_refused"]


def test_an_mr_under_an_authority_that_does_not_allow_lodging_one_is_refused_and_nothing_is_written(cara, customer):
    authority = make_authority(cara, customer, cara, entries=[Entry.CHECK_MR])
    before = _everything()
    with pytest.raises(HavenError) as caught:
        _under(cara, customer, authority)
    assert caught.value.message == (
        "This authority does not allow you to lodge a mandatory reconsideration. "
        "The entries it allows are: check for a mandatory reconsideration notice (mrn)."
    )
    assert _everything() == before


def test_an_mr_under_an_expired_authority_is_refused(cara, customer):
    with time_machine.travel(dt.datetime(2026, 2, 2, 12, tzinfo=dt.UTC), tick=False):
        authority = make_authority(cara, customer, cara, duration=Duration.UNTIL, ends_on=dt.date(2026, 2, 20))
    before = _everything()
    with pytest.raises(HavenError, match="expired at the end of 20 February 2026"):
        _under(cara, customer, authority)
    assert _everything() == before


def test_an_mr_lodged_before_the_authority_was_given_is_refused(cara, customer, authority):
    with pytest.raises(HavenError, match="This authority starts on 2 March 2026"):
        _under(cara, customer, authority, lodged_on=dt.date(2026, 2, 27))
    assert not AccessRecord.objects.exists()


def test_only_the_adviser_the_authority_names_may_lodge_under_it(cara, hana, customer, authority):
    before = _everything()
    with pytest.raises(InvalidInput) as caught:
        _under(hana, customer, authority)
    assert caught.value.errors == {"authority": "Choose a form of authority the customer gave you"}
    assert _everything() == before


def test_an_mr_under_an_authority_is_lodged_by_a_representative(cara, tom, customer, authority):
    with pytest.raises(InvalidInput) as caught:
        _under(cara, customer, authority, lodged_by="staff", lodged_by_staff=tom)
    assert caught.value.errors["lodged_by"].startswith("An MR lodged under your form of authority")


def test_when_the_chase_task_fails_the_mr_the_access_and_the_audit_are_all_rolled_back(cara, customer, monkeypatch):
    authority = make_authority(cara, customer, cara, duration=Duration.SINGLE)
    before, events = _everything(), AuditEvent.objects.count()

    def broken(**kwargs):
        raise RuntimeError("the task could not be made")

    monkeypatch.setattr(services, "task_create_within", broken)
    with pytest.raises(RuntimeError):
        _under(cara, customer, authority)
    assert _everything() == before
    assert AuditEvent.objects.count() == events
    assert Authority.objects.get(pk=authority.pk).used_at is None


def test_a_revocation_landing_just_before_the_mr_is_written_refuses_it_inside_the_transaction(
    cara, tom, customer, authority, monkeypatch
):
    checked = under_authority.refuse_outside_authority

    def check_then_revoke(actor, authority, fields):
        checked(actor, authority, fields)  # allowed at the moment of the check...
        consent.authority_revoke(actor=tom, authority=authority)  # ...and revoked a moment later

    monkeypatch.setattr(under_authority, "refuse_outside_authority", check_then_revoke)
    before, events = mr_state()[:-1], AuditEvent.objects.count()
    with pytest.raises(HavenError) as caught:
        _under(cara, customer, authority)
    assert (caught.value.field, caught.value.message.startswith(REVOKED)) == ("authority", True)
    assert mr_state()[:-1] == before
    assert not AccessRecord.objects.exists()
    assert _new_audit_actions(events) == ["authority.revoked"]


def test_an_adviser_outside_haven_is_still_described_in_text(cara, customer):
    mr = record_mr(cara, customer)
    assert (mr.authority, mr.outside_authority) == (None, mr.outside_authority)
    assert mr.outside_authority.startswith("FOA-2026-014")
    assert not AccessRecord.objects.exists()


# The pages


def _date(prefix: str, day: dt.date) -> dict:
    return {f"{prefix}_0": str(day.day), f"{prefix}_1": str(day.month), f"{prefix}_2": str(day.year)}


def _post(authority, **overrides) -> dict:
    data = {
        "decision_challenged": "PIP daily living decision",
        "lodged_how": "journal",
        "lodged_by": "representative",
        "authority": str(authority.pk),
        **_date("lodged_on", TODAY),
        **{"decision_date_0": "", "decision_date_1": "", "decision_date_2": ""},
    }
    return data | overrides


def test_the_mr_form_offers_the_advisers_active_authorities_and_shows_the_revoked_one_as_not_usable(
    client, sign_in, cara, tom, customer, authority
):
    revoked = make_authority(cara, customer, cara)
    consent.authority_revoke(actor=tom, authority=revoked)
    sign_in(cara)
    page = client.get(reverse("work:mr_new", args=[customer.pk])).content.decode()
    offered = re.findall(r'<input[^>]*name="authority"[^>]*value="([^"]*)"', page)
    assert offered == ["", str(authority.pk)]
    assert f"Authority {authority.pk}, given 2 March 2026: Ongoing until the client revokes it" in page
    unusable = page.split('id="mr-unusable-authorities"')[1].split("</div>")[0]
    assert f"Authority {revoked.pk}" in unusable
    assert 'data-authority-state="revoked"' in unusable
    assert REVOKED in unusable


def test_an_adviser_lodges_an_mr_under_an_authority_and_the_mr_page_links_to_it_with_its_state(
    client, sign_in, cara, tom, customer, authority
):
    sign_in(cara)
    response = client.post(reverse("work:mr_new", args=[customer.pk]), _post(authority))
    assert response.status_code == 302
    mr = customer.mandatory_reconsiderations.get()
    assert mr.authority == authority
    assert AccessRecord.objects.filter(authority=authority, entry=Entry.LODGE_MR).count() == 1

    page = client.get(response.url).content.decode()
    assert f'href="{reverse("consent:authority", args=[authority.pk])}"' in page
    assert 'data-authority-state="active"' in page

    consent.authority_revoke(actor=tom, authority=authority)
    page = client.get(response.url).content.decode()
    assert 'data-authority-state="revoked"' in page
    assert REVOKED in page


def test_the_mr_form_refuses_an_authority_revoked_since_it_was_opened_and_keeps_what_was_typed(
    client, sign_in, cara, tom, customer, authority
):
    sign_in(cara)
    url = reverse("work:mr_new", args=[customer.pk])
    client.get(url)
    consent.authority_revoke(actor=tom, authority=authority)
    before = _everything()
    response = client.post(url, _post(authority))
    page = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in page
    assert REVOKED in page
    assert "PIP daily living decision" in page
    assert _everything() == before


def test_an_auditor_cannot_lodge_an_mr_under_an_authority_and_nothing_changes(
    client, sign_in, aled, customer, authority
):
    sign_in(aled)
    before = _everything()
    assert client.post(reverse("work:mr_new", args=[customer.pk]), _post(authority)).status_code == 403
    assert _everything() == before


# The API


def _api(client, plain, customer, payload):
    return client.post(
        reverse("api:mr_record", args=[customer.pk]),
        data=json.dumps(payload),
        content_type="application/json",
        headers=bearer(plain),
    )


API_MR = {
    "decision_challenged": "PIP mobility decision",
    "lodged_on": TODAY.isoformat(),
    "lodged_how": "letter",
    "lodged_by": "representative",
}


def test_the_api_lodges_an_mr_under_an_authority_id_and_shows_its_state(client, cara, tom, customer, authority):
    plain = token_for(cara)
    response = _api(client, plain, customer, API_MR | {"authority_id": authority.pk})
    assert response.status_code == 201
    body = response.json()
    assert (body["authority_id"], body["authority_state"], body["outside_authority"]) == (authority.pk, "active", "")
    assert AccessRecord.objects.filter(authority=authority).count() == 1

    consent.authority_revoke(actor=tom, authority=authority)
    read = client.get(reverse("api:mr_get", args=[body["id"]]), headers=bearer(plain)).json()
    assert read["authority_state"] == "revoked"
    assert read["authority_state_message"].startswith(REVOKED)


def test_the_api_refuses_a_revoked_authority_by_the_field_sent_and_writes_nothing(
    client, cara, tom, customer, authority
):
    consent.authority_revoke(actor=tom, authority=authority)
    plain = token_for(cara)
    before = _everything()
    response = _api(client, plain, customer, API_MR | {"authority_id": authority.pk})
    assert response.status_code == 400
    assert response.json()["field"] == "authority_id"
    assert response.json()["detail"].startswith(REVOKED)
    assert _everything() == before


def test_the_api_refuses_another_advisers_authority(client, hana, customer, authority):
    plain = token_for(hana)
    before = _everything()
    response = _api(client, plain, customer, API_MR | {"authority_id": authority.pk})
    assert response.status_code == 400
    assert response.json()["errors"] == {"authority_id": "Choose a form of authority the customer gave you"}
    assert _everything() == before


def test_an_auditor_cannot_lodge_an_mr_under_an_authority_through_the_api(client, aled, customer, authority):
    plain = token_for(aled)
    before = _everything()
    assert _api(client, plain, customer, API_MR | {"authority_id": authority.pk}).status_code == 403
    assert _everything() == before
