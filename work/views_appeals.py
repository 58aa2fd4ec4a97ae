"""The MR tracker pages (issue 5): record an MR from the customer's record; the MR page
with its timeline, state, deadlines and the next thing to do; record its MRN, the appeal,
or the decision not to appeal. Thin: selectors read, services change."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from consent.selectors import authorities_held_by, authority_state
from core.access import access
from core.errors import HavenError, NotAllowed, NotFound
from people.permissions import CUSTOMER_EDITORS, CUSTOMER_READERS, EDITOR_ROLES
from people.selectors import RestrictedRecord, customer_get_for_change
from people.views.records import restricted_page
from work import selectors_appeals as selectors
from work import services_appeals as services
from work.forms_appeals import AppealDeclinedForm, AppealLodgedForm, MRNForm, MRRequestForm


def _organisation_staff(user):
    return User.objects.filter(
        team__office__region__organisation_id=user.organisation.pk, is_active=True, role__in=EDITOR_ROLES
    ).order_by("last_name", "first_name")


def _submit(request, form, act):
    """Runs a service with what the form carried; a broken rule comes back beside its
    field with everything typed kept. Returns the result, or None when it failed."""
    if not form.is_valid():
        return None
    try:
        return act(form.cleaned_data)
    except NotAllowed as exc:
        raise PermissionDenied from exc
    except HavenError as exc:
        form.add_haven_error(exc)
        return None


@access(CUSTOMER_EDITORS)
def mr_new(request, customer_pk: int):
    """Record an MR request for the customer: from a link on their record."""
    try:
        customer = customer_get_for_change(user=request.user, customer_id=customer_pk)
    except NotFound as exc:
        raise Http404 from exc
    except RestrictedRecord as restricted:
        return restricted_page(request, restricted.customer)
    staff = _organisation_staff(request.user)
    held = [
        (authority, authority_state(authority))
        for authority in authorities_held_by(user=request.user, customer=customer)
    ]
    form = MRRequestForm(
        request.POST or None,
        staff=staff,
        authorities=[authority for authority, _ in held],
        usable={authority.pk for authority, state in held if state.is_active},
        initial={"lodged_by_staff": request.user.pk},
    )
    if request.method == "POST":
        mr = _submit(
            request, form, lambda data: services.mr_request_record(actor=request.user, customer=customer, **data)
        )
        if mr is not None:
            messages.success(
                request, f"MR recorded. Haven will remind you to chase the MRN on {services.long_date(mr.chase_on)}"
            )
            return redirect("work:mr", pk=mr.pk)
    context = {
        "customer": customer,
        "form": form,
        "title": "Record a mandatory reconsideration (MR)",
        "back_url": reverse("people:record", args=[customer.pk]),
        "intro": "Haven sets a task to chase the MRN if none has been recorded after "
        f"{services.chase_after_days()} days.",
        "unusable_authorities": [(authority, state) for authority, state in held if not state.is_active],
    }
    return render(request, "work/appeals/form.html", context)


def _mr_or_404(request, pk: int, *, audited: bool = False):
    try:
        if audited:
            return selectors.mr_open(user=request.user, mr_id=pk)
        return selectors.mr_get(user=request.user, mr_id=pk)
    except NotFound as exc:
        raise Http404 from exc


@access(CUSTOMER_READERS)
def mr(request, pk: int):
    """The MR: its state, deadlines, timeline and next step. Opening it is audited."""
    record = _mr_or_404(request, pk, audited=True)
    today = timezone.localdate()
    tasks = [task for task in (record.chase_task, record.appeal_task) if task is not None]
    state = authority_state(record.authority) if record.authority_id else None
    return render(
        request,
        "work/appeals/mr.html",
        {
            "mr": record,
            "customer": record.customer,
            "deadline": selectors.current_deadline(record, today),
            "next_step": selectors.next_step(record, today),
            "timeline": selectors.timeline(record, today),
            "tasks": tasks,
            "reminders": list(record.appeal_task.reminders.all()) if record.appeal_task else [],
            "can_change": selectors.may_change(request.user, record),
            "state": state,
        },
    )


def _step(request, pk: int, form_class, title: str, act, done: str):
    record = _mr_or_404(request, pk)
    if not selectors.may_change(request.user, record):
        raise PermissionDenied
    form = form_class(request.POST or None, initial={"version": record.version})
    if request.method == "POST":
        changed = _submit(request, form, lambda data: act(record, data))
        if changed is not None:
            messages.success(request, done(changed))
            return redirect("work:mr", pk=pk)
    context = {
        "mr": record,
        "customer": record.customer,
        "form": form,
        "title": title,
        "back_url": reverse("work:mr", args=[pk]),
    }
    return render(request, "work/appeals/form.html", context)


@access(CUSTOMER_EDITORS)
def mr_mrn(request, pk: int):
    return _step(
        request,
        pk,
        MRNForm,
        "Record the MRN",
        lambda record, data: services.mrn_record(actor=request.user, mr=record, **data),
        lambda record: f"MRN recorded. The appeal is due by {services.long_date(record.appeal_due_on)}",
    )


@access(CUSTOMER_EDITORS)
def mr_appeal(request, pk: int):
    return _step(
        request,
        pk,
        AppealLodgedForm,
        "Record that the appeal was lodged",
        lambda record, data: services.appeal_lodged_record(actor=request.user, mr=record, **data),
        lambda record: "Appeal recorded as lodged" + (" (late)" if record.appeal_was_late else ""),
    )


@access(CUSTOMER_EDITORS)
def mr_decline(request, pk: int):
    return _step(
        request,
        pk,
        AppealDeclinedForm,
        "Record that the customer will not appeal",
        lambda record, data: services.appeal_declined_record(
            actor=request.user,
            mr=record,
            reason=data["declined_reason"],
            declined_on=data["declined_on"],
            version=data["version"],
        ),
        lambda record: "Recorded that the customer will not appeal",
    )
