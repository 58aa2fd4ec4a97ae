"""Markers on a customer (set, remove, history) and the kinds of marker administrators define.
Removing a marker keeps it, with who removed it, when and why (issue 3)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from core.access import access
from core.errors import HavenError, NotAllowed
from people import services_markers
from people.forms_needs import MarkerAddForm, MarkerTypeForm, ReasonForm
from people.models import MarkerType
from people.permissions import CUSTOMER_EDITORS, CUSTOMER_READERS, MARKER_TYPE_ADMINISTRATORS
from people.views.needs_common import customer_page, customer_render, form_data, submit


def _markers_url(customer) -> str:
    return reverse("people:markers", kwargs={"pk": customer.pk})


@access(CUSTOMER_READERS)
@customer_page(audited=True)
def markers(request, customer):
    """Every marker, current and removed. The reasons are sensitive, so opening this page
    is an audited read of the record."""
    return customer_render(
        request,
        "markers.html",
        customer,
        markers=list(customer.markers.all()),
        can_edit=CUSTOMER_EDITORS.allows(request.user),
    )


@access(CUSTOMER_EDITORS)
@customer_page()
def marker_add(request, customer):
    form = MarkerAddForm(form_data(request), marker_types=MarkerType.objects.filter(is_active=True))
    done = submit(
        request,
        form,
        lambda data: services_markers.marker_add(actor=request.user, customer=customer, **form.values()),
        success="The marker has been set",
        redirect_to=_markers_url(customer),
    )
    return done or customer_render(request, "marker_add.html", customer, form=form)


@access(CUSTOMER_EDITORS)
@customer_page()
def marker_remove(request, customer, marker_id: int):
    marker = get_object_or_404(customer.markers.select_related("marker_type", "set_by"), pk=marker_id)
    if not marker.is_current:
        messages.info(request, f"The {marker.marker_type.name} marker had already been removed")
        return redirect(_markers_url(customer))
    form = ReasonForm(form_data(request))
    done = submit(
        request,
        form,
        lambda data: services_markers.marker_remove(actor=request.user, marker=marker, reason=data["reason"]),
        success=f"The {marker.marker_type.name} marker has been removed. It stays in the marker history.",
        redirect_to=_markers_url(customer),
    )
    return done or customer_render(request, "marker_remove.html", customer, form=form, marker=marker)


# --- Kinds of marker (administrators) ----------------------------------------------------


def _marker_types_page(request, form):
    return render(request, "people/needs/marker_types.html", {"form": form, "marker_types": MarkerType.objects.all()})


@access(MARKER_TYPE_ADMINISTRATORS)
def marker_types(request):
    """The list of markers, with the form to define a new one below it."""
    form = MarkerTypeForm(form_data(request))
    done = submit(
        request,
        form,
        lambda data: services_markers.marker_type_create(actor=request.user, **data),
        success=f"The marker {form.data.get('name', '').strip()} has been added",
        redirect_to=reverse("people:marker_types"),
    )
    return done or _marker_types_page(request, form)


@access(MARKER_TYPE_ADMINISTRATORS)
@require_POST
def marker_type_set_active(request, marker_type_id: int):
    """Withdraw a marker from use (markers already set stay), or restore it."""
    marker_type = get_object_or_404(MarkerType, pk=marker_type_id)
    is_active = request.POST.get("is_active") == "yes"
    try:
        services_markers.marker_type_set_active(actor=request.user, marker_type=marker_type, is_active=is_active)
    except NotAllowed as exc:
        raise PermissionDenied from exc
    except HavenError as error:
        messages.error(request, error.message)
        return redirect("people:marker_types")
    if is_active:
        messages.success(request, f"{marker_type.name} can be set again")
    else:
        messages.success(request, f"{marker_type.name} has been withdrawn. Markers already set are kept.")
    return redirect("people:marker_types")
