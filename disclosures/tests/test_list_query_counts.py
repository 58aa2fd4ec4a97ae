"""The DPO's disclosures register: one page of decisions, in the same number of queries
however many have been made."""

import pytest

from core.tests.query_counts import assert_flat_queries, assert_paginated
from disclosures.models import Disclosure
from disclosures.tests.helpers import customer_at_risk, make_disclosure

pytestmark = pytest.mark.django_db


def test_the_register_costs_the_same_queries_for_three_times_the_disclosures(cara, priya, sign_in):
    def add(n):
        for _ in range(n):
            make_disclosure(cara, customer_at_risk(cara))

    response = assert_flat_queries(
        sign_in(priya), "/disclosures/", add, rows_shown=lambda r: len(r.context["page"].object_list)
    )
    assert_paginated(response)


def test_a_caseworker_is_refused_the_register_and_changes_nothing(cara, sign_in):
    make_disclosure(cara, customer_at_risk(cara))
    before = list(Disclosure.objects.values())
    assert sign_in(cara).get("/disclosures/").status_code in (403, 404)
    assert list(Disclosure.objects.values()) == before
