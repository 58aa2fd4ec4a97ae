"""Recording a disclosure decision: the form, the check-answers page, confirming, the
decision page (an audited read), its correction and its retrospective review. Thin:
selectors read, services change."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from core.access import access
from core.errors import EditConflict, HavenError, NotAllowed, NotFound, field_errors
from disclosures import selectors, services
from disclosures.forms import DisclosureForm, ReviewForm, initial_from
from disclosures.models import Status
from disclosures.permissions import DISCLOSURE_READERS, DISCLOSURE_RECORDERS
from people import selectors as people_selectors
from people.views.records import restricted_page


def _customer(request, customer_id: int):
    try:
        return people_selectors.customer_get_for_change(user=request.user, customer_id=customer_id), None
    except NotFound as exc:
        raise Http404 from exc
    except people_selectors.RestrictedRecord as restricted:
        return None, restricted_page(request, restricted.customer)


def _disclosure(request, pk: int):
    try:
        return selectors.disclosure_get(user=request.user, disclosure_id=pk)
    except NotFound as exc:
        raise Http404 from exc


def _own_draft(request, pk: int):
    disclosure = _disclosure(request, pk)
    if disclosure.status != Status.DRAFT:
        return disclosure, redirect("disclosures:detail", pk=pk)
    if disclosure.decided_by_id != request.user.pk:
        raise PermissionDenied
    return disclosure, None


def _form(request, customer, *, data=None, initial=None, correcting=False):
    advisers = selectors.second_opinion_choices(user=request.user)
    return DisclosureForm(data, initial=initial, customer=customer, advisers=advisers, correcting=correcting)


def _form_page(request, form, *, customer, title: str, back_url: str, status: int = 200):
    context = {"form": form, "customer": customer, "title": title, "back_url": back_url}
    return render(request, "disclosures/form.html", context, status=status)


def _save(request, form, act):
    """Runs the service on a valid form: its problems go beside their fields, keeping
    everything typed. Returns the disclosure, or None when it was refused."""
    if not form.is_valid():
        return None
    try:
        return act(form.data_for_service())
    except NotAllowed as exc:
        raise PermissionDenied from exc
    except HavenError as exc:
        form.add_service_errors(field_errors(exc))
        return None


def _from_incident(request, customer):
    """`?incident=<id>` (issue 8): the decision an incident's emergency call opened,
    prefilled from the call and linked to the incident when drafted."""
    if not request.GET.get("incident", "").isdigit():
        return None, {}
    from incidents.services_emergency_prefill import incident_disclosure

    try:
        return incident_disclosure(user=request.user, incident_id=int(request.GET["incident"]), customer=customer)
    except NotFound as exc:
        raise Http404 from exc


@access(DISCLOSURE_RECORDERS)
def new(request, customer_id: int):
    """Record a decision to share this customer's data with a third party."""
    customer, refused = _customer(request, customer_id)
    if refused:
        return refused
    incident, prefill = _from_incident(request, customer)
    back = f"/incidents/{incident.pk}/emergency-call" if incident else f"/customers/{customer.pk}/"
    if request.method != "POST":
        form = _form(request, customer, initial=initial_from(prefill=prefill))
        return _form_page(request, form, customer=customer, title="Record a disclosure", back_url=back)
    form = _form(request, customer, data=request.POST)
    disclosure = _save(
        request,
        form,
        lambda data: services.disclosure_draft(actor=request.user, customer=customer, data=data, incident=incident),
    )
    if disclosure is None:
        return _form_page(request, form, customer=customer, title="Record a disclosure", back_url=back, status=400)
    return redirect("disclosures:check", pk=disclosure.pk)


@access(DISCLOSURE_RECORDERS)
def edit(request, pk: int):
    """Change a draft (the check-answers page's Change links)."""
    disclosure, done = _own_draft(request, pk)
    if done:
        return done
    customer = disclosure.customer
    back = f"/disclosures/{pk}/check"
    if request.method != "POST":
        form = _form(request, customer, initial=initial_from(disclosure))
        return _form_page(request, form, customer=customer, title="Change the disclosure", back_url=back)
    form = _form(request, customer, data=request.POST)
    saved = _save(
        request,
        form,
        lambda data: services.disclosure_update(actor=request.user, disclosure=disclosure, data=data),
    )
    if saved is None:
        return _form_page(request, form, customer=customer, title="Change the disclosure", back_url=back, status=400)
    return redirect("disclosures:check", pk=pk)


@access(DISCLOSURE_RECORDERS)
def check(request, pk: int):
    """Check your answers before confirming: once confirmed the record cannot change."""
    disclosure, done = _own_draft(request, pk)
    if done:
        return done
    return render(
        request,
        "disclosures/check.html",
        {"disclosure": disclosure, "customer": disclosure.customer, "items": selectors.item_labels(disclosure)},
    )


@access(DISCLOSURE_RECORDERS)
@require_POST
def confirm(request, pk: int):
    disclosure, done = _own_draft(request, pk)
    if done:
        return done
    try:
        confirmed = services.disclosure_confirm(actor=request.user, disclosure=disclosure)
    except NotAllowed as exc:
        raise PermissionDenied from exc
    except EditConflict:
        messages.info(request, "This draft changed since you checked it: check it again")
        return redirect("disclosures:check", pk=pk)
    except HavenError as exc:
        messages.error(request, f"It cannot be confirmed yet: {'; '.join(field_errors(exc).values())}")
        return redirect("disclosures:edit", pk=pk)
    if confirmed.review_task_id:
        messages.success(
            request, "Disclosure recorded. You decided alone in an emergency: your team leader will review it"
        )
    else:
        messages.success(request, "Disclosure recorded")
    return redirect("disclosures:detail", pk=pk)


def _detail_page(request, disclosure, *, review_form=None, status=200):
    return render(
        request,
        "disclosures/detail.html",
        {
            "disclosure": disclosure,
            "customer": disclosure.customer,
            "items": selectors.item_labels(disclosure),
            "corrections": list(disclosure.corrections.filter(status=Status.CONFIRMED)),
            "can_review": services.can_review(request.user, disclosure),
            "can_correct": disclosure.is_confirmed and DISCLOSURE_RECORDERS.allows(request.user),
            "review_form": review_form or ReviewForm(),
            "form": review_form,  # the error summary reads `form`
        },
        status=status,
    )


@access(DISCLOSURE_READERS)
def detail(request, pk: int):
    """The decision. Opening it is an audited read (disclosure.viewed)."""
    try:
        disclosure = selectors.disclosure_open(user=request.user, disclosure_id=pk)
    except NotFound as exc:
        raise Http404 from exc
    if disclosure.status == Status.DRAFT:
        return redirect("disclosures:check", pk=pk)
    return _detail_page(request, disclosure)


@access(DISCLOSURE_RECORDERS)
@require_POST
def review(request, pk: int):
    """The team leader records the retrospective review of an emergency decision taken alone."""
    disclosure = _disclosure(request, pk)
    form = ReviewForm(request.POST)
    if form.is_valid():
        try:
            services.disclosure_review(actor=request.user, disclosure=disclosure, **form.cleaned_data)
        except NotAllowed as exc:
            raise PermissionDenied from exc
        except HavenError as exc:
            for name, message in field_errors(exc).items():
                form.add_error(name if name in form.fields else None, message)
        else:
            messages.success(request, "Review recorded")
            return redirect("disclosures:detail", pk=pk)
    return _detail_page(request, disclosure, review_form=form, status=400)


@access(DISCLOSURE_RECORDERS)
def correct(request, pk: int):
    """A confirmed decision is never edited: the correction is a new entry linked to it."""
    original = _disclosure(request, pk)
    if not original.is_confirmed:
        raise Http404
    customer = original.customer
    back = f"/disclosures/{pk}/"
    title = "Correct a disclosure"
    if request.method != "POST":
        form = _form(request, customer, initial=initial_from(original), correcting=True)
        return _form_page(request, form, customer=customer, title=title, back_url=back)
    form = _form(request, customer, data=request.POST, correcting=True)
    correction = _save(
        request,
        form,
        lambda data: services.disclosure_correct(
            actor=request.user,
            original=original,
            data=data,
            correction_reason=form.cleaned_data.get("correction_reason", ""),
        ),
    )
    if correction is None:
        return _form_page(request, form, customer=customer, title=title, back_url=back, status=400)
    return redirect("disclosures:check", pk=correction.pk)
