"""Authorities (the adviser's own, a customer's) a page at a time, and the customer's
access statement, in the same number of queries however many there are."""

import pytest
from django.urls import reverse

from consent import services
from consent.models import AccessRecord, Authority, Entry, Scope
from consent.tests.factories import make_authority
from core.tests.query_counts import assert_flat_queries, assert_paginated
from people.tests.factories import make_customer

pytestmark = pytest.mark.django_db


def _rows(response) -> int:
    return len(response.context["page"].object_list)


def test_the_advisers_own_authorities_cost_the_same_queries_for_three_times_as_many(cara, hana, sign_in):
    def add(n):
        for number in range(n):
            make_authority(cara, make_customer(cara, given_names=f"Jane{number}", ni_number=""), hana)

    response = assert_flat_queries(sign_in(hana), reverse("consent:mine"), add, rows_shown=_rows)
    assert_paginated(response)


def test_a_customers_authorities_cost_the_same_queries_for_three_times_as_many(cara, hana, sign_in):
    customer = make_customer(cara)

    def add(n):
        for _ in range(n):
            make_authority(cara, customer, hana)

    response = assert_flat_queries(
        sign_in(cara), reverse("consent:customer", args=[customer.pk]), add, rows_shown=_rows
    )
    assert_paginated(response)


def test_the_access_statement_costs_the_same_queries_for_three_times_the_accesses(cara, hana, sign_in):
    customer = make_customer(cara)
    authority = make_authority(cara, customer, hana)

    def add(n):
        for number in range(n):
            services.access_record(
                actor=hana,
                authority=authority,
                action=Scope.ENTRIES,
                entry=Entry.LODGE_MR,
                done=f"Lodged an MR {number}",
                no_password_confirmed=True,
            )

    assert_flat_queries(sign_in(cara), reverse("consent:statement", args=[customer.pk]), add)


def test_another_organisations_caseworker_is_refused_a_customers_authorities_and_changes_nothing(
    cara, hana, wren, sign_in
):
    customer = make_customer(cara)
    make_authority(cara, customer, hana)
    before = (list(Authority.objects.values()), AccessRecord.objects.count())
    assert sign_in(wren).get(reverse("consent:customer", args=[customer.pk])).status_code == 404
    assert (list(Authority.objects.values()), AccessRecord.objects.count()) == before


def test_an_authority_and_its_access_records_cost_the_same_queries_for_three_times_the_accesses(cara, hana, sign_in):
    customer = make_customer(cara)
    authority = make_authority(cara, customer, hana)

    def add(n):
        for number in range(n):
            services.access_record(
                actor=hana,
                authority=authority,
                action=Scope.ENTRIES,
                entry=Entry.LODGE_MR,
                done=f"Lodged an MR {number}",
                no_password_confirmed=True,
            )

    assert_flat_queries(sign_in(hana), reverse("consent:authority", args=[authority.pk]), add)
