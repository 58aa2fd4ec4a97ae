"""Finding a customer and opening their record (issue 3). Workers reach these while
someone is on the line, so the search is one box and the record opens in one click."""

from django.http import Http404
from django.shortcuts import render

from core.access import access
from core.errors import NotFound
from people import selectors
from people.forms_records import SearchForm
from people.permissions import CUSTOMER_EDITORS, CUSTOMER_READERS
from people.selectors import RestrictedRecord


@access(CUSTOMER_READERS)
def search(request):
    """One box: name (typos and previous names too), date of birth, NI number, reference
    or postcode. The results are enough to tell two people apart, and nothing more."""
    form = SearchForm(request.GET if "q" in request.GET else None)
    results = None
    if form.is_bound and form.is_valid():
        results, problem = selectors.customer_search(user=request.user, text=form.cleaned_data["q"])
        if problem:
            form.add_error("q", problem)
            results = None
    return render(
        request,
        "people/records/search.html",
        {"form": form, "results": results, "can_create": CUSTOMER_EDITORS.allows(request.user)},
    )


def open_or_refuse(request, pk: int):
    """The customer through the audited read, or the response that refuses it: 404 for
    another organisation's customer (existence is sensitive), the restricted-record page
    for a restricted one the user is not named on. Returns (customer, None) or (None, response)."""
    try:
        return selectors.customer_open(user=request.user, customer_id=pk), None
    except NotFound as exc:
        raise Http404 from exc
    except RestrictedRecord as restricted:
        return None, restricted_page(request, restricted.customer)


def restricted_page(request, customer):
    # 403: the record is refused, but the page says how to reach it properly.
    return render(request, "people/records/restricted.html", {"restricted": customer}, status=403)


@access(CUSTOMER_READERS)
def record(request, pk: int):
    """The customer's record. Opening it is an audited read (customer.viewed)."""
    customer, refused = open_or_refuse(request, pk)
    if refused:
        return refused
    markers = list(customer.markers.all())
    return render(
        request,
        "people/records/record.html",
        {
            "customer": customer,
            "current_markers": [marker for marker in markers if marker.removed_at is None],
            "removed_marker_count": sum(1 for marker in markers if marker.removed_at is not None),
            "people_around": [person for person in customer.people_around.all() if person.ended_on is None],
            # The latest three, with their authors in the same query (not one lookup a note).
            "recent_notes": list(customer.contact_notes.select_related("author").order_by("-written_at", "-id")[:3]),
            "can_edit": CUSTOMER_EDITORS.allows(request.user),
        },
    )
