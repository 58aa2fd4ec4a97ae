"""Creating a customer and changing their identity, names and references (issue 3).

Every page keeps what the worker typed through every kind of problem: a field error, the
"Is this the same person?" question, and someone else saving the record first."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from core.access import access
from core.errors import EditConflict, HavenError, NotAllowed, NotFound
from people import selectors, services
from people.forms_records import CustomerCreateForm, CustomerEditForm, NameAddForm, ReferenceAddForm
from people.permissions import CUSTOMER_EDITORS
from people.selectors import RestrictedRecord
from people.views.conflicts import conflict_rows
from people.views.records import open_or_refuse, restricted_page


def _posted(request):
    return request.POST if request.method == "POST" else None


def _for_change(request, pk: int):
    """GET pages are audited reads (they show the customer); a POST reads the customer
    only to hand it to the service, which audits the change itself."""
    if request.method == "GET":
        return open_or_refuse(request, pk)
    try:
        return selectors.customer_get_for_change(user=request.user, customer_id=pk), None
    except NotFound as exc:
        raise Http404 from exc
    except RestrictedRecord as restricted:
        return None, restricted_page(request, restricted.customer)


def _run(form, action, *, questions: tuple[type[HavenError], ...] = ()):
    """Calls the service; its refusal is a 403, its other errors go beside the fields.
    `questions` (a possible duplicate, an edit conflict) are the caller's to answer."""
    try:
        return action()
    except questions:
        raise
    except NotAllowed as exc:
        raise PermissionDenied from exc
    except HavenError as error:
        form.add_haven_error(error)
        return None


def _form_page(request, form, *, title, back_url, customer=None, submit_label="Save", **extra):
    context = {"form": form, "title": title, "back_url": back_url, "customer": customer, "submit_label": submit_label}
    return render(request, "people/records/form.html", {**context, **extra})


def _candidate(customer) -> dict:
    # The same few facts as a search result: enough to tell two people apart.
    return {
        "pk": customer.pk,
        "name": customer.full_name,
        "date_of_birth": None if customer.is_restricted else customer.date_of_birth,
        "postcode_area": "" if customer.is_restricted else customer.postcode.split(" ")[0],
        "case_number": customer.case_number,
        "is_restricted": customer.is_restricted,
    }


@access(CUSTOMER_EDITORS)
def create(request):
    """Duplicates are checked first (same NI number, or same name and date of birth); the
    worker then says whether this is someone new, with every value they typed kept."""
    back = reverse("people:search")
    title = "Add a new customer"
    if request.POST.get("action") == "change":
        # Back from "Is this the same person?" to change the details: nothing is lost.
        data = request.POST.copy()
        data.pop("confirmed_new_person", None)
        return _form_page(request, CustomerCreateForm(data), title=title, back_url=back, submit_label="Add customer")
    form = CustomerCreateForm(_posted(request))
    if form.is_bound and form.is_valid():
        try:
            customer = _run(
                form,
                lambda: services.customer_create(
                    actor=request.user,
                    confirmed_new_person=form.cleaned_data["confirmed_new_person"],
                    **form.identity(),
                ),
                questions=(services.PossibleDuplicate,),
            )
        except services.PossibleDuplicate as duplicate:
            candidates = [_candidate(candidate) for candidate in duplicate.candidates]
            return render(request, "people/records/duplicates.html", {"form": form, "candidates": candidates})
        if customer is not None:
            messages.success(
                request, f"{customer.full_name} has been added. Their case number is {customer.case_number}"
            )
            return redirect("people:record", pk=customer.pk)
    return _form_page(request, form, title=title, back_url=back, submit_label="Add customer")


@access(CUSTOMER_EDITORS)
def edit(request, pk: int):
    """Identity and contact details, with optimistic locking: a save made on an old
    version shows what the other person saved beside what this worker typed."""
    customer, refused = _for_change(request, pk)
    if refused:
        return refused
    back = reverse("people:record", args=[customer.pk])
    conflict = None
    if request.method == "POST":
        form = CustomerEditForm(request.POST)
        if form.is_valid():
            try:
                updated = _run(
                    form,
                    lambda: services.customer_update(
                        actor=request.user, customer=customer, version=form.cleaned_data["version"], **form.identity()
                    ),
                    questions=(EditConflict,),
                )
            except EditConflict as exc:
                # The worker's values stay; the form now carries the version they have seen.
                data = request.POST.copy()
                data["version"] = str(selectors.customer_get_for_change(user=request.user, customer_id=pk).version)
                form = CustomerEditForm(data)
                form.is_valid()
                form.add_haven_error(exc)
                conflict = conflict_rows(form, exc.current)
            else:
                if updated is not None:
                    messages.success(request, f"{updated.full_name}'s details have been saved")
                    return redirect("people:record", pk=updated.pk)
    else:
        initial = {name: getattr(customer, name) for name in services.IDENTITY_FIELDS}
        form = CustomerEditForm(initial={**initial, "version": customer.version})
    return _form_page(
        request, form, title="Change identity and contact details", back_url=back, customer=customer, conflict=conflict
    )


@access(CUSTOMER_EDITORS)
def name_add(request, pk: int):
    """A previous name or alias, so that search still finds the person by it."""
    customer, refused = _for_change(request, pk)
    if refused:
        return refused
    form = NameAddForm(_posted(request))
    if form.is_bound and form.is_valid():
        name = _run(
            form,
            lambda: services.customer_name_add(actor=request.user, customer=customer, **form.cleaned_data),
        )
        if name is not None:
            messages.success(request, f"{name.get_kind_display()} {name} has been added")
            return redirect("people:record", pk=customer.pk)
    back = reverse("people:record", args=[customer.pk])
    return _form_page(request, form, title="Add a previous name or alias", back_url=back, customer=customer)


@access(CUSTOMER_EDITORS)
def reference_add(request, pk: int):
    """A benefit, claim or other reference: how other systems know the person."""
    customer, refused = _for_change(request, pk)
    if refused:
        return refused
    form = ReferenceAddForm(_posted(request))
    if form.is_bound and form.is_valid():
        reference = _run(
            form,
            lambda: services.customer_reference_add(actor=request.user, customer=customer, **form.cleaned_data),
        )
        if reference is not None:
            messages.success(request, f"{reference} has been added")
            return redirect("people:record", pk=customer.pk)
    back = reverse("people:record", args=[customer.pk])
    return _form_page(request, form, title="Add a reference", back_url=back, customer=customer)
