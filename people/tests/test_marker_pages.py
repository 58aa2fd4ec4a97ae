"""Markers through the pages: setting one, removing it (audited, history kept), reading the
history, and the kinds of marker administrators define."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from people.models import CustomerMarker, MarkerType
from people.services_markers import marker_type_create
from people.tests.needs_helpers import (
    assert_banner_shows_needs,
    customer_with_needs,
    field_value,
    needs_state,
    raw_column,
)


@pytest.fixture
def customer(cara):
    return customer_with_needs(cara)


@pytest.fixture
def da_marker(customer):
    return CustomerMarker.objects.get(customer=customer, marker_type__code="domestic-abuse-risk")


def url(name, customer, **kwargs):
    return reverse(f"people:{name}", kwargs={"pk": customer.pk, **kwargs})


def remove_url(marker):
    return url("marker_remove", marker.customer, marker_id=marker.pk)


def marker_answers(**overrides):
    next_year = timezone.localdate() + timedelta(days=365)
    answers = {
        "marker_type": MarkerType.objects.get(code="mental-health-condition").pk,
        "reason": "Told us about a bipolar diagnosis; letters confuse her",
        "review_day": str(next_year.day),
        "review_month": str(next_year.month),
        "review_year": str(next_year.year),
    }
    answers.update(overrides)
    return answers


def test_a_caseworker_sets_a_marker_with_a_review_date(sign_in, cara, customer):
    page = sign_in(cara).get(url("marker_add", customer))
    assert page.status_code == 200
    assert_banner_shows_needs(page)

    response = sign_in(cara).post(url("marker_add", customer), marker_answers())

    assert response.status_code == 302
    assert response["Location"] == url("markers", customer)
    marker = CustomerMarker.objects.get(customer=customer, marker_type__code="mental-health-condition")
    assert (marker.set_by, marker.set_on, marker.review_on) == (
        cara,
        timezone.localdate(),
        timezone.localdate() + timedelta(days=365),
    )
    event = AuditEvent.objects.get(action="customer.marker_added", target_id=str(marker.pk))
    assert (event.actor, event.person_ref) == (cara, f"customer:{customer.pk}")


def test_a_marker_reason_is_encrypted_in_the_database(sign_in, cara, customer):
    sign_in(cara).post(url("marker_add", customer), marker_answers())

    marker = CustomerMarker.objects.get(customer=customer, marker_type__code="mental-health-condition")
    assert marker.reason == "Told us about a bipolar diagnosis; letters confuse her"
    assert "bipolar" not in raw_column("people_customermarker", "reason", marker.pk)


def test_a_bad_review_date_and_a_missing_reason_are_shown_together_keeping_what_was_typed(sign_in, cara, customer):
    client = sign_in(cara)
    before = needs_state()

    response = client.post(url("marker_add", customer), marker_answers(reason="", review_day="31", review_month="2"))

    assert response.status_code == 200
    html = response.content.decode()
    assert '<a href="#id_review_day">Review date must be a real date</a>' in html
    assert '<a href="#id_reason">Enter why this marker is being set</a>' in html
    assert field_value(response, "review_day") == "31"
    assert needs_state() == before


def test_a_past_review_date_is_refused_by_the_rule_beside_the_date(sign_in, cara, customer):
    client = sign_in(cara)
    before = needs_state()

    response = client.post(url("marker_add", customer), marker_answers(review_year="2020"))

    assert '<a href="#id_review_day">The review date must be in the future</a>' in response.content.decode()
    assert field_value(response, "reason") == "Told us about a bipolar diagnosis; letters confuse her"
    assert needs_state() == before


def test_the_same_marker_cannot_be_set_twice(sign_in, cara, customer, da_marker):
    client = sign_in(cara)
    before = needs_state()

    response = client.post(url("marker_add", customer), marker_answers(marker_type=da_marker.marker_type_id))

    assert "This customer already has the DOMESTIC ABUSE RISK marker" in response.content.decode()
    assert needs_state() == before


def test_removing_a_marker_asks_for_a_reason_and_keeps_it_in_the_history(sign_in, cara, tom, customer, da_marker):
    page = sign_in(tom).get(remove_url(da_marker))
    assert page.status_code == 200
    assert "Remove the DOMESTIC ABUSE RISK marker?" in page.content.decode()
    assert_banner_shows_needs(page)

    response = sign_in(tom).post(remove_url(da_marker), {"reason": "Ex-partner now in prison; reviewed with her"})

    assert response.status_code == 302
    da_marker.refresh_from_db()
    assert (da_marker.removed_by, da_marker.removal_reason) == (tom, "Ex-partner now in prison; reviewed with her")
    assert da_marker.removed_at is not None
    assert "prison" not in raw_column("people_customermarker", "removal_reason", da_marker.pk)
    event = AuditEvent.objects.get(action="customer.marker_removed")
    assert (event.actor, event.target_id, event.person_ref) == (tom, str(da_marker.pk), f"customer:{customer.pk}")

    history = sign_in(cara).get(url("markers", customer))
    row = history.content.decode().split(f'id="marker-{da_marker.pk}"')[1].split("</tr>")[0]
    assert "DOMESTIC ABUSE RISK" in row
    assert "Removed" in row
    assert "Cara Okafor" in row
    assert "Ex-partner found her last address" in row
    assert "Tom Leary" in row
    assert "Ex-partner now in prison; reviewed with her" in row


def test_removing_without_a_reason_changes_nothing(sign_in, cara, da_marker):
    client = sign_in(cara)
    before = needs_state()

    response = client.post(remove_url(da_marker), {"reason": "  "})

    assert '<a href="#id_reason">Enter why this marker is being removed</a>' in response.content.decode()
    assert needs_state() == before


def test_the_marker_history_is_an_audited_read_with_the_banner_on_top(sign_in, aled, customer, da_marker):
    response = sign_in(aled).get(url("markers", customer))

    assert response.status_code == 200
    assert_banner_shows_needs(response)
    assert "Ex-partner found her last address" in response.content.decode()
    # An auditor reads the history but is offered no change.
    assert remove_url(da_marker) not in response.content.decode()
    assert AuditEvent.objects.filter(action="customer.viewed", actor=aled, target_id=str(customer.pk)).count() == 1


@pytest.mark.parametrize(("persona", "status"), [("ada", 403), ("aled", 403), ("wren", 404)])
def test_the_wrong_people_cannot_set_or_remove_a_marker(request, sign_in, customer, da_marker, persona, status):
    client = sign_in(request.getfixturevalue(persona))
    before = needs_state()

    assert client.get(url("marker_add", customer)).status_code == status
    assert client.post(url("marker_add", customer), marker_answers()).status_code == status
    assert client.post(remove_url(da_marker), {"reason": "Not needed any more"}).status_code == status

    assert needs_state() == before


@pytest.mark.parametrize(("persona", "status"), [("ada", 403), ("wren", 404)])
def test_the_wrong_people_cannot_read_the_marker_history(request, sign_in, customer, persona, status):
    client = sign_in(request.getfixturevalue(persona))
    before = needs_state()

    response = client.get(url("markers", customer))

    assert response.status_code == status
    assert "Ex-partner" not in response.content.decode()
    assert needs_state() == before


# --- Kinds of marker ------------------------------------------------------------------


def test_an_administrator_defines_a_new_marker(sign_in, ada):
    page = sign_in(ada).get(reverse("people:marker_types"))
    assert page.status_code == 200
    assert "DOMESTIC ABUSE RISK" in page.content.decode()

    response = sign_in(ada).post(
        reverse("people:marker_types"), {"name": "Hearing impairment", "description": "Offer a BSL interpreter"}
    )

    assert response.status_code == 302
    created = MarkerType.objects.get(code="hearing-impairment")
    assert (created.name, created.is_active, created.is_built_in) == ("Hearing impairment", True, False)
    assert AuditEvent.objects.filter(action="marker_type.created", actor=ada).count() == 1


def test_a_marker_without_a_name_is_refused_beside_the_field(sign_in, ada):
    client = sign_in(ada)
    before = needs_state()

    response = client.post(reverse("people:marker_types"), {"name": "", "description": "Something"})

    assert '<a href="#id_name">Enter the marker&#x27;s name</a>' in response.content.decode()
    assert field_value(response, "description") == "Something"
    assert needs_state() == before


def test_an_administrator_withdraws_and_restores_a_marker_they_defined(sign_in, ada, cara, customer):
    custom = marker_type_create(actor=ada, name="Hearing impairment")
    set_url = reverse("people:marker_type_set_active", kwargs={"marker_type_id": custom.pk})

    assert sign_in(ada).post(set_url, {"is_active": "no"}).status_code == 302
    custom.refresh_from_db()
    assert custom.is_active is False
    # A withdrawn marker is no longer offered to caseworkers.
    assert f'value="{custom.pk}"' not in sign_in(cara).get(url("marker_add", customer)).content.decode()

    assert sign_in(ada).post(set_url, {"is_active": "yes"}).status_code == 302
    custom.refresh_from_db()
    assert custom.is_active is True
    assert AuditEvent.objects.filter(action="marker_type.updated", actor=ada).count() == 2


def test_a_built_in_marker_cannot_be_withdrawn(sign_in, ada):
    built_in = MarkerType.objects.get(code="domestic-abuse-risk")
    client = sign_in(ada)
    before = needs_state()

    response = client.post(
        reverse("people:marker_type_set_active", kwargs={"marker_type_id": built_in.pk}),
        {"is_active": "no"},
        follow=True,
    )

    assert "Built-in markers cannot be withdrawn" in response.content.decode()
    assert needs_state() == before


@pytest.mark.parametrize("persona", ["cara", "tom", "aled", "wren"])
def test_only_administrators_manage_kinds_of_marker(request, sign_in, ada, persona):
    custom = marker_type_create(actor=ada, name="Hearing impairment")
    client = sign_in(request.getfixturevalue(persona))
    before = needs_state()

    assert client.get(reverse("people:marker_types")).status_code == 403
    assert client.post(reverse("people:marker_types"), {"name": "Sneaky"}).status_code == 403
    set_url = reverse("people:marker_type_set_active", kwargs={"marker_type_id": custom.pk})
    assert client.post(set_url, {"is_active": "no"}).status_code == 403

    assert needs_state() == before
    assert not MarkerType.objects.filter(code="sneaky").exists()
