"""The people around a customer: adding, changing and ending them, through the pages."""

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from people.models import PersonAround
from people.services_people_around import person_around_add
from people.tests.needs_helpers import (
    assert_banner_shows_needs,
    checked_value,
    customer_with_needs,
    field_value,
    needs_state,
    raw_column,
)

CHILD = {
    "role": "child",
    "name": "Mia Johnson",
    "dob_day": "2",
    "dob_month": "7",
    "dob_year": "2019",
    "notes": "Attends Riverside Primary; father must not collect her",
}


@pytest.fixture
def customer(cara):
    return customer_with_needs(cara)


@pytest.fixture
def social_worker(cara, customer):
    return person_around_add(
        actor=cara, customer=customer, role="social-worker", name="Ola Berg", organisation_name="Riverside Council"
    )


def add_url(customer):
    return reverse("people:person_around_add", kwargs={"pk": customer.pk})


def person_url(name, person):
    return reverse(f"people:person_around_{name}", kwargs={"pk": person.customer_id, "person_id": person.pk})


def test_a_caseworker_adds_a_child_in_the_household_with_their_date_of_birth(sign_in, cara, customer):
    page = sign_in(cara).get(add_url(customer))
    assert page.status_code == 200
    assert_banner_shows_needs(page)

    response = sign_in(cara).post(add_url(customer), CHILD)

    assert response.status_code == 302
    assert response["Location"] == reverse("people:record", kwargs={"pk": customer.pk})
    child = PersonAround.objects.get(customer=customer)
    assert (child.role, child.name, child.date_of_birth.isoformat()) == ("child", "Mia Johnson", "2019-07-02")
    event = AuditEvent.objects.get(action="customer.person_around_added")
    assert (event.actor, event.person_ref, event.changes) == (cara, f"customer:{customer.pk}", {"role": "child"})


def test_the_notes_about_someone_around_the_customer_are_encrypted_in_the_database(sign_in, cara, customer):
    sign_in(cara).post(add_url(customer), CHILD)

    child = PersonAround.objects.get(customer=customer)
    assert child.notes == CHILD["notes"]
    assert "Riverside" not in raw_column("people_personaround", "notes", child.pk)


def test_a_child_without_a_date_of_birth_is_refused_and_what_was_typed_is_kept(sign_in, cara, customer):
    client = sign_in(cara)
    before = needs_state()

    response = client.post(add_url(customer), {**CHILD, "dob_day": "", "dob_month": "", "dob_year": ""})

    assert response.status_code == 200
    html = response.content.decode()
    assert '<a href="#id_dob_day">Enter the child&#x27;s date of birth</a>' in html
    assert field_value(response, "name") == "Mia Johnson"
    assert field_value(response, "notes") == CHILD["notes"]
    assert checked_value(response, "role") == "child"
    assert needs_state() == before


def test_an_impossible_date_and_a_bad_email_are_both_shown_at_once(sign_in, cara, customer):
    client = sign_in(cara)
    before = needs_state()

    response = client.post(add_url(customer), {**CHILD, "dob_day": "31", "dob_month": "2", "email": "not-an-email"})

    html = response.content.decode()
    assert '<a href="#id_dob_day">Date of birth must be a real date</a>' in html
    assert "Enter an email address in the correct format, like name@example.com" in html
    assert field_value(response, "dob_day") == "31"
    assert needs_state() == before


def test_a_caseworker_changes_someones_details(sign_in, cara, social_worker):
    page = sign_in(cara).get(person_url("edit", social_worker))
    assert page.status_code == 200
    assert field_value(page, "organisation_name") == "Riverside Council"
    assert_banner_shows_needs(page)

    response = sign_in(cara).post(
        person_url("edit", social_worker),
        {"role": "social-worker", "name": "Ola Berg", "organisation_name": "Riverside Council", "phone": "0191 111"},
    )

    assert response.status_code == 302
    social_worker.refresh_from_db()
    assert social_worker.phone == "0191 111"
    assert AuditEvent.objects.filter(action="customer.person_around_updated", actor=cara).count() == 1


def test_ending_someone_keeps_them_on_the_record_with_the_date(sign_in, cara, social_worker):
    page = sign_in(cara).get(person_url("end", social_worker))
    assert page.status_code == 200
    assert "Is Ola Berg no longer the customer's social worker?" in page.content.decode()
    assert_banner_shows_needs(page)

    response = sign_in(cara).post(person_url("end", social_worker))

    assert response.status_code == 302
    social_worker.refresh_from_db()
    assert social_worker.ended_on is not None
    assert AuditEvent.objects.filter(action="customer.person_around_ended", actor=cara).count() == 1


@pytest.mark.parametrize(("persona", "status"), [("ada", 403), ("aled", 403), ("wren", 404)])
def test_the_wrong_people_cannot_add_change_or_end_someone(request, sign_in, social_worker, persona, status):
    client = sign_in(request.getfixturevalue(persona))
    before = needs_state()

    assert client.get(add_url(social_worker.customer)).status_code == status
    assert client.post(add_url(social_worker.customer), CHILD).status_code == status
    assert client.post(person_url("edit", social_worker), {**CHILD, "name": "Changed"}).status_code == status
    assert client.post(person_url("end", social_worker)).status_code == status

    assert needs_state() == before


def test_someone_around_another_customer_is_not_found_through_this_one(sign_in, cara, customer, social_worker):
    from people.tests.factories import make_customer

    other = make_customer(cara, given_names="Amir", family_name="Khan", ni_number="", date_of_birth=None)
    client = sign_in(cara)
    before = needs_state()

    wrong = reverse("people:person_around_end", kwargs={"pk": other.pk, "person_id": social_worker.pk})
    assert client.post(wrong).status_code == 404

    assert needs_state() == before
