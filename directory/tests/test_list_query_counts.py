"""Directory search: the best 25 entries, in the same number of queries however many
entries match (each entry's needs, nations and postcodes come with it, not one lookup a
row)."""

import itertools

import pytest

from core.tests.query_counts import assert_flat_queries
from directory.models import Entry
from directory.selectors import RESULT_LIMIT
from directory.tests.helpers import local_entry

pytestmark = pytest.mark.django_db
_numbers = itertools.count(1)


def _entries(tom, **fields):
    def add(n):
        for _ in range(n):
            local_entry(tom, name=f"Cardiff Women's Safety Unit {next(_numbers)}", **fields)

    return add


def _rows(response) -> int:
    return len(response.context["panel_results"])


@pytest.mark.parametrize(
    "query",
    [
        "need=domestic-abuse&nation=wales",
        "need=domestic-abuse&postcode=CF10+1AA",
        "q=safety+unit",
        "need=domestic-abuse&postcode=CF10+1AA&q=safety",
    ],
)
def test_directory_search_costs_the_same_queries_for_three_times_the_entries(tom, cara, sign_in, query):
    assert_flat_queries(sign_in(cara), f"/directory/?{query}", _entries(tom), rows_shown=_rows)


def test_directory_search_shows_at_most_the_best_entries_however_many_match(tom, cara, sign_in):
    _entries(tom)(RESULT_LIMIT + 3)
    response = sign_in(cara).get("/directory/?need=domestic-abuse&nation=wales")
    assert _rows(response) == RESULT_LIMIT


def test_a_caseworker_cannot_add_an_entry_and_nothing_changes(cara, sign_in):
    before = Entry.objects.count()
    assert sign_in(cara).get("/directory/entries/new").status_code in (403, 404)
    assert Entry.objects.count() == before
