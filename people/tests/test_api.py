"""Customers over the API: the same services, the same checks, the same evidence as the pages."""

from datetime import date

import pytest
from django.core import mail
from django.urls import reverse

from api.tests.helpers import bearer, token_for
from audit.models import AuditEvent
from people import services, services_access, services_markers
from people.models import BreakGlass, Customer, CustomerMarker, MarkerType, PrivacyNeeds, SafeContact
from people.tests.api_helpers import CREATE, NEW_PERSON, SAFE_CONTACT, SEARCH, send, url_for
from people.tests.factories import make_customer


@pytest.fixture
def customer(cara):
    return make_customer(cara)


@pytest.fixture
def marker(cara, customer):
    marker_type = MarkerType.objects.get(code="domestic-abuse-risk")
    return services_markers.marker_add(actor=cara, customer=customer, marker_type=marker_type, reason="Disclosed DA")


# --- Search -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["Jane Johnson", "jonson", "AB 12 34 56 C", "14/03/1985", "ne14xf", "Smith", "Jane 14/03/1985"]
)
def test_search_finds_by_every_key_and_by_a_previous_name(client, cara, customer, text):
    services.customer_name_add(actor=cara, customer=customer, given_names="Jane", family_name="Smith", kind="previous")

    response = client.get(SEARCH, {"q": text}, headers=bearer(token_for(cara)))

    assert response.status_code == 200
    assert response.json() == [
        {
            "id": customer.pk,
            "name": "Jane Johnson",
            "date_of_birth": "1985-03-14",
            "postcode_area": "NE1",
            "case_number": customer.case_number,
            "restricted": False,
        }
    ]


def test_search_shows_a_restricted_customer_by_name_and_case_number_only(client, cara, tom, customer):
    services_access.customer_restrict(actor=tom, customer=customer, restricted=True)

    body = client.get(SEARCH, {"q": "Johnson"}, headers=bearer(token_for(cara))).json()

    assert body == [
        {
            "id": customer.pk,
            "name": "Jane Johnson",
            "date_of_birth": None,
            "postcode_area": "",
            "case_number": customer.case_number,
            "restricted": True,
        }
    ]


def test_a_search_that_cannot_be_understood_answers_400_by_the_field(client, cara):
    plain = token_for(cara)

    empty = client.get(SEARCH, headers=bearer(plain))
    bad_date = client.get(SEARCH, {"q": "31/02/1985"}, headers=bearer(plain))

    message = "Enter a name, date of birth, National Insurance number, reference or postcode"
    assert (empty.status_code, empty.json()) == (400, {"detail": message, "errors": {"q": message}})
    assert bad_date.status_code == 400
    assert bad_date.json()["errors"] == {"q": "31/02/1985 is not a real date. Enter a date of birth like 31/01/1980"}


def test_search_does_not_cross_organisations(client, wren, customer):
    response = client.get(SEARCH, {"q": "Johnson"}, headers=bearer(token_for(wren)))
    assert (response.status_code, response.json()) == (200, [])


# --- Create -----------------------------------------------------------------------------


def test_a_caseworker_creates_a_customer_with_its_audit_event(client, cara):
    response = send(client, "post", CREATE, token_for(cara), NEW_PERSON)

    assert response.status_code == 201
    customer = Customer.objects.get()
    body = response.json()
    assert body["id"] == customer.pk
    assert (body["ni_number"], body["postcode"], body["version"]) == ("AB654321D", "NE2 1AA", 1)
    assert body["case_number"] == customer.case_number
    assert customer.organisation == cara.organisation
    assert SafeContact.objects.filter(customer=customer).exists()
    event = AuditEvent.objects.get(action="customer.created")
    assert (event.actor, event.person_ref, event.context["channel"]) == (cara, f"customer:{customer.pk}", "api")


def test_a_possible_duplicate_answers_409_with_the_candidates_and_creates_nothing(client, cara, customer):
    plain = token_for(cara)
    events = AuditEvent.objects.count()
    same_ni = {**NEW_PERSON, "ni_number": "AB123456C"}
    same_name_and_birth = {**NEW_PERSON, "given_names": "jane", "family_name": "JOHNSON", "date_of_birth": "1985-03-14"}

    for payload in (same_ni, same_name_and_birth):
        response = send(client, "post", CREATE, plain, payload)

        assert response.status_code == 409
        assert response.json() == {
            "detail": "There may already be a record for this person.",
            "candidates": [
                {
                    "id": customer.pk,
                    "name": "Jane Johnson",
                    "date_of_birth": "1985-03-14",
                    "postcode_area": "NE1",
                    "case_number": customer.case_number,
                    "restricted": False,
                }
            ],
        }
    assert (Customer.objects.count(), AuditEvent.objects.count()) == (1, events)


def test_a_confirmed_new_person_is_created_despite_the_match(client, cara, customer):
    payload = {**NEW_PERSON, "ni_number": "AB123456C", "confirmed_new_person": True}

    response = send(client, "post", CREATE, token_for(cara), payload)

    assert response.status_code == 201
    assert Customer.objects.count() == 2
    event = AuditEvent.objects.get(action="customer.created", target_id=str(response.json()["id"]))
    assert event.changes["confirmed_new_person"] is True


def test_every_bad_field_answers_400_at_once_and_saves_nothing(client, cara):
    plain = token_for(cara)
    events = AuditEvent.objects.count()
    payload = {**NEW_PERSON, "given_names": "", "date_of_birth": "2999-01-01", "ni_number": "12345", "postcode": "X"}

    response = send(client, "post", CREATE, plain, payload)

    assert response.status_code == 400
    assert response.json()["errors"] == {
        "given_names": "Enter the customer's first name",
        "date_of_birth": "Date of birth must be today or in the past",
        "ni_number": "Enter a National Insurance number in the correct format, like QQ 12 34 56 C",
        "postcode": "Enter a full UK postcode, like SW1A 1AA",
    }
    assert (Customer.objects.count(), AuditEvent.objects.count()) == (0, events)


def test_a_date_the_service_never_sees_is_refused_before_anything_is_saved(client, cara):
    response = send(client, "post", CREATE, token_for(cara), {**NEW_PERSON, "date_of_birth": "1990-02-31"})
    assert response.status_code == 422
    assert Customer.objects.count() == 0


def test_a_customer_made_through_the_api_matches_one_made_through_the_service(client, cara):
    response = send(client, "post", CREATE, token_for(cara), NEW_PERSON)
    by_service = services.customer_create(
        actor=cara, confirmed_new_person=True, **{**NEW_PERSON, "date_of_birth": date(1990, 7, 2)}
    )
    by_api = Customer.objects.get(pk=response.json()["id"])
    fields = ("given_names", "family_name", "date_of_birth", "ni_number", "postcode", "nation", "organisation")
    assert [getattr(by_api, f) for f in fields] == [getattr(by_service, f) for f in fields]


# --- Open -------------------------------------------------------------------------------


def test_every_opening_of_a_record_writes_a_view_event(client, cara, customer, marker):
    plain = token_for(cara)

    first = client.get(url_for("customer_open", customer), headers=bearer(plain))
    second = client.get(url_for("customer_open", customer), headers=bearer(plain))

    assert first.status_code == second.status_code == 200
    views = AuditEvent.objects.filter(action="customer.viewed", target_id=str(customer.pk))
    assert [(event.actor, event.context["channel"]) for event in views] == [(cara, "api"), (cara, "api")]
    body = first.json()
    assert (body["given_names"], body["family_name"], body["version"]) == ("Jane", "Johnson", 1)
    assert body["safe_contact"]["version"] == 1
    assert body["safe_contact"]["safe_to_call"] is False
    assert body["privacy_needs"]["needs_private_room"] is False
    assert [(m["marker_type"], m["reason"], m["set_by"], m["current"]) for m in body["markers"]] == [
        ("domestic-abuse-risk", "Disclosed DA", "cara", True)
    ]


def test_another_organisations_customer_is_not_found_and_no_view_is_recorded(client, wren, customer):
    response = client.get(url_for("customer_open", customer), headers=bearer(token_for(wren)))

    assert (response.status_code, response.json()) == (404, {"detail": "That record was not found."})
    assert not AuditEvent.objects.filter(action="customer.viewed").exists()


def test_a_customer_that_does_not_exist_is_not_found(client, cara):
    response = client.get(reverse("api:customer_open", args=[999999]), headers=bearer(token_for(cara)))
    assert response.status_code == 404


def test_a_restricted_record_is_refused_with_a_hint_to_break_glass(client, cara, tom, customer):
    services_access.customer_restrict(actor=tom, customer=customer, restricted=True)

    response = client.get(url_for("customer_open", customer), headers=bearer(token_for(cara)))

    assert response.status_code == 403
    assert response.json() == {
        "detail": "This record is restricted. Only named staff can open it, or you can break glass with a reason.",
        "break_glass": url_for("customer_break_glass", customer),
    }
    assert not AuditEvent.objects.filter(action="customer.viewed").exists()
    # Named on the record, the team leader opens it.
    assert client.get(url_for("customer_open", customer), headers=bearer(token_for(tom))).status_code == 200


def test_break_glass_is_recorded_alerts_the_dpo_and_opens_the_record(
    client, cara, tom, priya, customer, django_capture_on_commit_callbacks
):
    services_access.customer_restrict(actor=tom, customer=customer, restricted=True)
    plain = token_for(cara)
    reason = "Customer on the line, at risk, needs their payment date"

    too_short = send(client, "post", url_for("customer_break_glass", customer), plain, {"reason": "urgent"})
    with django_capture_on_commit_callbacks(execute=True):
        response = send(client, "post", url_for("customer_break_glass", customer), plain, {"reason": reason})

    assert (too_short.status_code, too_short.json()["field"]) == (400, "reason")
    assert response.status_code == 201
    glass = BreakGlass.objects.get()
    assert (glass.user, glass.customer, glass.reason) == (cara, customer, reason)
    assert response.json()["customer_id"] == customer.pk
    event = AuditEvent.objects.get(action="customer.break_glass")
    assert (event.actor, event.changes) == (cara, {"break_glass_id": glass.pk})
    assert [message.to for message in mail.outbox] == [[priya.email]]
    assert client.get(url_for("customer_open", customer), headers=bearer(plain)).status_code == 200


# --- Change -----------------------------------------------------------------------------


def test_a_caseworker_changes_only_the_fields_sent(client, cara, customer):
    payload = {"version": 1, "phone": "0191 000 0000", "family_name": "Johnson-Reid"}

    response = send(client, "patch", url_for("customer_update", customer), token_for(cara), payload)

    assert response.status_code == 200
    assert (response.json()["version"], response.json()["ni_number"]) == (2, "AB123456C")
    customer.refresh_from_db()
    assert (customer.phone, customer.family_name, customer.version) == ("0191 000 0000", "Johnson-Reid", 2)
    event = AuditEvent.objects.get(action="customer.updated")
    assert event.changes == {"family_name": ["Johnson", "Johnson-Reid"], "phone": ["", "0191 000 0000"]}


def test_a_stale_version_answers_409_with_the_current_values_and_overwrites_nothing(client, cara, tom, customer):
    services.customer_update(actor=tom, customer=customer, version=1, phone="0191 000 0000")
    events = AuditEvent.objects.count()

    response = send(
        client, "patch", url_for("customer_update", customer), token_for(cara), {"version": 1, "phone": "1"}
    )

    assert response.status_code == 409
    assert response.json()["current"]["phone"] == "0191 000 0000"
    assert "Someone else changed this record" in response.json()["detail"]
    customer.refresh_from_db()
    assert (customer.phone, customer.version) == ("0191 000 0000", 2)
    assert AuditEvent.objects.count() == events + 1  # cara's token only


def test_a_bad_change_answers_400_by_the_field_and_changes_nothing(client, cara, customer):
    payload = {"version": 1, "ni_number": "QQ123456C", "email": "not-an-email"}

    response = send(client, "patch", url_for("customer_update", customer), token_for(cara), payload)

    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"ni_number", "email"}
    customer.refresh_from_db()
    assert (customer.ni_number, customer.version) == ("AB123456C", 1)


def test_safe_contact_needs_are_set_and_a_stale_version_answers_409(client, cara, tom, customer):
    url = url_for("customer_safe_contact", customer)

    response = send(client, "put", url, token_for(tom), {"version": 1, **SAFE_CONTACT})
    stale = send(client, "put", url, token_for(cara), {"version": 1, **SAFE_CONTACT, "safe_to_text": True})

    assert response.status_code == 200
    assert response.json() == {**SAFE_CONTACT, "version": 2}
    assert (stale.status_code, stale.json()["current"]["safe_to_text"]) == (409, "False")
    safe = SafeContact.objects.get(customer=customer)
    assert (safe.safe_to_text, safe.note, safe.version) == (False, "Ask for Maya only", 2)
    assert AuditEvent.objects.filter(action="customer.safe_contact_updated").count() == 1


def test_privacy_needs_are_set_and_a_stale_version_answers_409(client, cara, customer):
    url = url_for("customer_privacy", customer)
    plain = token_for(cara)
    payload = {"version": 1, "needs_private_room": True, "phone_only_when_private": True, "other_adjustments": "BSL"}

    response = send(client, "put", url, plain, payload)
    stale = send(client, "put", url, plain, {**payload, "needs_private_room": False})

    assert response.json() == {**payload, "version": 2}
    assert (stale.status_code, stale.json()["current"]["needs_private_room"]) == (409, "True")
    assert PrivacyNeeds.objects.get(customer=customer).needs_private_room is True


def test_markers_are_set_and_removed_keeping_their_history(client, cara, customer):
    plain = token_for(cara)
    payload = {"marker_type": "risk-to-staff", "reason": "Threatened staff at the office", "review_on": "2999-01-01"}

    added = send(client, "post", url_for("customer_marker_add", customer), plain, payload)
    marker_id = added.json()["id"]
    removed = send(
        client, "post", url_for("customer_marker_remove", customer, marker_id), plain, {"reason": "Reviewed"}
    )
    again = send(client, "post", url_for("customer_marker_remove", customer, marker_id), plain, {"reason": "Reviewed"})

    assert added.status_code == 201
    assert (added.json()["marker_type"], added.json()["current"]) == ("risk-to-staff", True)
    assert removed.status_code == 200
    assert (removed.json()["current"], removed.json()["removed_by"], removed.json()["removal_reason"]) == (
        False,
        "cara",
        "Reviewed",
    )
    assert (again.status_code, again.json()["detail"]) == (400, "This marker has already been removed")
    marker = CustomerMarker.objects.get(pk=marker_id)
    assert marker.removed_at is not None
    assert [e.action for e in AuditEvent.objects.filter(action__startswith="customer.marker").order_by("seq")] == [
        "customer.marker_added",
        "customer.marker_removed",
    ]


def test_an_unknown_marker_or_another_customers_marker_is_refused(client, cara, customer, marker):
    other = make_customer(cara, given_names="Ann", family_name="Other", ni_number="AB111111A")
    plain = token_for(cara)

    unknown = send(client, "post", url_for("customer_marker_add", customer), plain, {"marker_type": "x", "reason": "y"})
    elsewhere = send(client, "post", url_for("customer_marker_remove", other, marker.pk), plain, {"reason": "Wrong"})

    assert (unknown.status_code, unknown.json()["errors"]) == (400, {"marker_type": "Select a marker that exists"})
    assert elsewhere.status_code == 404
    assert CustomerMarker.objects.get().removed_at is None


def test_a_previous_name_and_a_reference_make_the_customer_findable_by_them(client, cara, customer):
    plain = token_for(cara)

    name = send(
        client, "post", url_for("customer_name_add", customer), plain, {"given_names": "Jane", "family_name": "Hartley"}
    )
    reference = send(
        client, "post", url_for("customer_reference_add", customer), plain, {"kind": "claim", "value": "cl 77 001"}
    )
    bad = send(client, "post", url_for("customer_name_add", customer), plain, {"kind": "nickname"})

    assert (name.status_code, name.json()["kind"]) == (201, "previous")
    assert (reference.status_code, reference.json()["value"]) == (201, "CL 77 001")
    assert bad.status_code == 400
    assert set(bad.json()["errors"]) == {"given_names", "family_name", "kind"}
    for text in ("Hartley", "CL77001"):
        found = client.get(SEARCH, {"q": text}, headers=bearer(plain)).json()
        assert [result["id"] for result in found] == [customer.pk]
