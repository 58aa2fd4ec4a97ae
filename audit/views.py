from django.shortcuts import render

from audit import codes
from audit.forms import AuditSearchForm
from audit.permissions import AUDIT_READERS
from audit.selectors import audit_events_search_page
from core.access import access
from core.forms import DATE_PARTS


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
        "from_fields": [form[f"from_{part}"] for part in DATE_PARTS],
        "to_fields": [form[f"to_{part}"] for part in DATE_PARTS],
        "from_errors": form.date_errors("from") if form.is_bound else [],
        "to_errors": form.date_errors("to") if form.is_bound else [],
    }
    return render(request, "audit/search.html", context)
