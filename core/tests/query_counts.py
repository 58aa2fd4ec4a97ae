"""The check every list page gets (issue 9: "every list page is paginated, with a test
that asserts its query count does not grow with the data").

    assert_flat_queries(client, url, add_rows)

adds N rows with `add_rows(n)`, renders the page and counts its queries, adds 2N more
(3N in all) and counts again: the counts must be equal. An N+1 query (a lookup per row)
shows as a difference, and the failure lists the queries of both renders. Each render is
done twice and the second counted, so one-off work (a session touched, a cache filled)
is not mistaken for growth.
"""

import difflib
import re

from django.core.paginator import Page
from django.db import connection
from django.test.utils import CaptureQueriesContext


def _count(client, url: str):
    warm = client.get(url)
    assert warm.status_code == 200, (url, warm.status_code)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response, [query["sql"] for query in queries.captured_queries]


def assert_flat_queries(client, url: str, add_rows, *, n: int = 2, rows_shown=None):
    """`rows_shown(response)`, when given, must grow from the first render to the second:
    proof that the rows added are on the page being counted."""
    add_rows(n)
    small, small_queries = _count(client, url)
    add_rows(2 * n)
    large, large_queries = _count(client, url)
    if rows_shown is not None:
        assert rows_shown(small) < rows_shown(large), "the rows added do not show on the page"
    assert len(small_queries) == len(large_queries), (
        f"{url}: {len(small_queries)} queries with {n} rows, {len(large_queries)} with {3 * n}. What differs:\n"
        + "\n".join(_differences(small_queries, large_queries))
    )
    return large


def _shape(sql: str) -> str:
    # The same query with other values (ids, times, keys) is the same query.
    shape = re.sub(r"'[^']*'|\"s\d+_x\d+\"|\b\d+\b", "?", sql)
    return re.sub(r"IN \([?, ]+\)", "IN (...)", shape)


def _differences(small: list[str], large: list[str]) -> list[str]:
    diff = difflib.unified_diff([_shape(q) for q in small], [_shape(q) for q in large], lineterm="", n=0)
    return [line for line in diff if line[:1] in "+-" and line[:3] not in ("+++", "---")]


def assert_paginated(response, *, page_size: int | None = None) -> Page:
    """The page carries a Django Paginator page, so however many rows there are, one page
    of them is read."""
    page = response.context["page"]
    assert isinstance(page, Page)
    if page_size is not None:
        assert page.paginator.per_page == page_size
    return page
