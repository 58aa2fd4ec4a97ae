"""Staff accounts: find, create, change, deactivate, reactivate and reset MFA."""

from allauth.mfa.models import Authenticator
from django import forms as django_forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from accounts import forms, selectors, services
from accounts.models import User
from accounts.permissions import ADMINISTRATORS
from accounts.views.common import form_data, form_page, submit
from core.access import access
from core.errors import HavenError, NotAllowed


def _person(request, pk: int) -> User:
    try:
        return selectors.staff_get(user=request.user, pk=pk)
    except User.DoesNotExist as exc:
        raise Http404 from exc


@access(ADMINISTRATORS)
def staff_list(request):
    filter_form = forms.StaffFilterForm(request.GET)
    filters = filter_form.filters()
    page = selectors.staff_page(user=request.user, page_number=request.GET.get("page"), **filters)
    # Page links keep the filters: everything in the query string except the page.
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "accounts/staff_list.html",
        {
            "filter_form": filter_form,
            "page": page,
            "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
            "ellipsis": page.paginator.ELLIPSIS,
            "query": query.urlencode(),
            "filtered": any(value not in ("", None) for value in filters.values()),
        },
    )


@access(ADMINISTRATORS)
def staff_detail(request, pk: int):
    person = _person(request, pk)
    has_mfa = Authenticator.objects.filter(user=person, type=Authenticator.Type.TOTP).exists()
    return render(request, "accounts/staff_detail.html", {"person": person, "has_mfa": has_mfa})


@access(ADMINISTRATORS)
def staff_create(request):
    form = forms.StaffCreateForm(form_data(request))
    done = submit(
        request,
        form,
        lambda data: services.staff_create(actor=request.user, **data),
        success=lambda person: (
            f"{person.display_name}'s account has been created. "
            "They set up their authenticator app when they first sign in."
        ),
        redirect_to=lambda person: reverse("accounts:staff_detail", args=[person.pk]),
    )
    back = reverse("accounts:staff_list")
    return done or form_page(request, form, title="Add a member of staff", back_url=back, submit_label="Add")


@access(ADMINISTRATORS)
def staff_edit(request, pk: int):
    person = _person(request, pk)
    caption = person.display_name
    initial = {name: getattr(person, name) for name in services.STAFF_FIELDS}
    form = forms.StaffEditForm(form_data(request), initial=initial)
    done = submit(
        request,
        form,
        lambda data: services.staff_update(actor=request.user, user=person, **data),
        success=lambda person: f"{person.display_name}'s details have been saved",
        redirect_to=reverse("accounts:staff_detail", args=[person.pk]),
    )
    back = reverse("accounts:staff_detail", args=[person.pk])
    return done or form_page(request, form, title="Change their details", caption=caption, back_url=back)


# --- Confirmation pages: nothing changes until the administrator confirms with POST ----

CONFIRMATIONS = {
    "deactivate": {
        "service": services.staff_deactivate,
        "title": "Deactivate {name}'s account?",
        "explanation": "They will be signed out everywhere at once and cannot sign in until an "
        "administrator reactivates the account. Their name stays in the records and the audit trail.",
        "button": "Deactivate account",
        "warning": True,
        "success": "{name}'s account has been deactivated and they have been signed out",
    },
    "reactivate": {
        "service": services.staff_reactivate,
        "title": "Reactivate {name}'s account?",
        "explanation": "They will be able to sign in again with their password and authenticator app.",
        "button": "Reactivate account",
        "warning": False,
        "success": "{name}'s account has been reactivated",
    },
    "reset_mfa": {
        "service": services.staff_reset_mfa,
        "title": "Reset {name}'s authenticator app?",
        "explanation": "Do this when they have lost their phone or can no longer get codes. Their "
        "authenticator app and recovery codes stop working and they are signed out everywhere. "
        "They must set up an authenticator app again when they next sign in.",
        "button": "Reset authenticator app",
        "warning": True,
        "success": "{name}'s authenticator app has been reset. They set up a new one when they next sign in.",
    },
}


def _confirm(request, pk: int, kind: str):
    person = _person(request, pk)
    spec = CONFIRMATIONS[kind]
    name = person.display_name
    form = django_forms.Form(form_data(request))
    if request.method == "POST":
        try:
            spec["service"](actor=request.user, user=person)
        except NotAllowed as exc:
            raise PermissionDenied from exc
        except HavenError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, spec["success"].format(name=name))
            return redirect("accounts:staff_detail", pk=person.pk)
    return render(
        request,
        "accounts/staff_confirm.html",
        {"person": person, "form": form, "spec": spec, "title": spec["title"].format(name=name)},
    )


@access(ADMINISTRATORS)
def staff_deactivate(request, pk: int):
    return _confirm(request, pk, "deactivate")


@access(ADMINISTRATORS)
def staff_reactivate(request, pk: int):
    return _confirm(request, pk, "reactivate")


@access(ADMINISTRATORS)
def staff_reset_mfa(request, pk: int):
    return _confirm(request, pk, "reset_mfa")
