from django.shortcuts import render

from audit import codes
from audit.forms import AuditSearchForm
from audit.permissions import AUDIT_READERS
from audit.selectors import audit_events_search_page
from core.access import access


@access(AUDIT_READERS)
def search(request):
    """The search form; once submitted (any query string), a page of results. Every
    search is recorded by the selector; a form with errors searches nothing."""
    form = AuditSearchForm(request.GET or None)
    page = None
    if form.is_bound and form.is_valid():
        page = audit_events_search_page(user=request.user, filters=form.filters(), page_number=request.GET.get("page"))
    rows = [(event, codes.ACTIONS.get(event.action, "")) for event in page] if page else []
    context = {
        "form": form,
        "page": page,
        "rows": rows,
    }
    return render(request, "audit/search.html", context)
