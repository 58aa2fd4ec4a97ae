"""Pages of a list, the one way every list page cuts its rows (issue 9: "every list page
is paginated"). A page holds PAGE_SIZE rows however many there are, so the page costs
the same queries on the first day and after six years.

    context = page_context(request, queryset)          # page, page_range, ellipsis, query
    {% include "includes/pagination.html" with label="Pages of teams" %}
"""

from django.core.paginator import Paginator

PAGE_SIZE = 50


def page_context(request, rows, *, size: int = PAGE_SIZE) -> dict:
    """The page the request asks for (`?page=`; out of range gives the last page), with
    what the GOV.UK pagination include needs. Page links keep the other query parameters."""
    page = Paginator(rows, size).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return {
        "page": page,
        "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
        "ellipsis": page.paginator.ELLIPSIS,
        "query": query.urlencode(),
    }
