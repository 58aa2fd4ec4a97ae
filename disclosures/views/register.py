"""The organisation's disclosure register for data protection officers (filterable, CSV
export), and the table of lawful bases anyone may read."""

import csv

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from core.access import SIGNED_IN, access
from disclosures import lawful_basis, selectors
from disclosures.forms_register import RegisterFilterForm
from disclosures.permissions import DISCLOSURE_REGISTER

PAGE_SIZE = 50
CSV_COLUMNS = (
    "Disclosure",
    "Shared at (UTC)",
    "Case number",
    "Customer",
    "At risk",
    "Recipient",
    "Organisation",
    "Method",
    "Items shared",
    "Consent",
    "Article 6",
    "Article 9",
    "Schedule 1",
    "Exemption",
    "Emergency",
    "Decided by",
    "Second opinion by",
    "Customer told",
    "Corrects",
    "Review",
)


def _filters(request) -> tuple[RegisterFilterForm, selectors.RegisterFilters]:
    form = RegisterFilterForm(request.GET or None)
    return form, form.filters()


@access(DISCLOSURE_REGISTER)
def register(request):
    """Every confirmed disclosure in the DPO's organisation, newest first."""
    form, filters = _filters(request)
    queryset = selectors.register(user=request.user, filters=filters)
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "disclosures/register.html",
        {"filter_form": form, "page": page, "query": query.urlencode(), "form": form if form.errors else None},
    )


def _review_state(disclosure) -> str:
    if disclosure.review_task_id is None:
        return ""
    review = getattr(disclosure, "review", None)
    return review.get_outcome_display() if review else "Review outstanding"


def _row(disclosure) -> list[str]:
    return [
        str(disclosure.pk),
        disclosure.shared_at.isoformat(),
        disclosure.customer.case_number,
        disclosure.customer.full_name,
        disclosure.get_at_risk_display(),
        disclosure.get_recipient_kind_display(),
        disclosure.recipient_organisation,
        disclosure.get_method_display(),
        "; ".join(selectors.item_labels(disclosure)),
        disclosure.get_consent_display(),
        lawful_basis.label(disclosure.article_6),
        lawful_basis.label(disclosure.article_9),
        lawful_basis.label(disclosure.schedule_1),
        lawful_basis.label(disclosure.exemption),
        "Yes" if disclosure.emergency else "No",
        disclosure.decided_by.display_name,
        disclosure.second_opinion_by.display_name if disclosure.second_opinion_by else "",
        "Yes" if disclosure.person_told else "No",
        str(disclosure.corrects_id or ""),
        _review_state(disclosure),
    ]


def _safe_cell(value: str) -> str:
    # A cell a spreadsheet would run as a formula is written as text (CSV injection).
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


@access(DISCLOSURE_REGISTER)
def register_csv(request):
    """The register with the same filters, as CSV for the DPO's own records (audited)."""
    _form, filters = _filters(request)
    queryset = selectors.register(user=request.user, filters=filters, action="disclosure.register_exported")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    stamp = timezone.now().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="disclosures-{stamp}.csv"'
    writer = csv.writer(response)
    writer.writerow(CSV_COLUMNS)
    for disclosure in queryset.iterator(chunk_size=500):
        writer.writerow([_safe_cell(cell) for cell in _row(disclosure)])
    return response


@access(SIGNED_IN)
def lawful_basis_table(request):
    """The table of valid combinations, each row citing its provision, for the DPO to review."""
    return render(
        request,
        "disclosures/lawful_basis.html",
        {"rows": lawful_basis.table(), "exemption_note": lawful_basis.EXEMPTION_NOTE},
    )
