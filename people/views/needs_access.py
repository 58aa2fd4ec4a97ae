"""Restricted records: restricting one and naming the staff who may open it, and break
glass for everyone else, with a written reason that alerts the data protection officer."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from accounts.models import User
from core.access import access
from people import services_access
from people.forms_needs import BreakGlassForm, NameStaffForm, NeedsForm
from people.models import Customer, NamedAccess
from people.permissions import CUSTOMER_READERS, CUSTOMER_RESTRICTERS, READER_ROLES, same_organisation
from people.views.needs_common import customer_page, customer_render, form_data, record_url, run_service


def _staff_who_may_be_named(customer: Customer):
    """Active staff of the customer's organisation who work with customers, not yet named."""
    named = NamedAccess.objects.filter(customer=customer).values("user_id")
    return (
        User.objects.filter(
            is_active=True, role__in=READER_ROLES, team__office__region__organisation_id=customer.organisation_id
        )
        .exclude(pk__in=named)
        .order_by("first_name", "last_name")
    )


def _number(value) -> int:
    """A posted id, or 404 for anything that is not one (never a server error)."""
    if not (value or "").isdigit():
        raise Http404
    return int(value)


def _change_access(request, customer, action: str, name_form):
    """Runs the change the page's button asked for. Returns True when it was made."""
    actor = request.user
    if action in ("restrict", "unrestrict"):
        restricted = action == "restrict"
        done, _ = run_service(
            NeedsForm(request.POST),
            lambda: services_access.customer_restrict(actor=actor, customer=customer, restricted=restricted),
        )
        message = "The record is now restricted to named staff" if restricted else "The record is no longer restricted"
    elif action == "name":
        if not name_form.is_valid():
            return False
        user = name_form.cleaned_data["user"]
        done, _ = run_service(
            name_form, lambda: services_access.named_access_grant(actor=actor, customer=customer, user=user)
        )
        message = f"{user.display_name} can now open this record"
    elif action == "unname":
        named = get_object_or_404(
            NamedAccess.objects.select_related("user"), customer=customer, pk=_number(request.POST.get("named"))
        )
        done, _ = run_service(
            NeedsForm(request.POST),
            lambda: services_access.named_access_revoke(actor=actor, customer=customer, user=named.user),
        )
        message = f"{named.user.display_name} has been removed from the staff named on this record"
    else:
        raise Http404
    if done:
        messages.success(request, message)
    return done


@access(CUSTOMER_RESTRICTERS)
@customer_page()
def customer_access(request, customer):
    """Who may open this record: restrict or unrestrict it, and name or remove staff."""
    action = request.POST.get("action", "") if request.method == "POST" else ""
    name_form = NameStaffForm(request.POST if action == "name" else None, staff=_staff_who_may_be_named(customer))
    if action and _change_access(request, customer, action, name_form):
        return redirect(reverse("people:access", kwargs={"pk": customer.pk}))
    return customer_render(
        request,
        "access.html",
        customer,
        form=name_form,
        named=NamedAccess.objects.filter(customer=customer).select_related("user", "granted_by").order_by("created_at"),
    )


def _restricted_customer(user, pk: int) -> Customer:
    """The customer behind a break-glass page. The usual selectors refuse a restricted
    record, which is the point of this page; the organisation check still holds."""
    customer = Customer.objects.filter(pk=pk).first()
    if customer is None or not same_organisation(user, customer):
        raise Http404
    return customer


@access(CUSTOMER_READERS)
def break_glass(request, pk: int):
    """Explains that the record is restricted and asks for a written reason. Shows nothing
    about the person: not even their name, until the glass is broken."""
    customer = _restricted_customer(request.user, pk)
    if services_access.may_open(request.user, customer):
        return redirect(record_url(customer))
    form = BreakGlassForm(form_data(request))
    if request.method == "POST" and form.is_valid():
        done, _ = run_service(
            form,
            lambda: services_access.break_glass(
                actor=request.user, customer=customer, reason=form.cleaned_data["reason"]
            ),
        )
        if done:
            messages.success(request, "You have opened a restricted record. The data protection officer has been told.")
            return redirect(record_url(customer))
    return render(request, "people/needs/break_glass.html", {"form": form, "case_number": customer.case_number})
