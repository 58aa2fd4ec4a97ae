"""PDFs for the client: the consent receipt (Kantara Consent Receipt fields as a guide)
and the statement of every access. WeasyPrint renders a Django template; nothing is
fetched while rendering (the URL fetcher refuses everything)."""

from datetime import datetime

from django.http import HttpResponse
from django.template.loader import render_to_string

from consent.models import Authority
from consent.selectors import authority_state

# The Kantara Consent Receipt specification version whose fields the receipt follows.
RECEIPT_SPEC = "Kantara Initiative Consent Receipt Specification 1.1"


def _no_fetching(url: str, *args, **kwargs):
    raise ValueError(f"Haven's PDFs never fetch anything ({url})")


def _render(template: str, context: dict) -> bytes:
    # Imported here, not at the top: WeasyPrint takes seconds to import, and every process
    # that loads the URLconf (web workers, the task worker, each test run) would pay for it.
    from weasyprint import HTML

    html = render_to_string(template, context)
    return HTML(string=html, url_fetcher=_no_fetching).write_pdf()


def consent_receipt(authority: Authority, *, issued_at: datetime) -> bytes:
    return _render(
        "consent/pdf/receipt.html",
        {"authority": authority, "state": authority_state(authority), "issued_at": issued_at, "spec": RECEIPT_SPEC},
    )


def access_statement(customer, records, *, issued_at: datetime) -> bytes:
    return _render("consent/pdf/statement.html", {"customer": customer, "records": records, "issued_at": issued_at})


def response(content: bytes, filename: str) -> HttpResponse:
    answer = HttpResponse(content, content_type="application/pdf")
    answer["Content-Disposition"] = f'attachment; filename="{filename}"'
    return answer
