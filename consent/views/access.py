"""Recording an access under an authority, and the client's statement of every access."""

from django.http import Http404
from django.utils import timezone

from consent import pdf, selectors, services
from consent.forms import AccessForm
from consent.permissions import ADVISERS, AUTHORITY_READERS
from consent.views.common import authority_page, authority_url, consent_render, submit
from core.access import access
from core.errors import NotFound
from people.views.needs_common import customer_page, form_data


@access(ADVISERS)
@authority_page()
def access_new(request, authority):
    """The adviser says when they acted, what they viewed and did, and confirms that no
    password was used. The authority's state is shown before they start: a revoked or
    expired authority says so here, and the service refuses an access outside it."""
    form = AccessForm(form_data(request))
    done = submit(
        request,
        form,
        lambda: services.access_record(actor=request.user, authority=authority, **form.values()),
        success=lambda record: (
            f"Your access on {timezone.localtime(record.acted_at):%-d %B %Y at %H:%M} has been recorded"
        ),
        redirect_to=lambda record: authority_url(authority),
    )
    return done or consent_render(
        request,
        "access_form.html",
        authority.customer,
        authority=authority,
        state=selectors.authority_state(authority),
        form=form,
        is_adviser=request.user.pk == authority.adviser_id,
    )


def _statement(request, customer):
    try:
        return selectors.access_statement(user=request.user, customer=customer)
    except NotFound as exc:
        raise Http404 from exc


@access(AUTHORITY_READERS)
@customer_page()
def statement(request, customer):
    """A printable statement for the client of every access made for them."""
    records = _statement(request, customer)
    return consent_render(request, "statement.html", customer, records=records, issued_at=timezone.now())


@access(AUTHORITY_READERS)
@customer_page()
def statement_pdf(request, customer):
    records = _statement(request, customer)
    content = pdf.access_statement(customer, records, issued_at=timezone.now())
    return pdf.response(content, f"access-statement-{customer.case_number}.pdf")
