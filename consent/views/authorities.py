"""Pages for a customer's forms of authority: the list, recording one, opening one with
its access records, revoking it, its consent receipt and the signed form (issue 7, B)."""

from django.http import FileResponse, Http404
from django.shortcuts import render
from django.utils import timezone

from accounts.models import User
from consent import pdf, selectors, services
from consent.forms import AuthorityForm, RevokeForm
from consent.models import Evidence
from consent.permissions import ADVISERS, AUTHORITY_READERS, AUTHORITY_RECORDERS, EVIDENCE_READERS
from consent.views.common import (
    authority_page,
    authority_url,
    consent_render,
    submit,
)
from core.access import access
from core.errors import NotFound
from core.pagination import page_context
from people.permissions import EDITOR_ROLES
from people.views.needs_common import customer_page, form_data


def _with_states(authorities):
    return [(authority, selectors.authority_state(authority)) for authority in authorities]


@access(AUTHORITY_READERS)
@customer_page()
def customer_authorities(request, customer):
    try:
        authorities = selectors.authorities_for_customer(user=request.user, customer=customer)
    except NotFound as exc:
        raise Http404 from exc
    context = page_context(request, authorities)
    return consent_render(
        request,
        "customer_authorities.html",
        customer,
        authorities=_with_states(context["page"]),
        **context,
        can_record=AUTHORITY_RECORDERS.allows(request.user),
    )


def _advisers(customer):
    return User.objects.filter(
        is_active=True, role__in=EDITOR_ROLES, team__office__region__organisation_id=customer.organisation_id
    ).select_related("team__office__region__organisation")


@access(AUTHORITY_RECORDERS)
@customer_page()
def authority_new(request, customer):
    form = AuthorityForm(form_data(request), request.FILES or None, advisers=_advisers(customer))
    done = submit(
        request,
        form,
        lambda: services.authority_grant(actor=request.user, customer=customer, **form.values()),
        success=lambda authority: f"The authority for {authority.adviser.display_name} has been recorded",
        redirect_to=authority_url,
    )
    if request.method == "POST" and done is None and not form.is_valid():
        _add_service_problems(form, customer)
    return done or consent_render(request, "authority_form.html", customer, form=form)


def _add_service_problems(form, customer) -> None:
    """Every message at once (GOV.UK): the service's rules for the fields the form itself
    found no problem with."""
    values = {name: value for name, value in form.values().items() if name != "evidence_file"}
    for name, message in services.authority_problems(customer=customer, **values).items():
        name = form.FIELD_ALIASES.get(name, name)
        if name in form.fields and name not in form.errors:
            form.add_error(name, message)


@access(AUTHORITY_READERS)
@authority_page(opened=True)
def authority_detail(request, authority):
    return consent_render(
        request,
        "authority.html",
        authority.customer,
        authority=authority,
        state=selectors.authority_state(authority),
        records=selectors.access_records_for_authority(authority),
        can_revoke=AUTHORITY_RECORDERS.allows(request.user),
        can_act=ADVISERS.allows(request.user) and request.user.pk == authority.adviser_id,
        can_open_evidence=EVIDENCE_READERS.allows(request.user) and authority.evidence == Evidence.UPLOAD,
    )


@access(AUTHORITY_RECORDERS)
@authority_page()
def authority_revoke(request, authority):
    form = RevokeForm(form_data(request))
    done = submit(
        request,
        form,
        lambda: services.authority_revoke(actor=request.user, authority=authority, note=form.cleaned_data["note"]),
        success=lambda _: "The authority has been revoked. It can no longer be used, from now on.",
        redirect_to=authority_url,
    )
    return done or consent_render(
        request,
        "authority_revoke.html",
        authority.customer,
        authority=authority,
        form=form,
        state=selectors.authority_state(authority),
    )


@access(AUTHORITY_READERS)
def authority_receipt(request, authority_id: int):
    try:
        authority = selectors.receipt_issue(user=request.user, authority_id=authority_id)
    except NotFound as exc:
        raise Http404 from exc
    content = pdf.consent_receipt(authority, issued_at=timezone.now())
    return pdf.response(content, f"consent-receipt-{authority.receipt_id}.pdf")


@access(EVIDENCE_READERS)
def authority_evidence(request, authority_id: int):
    """The signed form, as an attachment only: never shown inline, never public."""
    try:
        authority = selectors.evidence_open(user=request.user, authority_id=authority_id)
    except NotFound as exc:
        raise Http404 from exc
    extension = authority.evidence_content_type.split("/")[-1].replace("jpeg", "jpg")
    response = FileResponse(
        authority.evidence_file.open("rb"),
        as_attachment=True,
        filename=f"signed-authority-{authority.pk}.{extension}",
        content_type=authority.evidence_content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@access(ADVISERS)
def mine(request):
    """The authorities the adviser holds, so they can act under one."""
    context = page_context(request, selectors.authorities_held(user=request.user))
    return render(request, "consent/mine.html", {"authorities": _with_states(context["page"]), **context})
