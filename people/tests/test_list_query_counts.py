"""Customer search results and a customer's contact notes: the same number of queries
however many customers or notes there are. Search results are the closest 20 (not pages
of results: a search that finds more asks for a date of birth or postcode, so nobody
browses through other people's records); contact notes come a page at a time."""

import itertools

import pytest

from core.tests.query_counts import assert_flat_queries, assert_paginated
from people.models import ContactNote, Customer
from people.selectors import RESULT_LIMIT
from people.services_contact_notes import contact_note_add
from people.tests.factories import make_customer

pytestmark = pytest.mark.django_db
_numbers = itertools.count(100000)


def _johnsons(cara):
    def add(n):
        for _ in range(n):
            number = next(_numbers)
            make_customer(cara, given_names=f"Jane{number}", ni_number=f"AB{number}C")

    return add


def test_customer_search_costs_the_same_queries_for_three_times_the_matches(cara, sign_in):
    assert_flat_queries(
        sign_in(cara), "/customers/?q=Johnson", _johnsons(cara), rows_shown=lambda r: len(r.context["results"])
    )


def test_customer_search_shows_at_most_the_closest_twenty_however_many_match(cara, sign_in):
    _johnsons(cara)(RESULT_LIMIT + 5)
    response = sign_in(cara).get("/customers/?q=Johnson")
    assert len(response.context["results"]) == RESULT_LIMIT
    assert "Only the closest 20 are shown" in response.content.decode()


def test_contact_notes_cost_the_same_queries_for_three_times_the_notes(cara, hana, sign_in):
    customer = make_customer(cara)

    def add(n):
        for number in range(n):
            # Two authors, so a lookup of each note's author would show.
            contact_note_add(actor=cara if number % 2 else hana, customer=customer, text=f"Called back {number}")

    response = assert_flat_queries(
        sign_in(cara),
        f"/customers/{customer.pk}/contact-notes",
        add,
        rows_shown=lambda r: len(r.context["page"].object_list),
    )
    assert_paginated(response)


def test_another_organisations_caseworker_is_refused_the_contact_notes_and_changes_nothing(cara, wren, sign_in):
    customer = make_customer(cara)
    contact_note_add(actor=cara, customer=customer, text="Called back")
    before = (list(ContactNote.objects.values()), list(Customer.objects.values_list("pk", "version")))
    assert sign_in(wren).get(f"/customers/{customer.pk}/contact-notes").status_code == 404
    assert (list(ContactNote.objects.values()), list(Customer.objects.values_list("pk", "version"))) == before


def test_a_customers_markers_cost_the_same_queries_for_three_times_the_markers(cara, hana, sign_in):
    from people.models import MarkerType
    from people.services_markers import marker_add, marker_remove

    customer = make_customer(cara)
    types = list(MarkerType.objects.filter(is_active=True))

    def add(n):
        # Markers are added and removed over the years; the page lists current and removed.
        for number in range(n):
            marker = marker_add(
                actor=cara if number % 2 else hana,
                customer=customer,
                marker_type=types[number % len(types)],
                reason=f"Said so on the phone {number}",
            )
            marker_remove(actor=cara, marker=marker, reason="No longer applies")

    assert_flat_queries(
        sign_in(cara), f"/customers/{customer.pk}/markers", add, rows_shown=lambda r: len(r.context["markers"])
    )


def test_the_customer_record_costs_the_same_queries_for_three_times_its_history(cara, hana, ada, sign_in):
    """The record lists current markers, people around the customer, recent contact notes
    and every disclosure: none of them may cost a query a row."""
    from disclosures.tests.helpers import make_disclosure
    from people.models import MarkerType
    from people.services_markers import marker_add, marker_type_create

    customer = make_customer(cara, address_line_1="1 High Street", phone="0191 000 0000")
    built_in = list(MarkerType.objects.filter(is_active=True).order_by("pk"))
    made = [marker_type_create(actor=ada, name=f"Local marker {number}") for number in range(6 - len(built_in))]
    types = iter(built_in + made)

    def add(n):
        for number in range(n):
            author = cara if number % 2 else hana
            marker_add(actor=author, customer=customer, marker_type=next(types), reason=f"Said so {number}")
            contact_note_add(actor=author, customer=customer, text=f"Called back {number}")
            make_disclosure(author, customer, confirm=bool(number % 2))

    assert_flat_queries(
        sign_in(cara), f"/customers/{customer.pk}/", add, rows_shown=lambda r: len(r.context["current_markers"])
    )


def test_the_list_of_markers_costs_the_same_queries_for_three_times_the_marker_types(ada, sign_in):
    from people.services_markers import marker_type_create

    def add(n):
        for _ in range(n):
            marker_type_create(actor=ada, name=f"Local marker {next(_numbers)}")

    assert_flat_queries(sign_in(ada), "/customers/marker-types", add)
