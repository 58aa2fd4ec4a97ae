"""Safe-contact needs and privacy needs: both versioned, so two workers editing at once
never silently overwrite each other (issue 3, "Bad input")."""

from django.contrib import messages
from django.shortcuts import redirect

from core.access import access
from core.errors import EditConflict
from people import services
from people.forms_needs import PrivacyNeedsForm, SafeContactForm, VersionedForm
from people.permissions import CUSTOMER_EDITORS
from people.views.needs_common import customer_page, customer_render, form_data, record_url, run_service

CONFLICT_MESSAGE = (
    "Someone else changed these details while you were editing them. Your changes have not been saved. "
    "Their version is shown below: check it, then save your changes again."
)


def _their_version(form: VersionedForm, current: dict) -> list[tuple[str, str]]:
    """What the other person saved, labelled as on the form (EditConflict gives text values)."""
    shown = {"True": "Yes", "False": "No", "": "Not given"}
    return [
        (form.fields[name].label, shown.get(value, value)) for name, value in current.items() if name in form.fields
    ]


def _versioned_page(request, customer, *, record, form_class, update, template: str, success: str):
    form = form_class(form_data(request), initial=form_class.initial_from(record))
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            done, _ = run_service(
                form,
                lambda: update(
                    actor=request.user, customer=customer, version=form.cleaned_data["version"], **form.values()
                ),
            )
        except EditConflict as exc:
            record.refresh_from_db()
            form = form.at_version(record.version)
            form.add_error(None, CONFLICT_MESSAGE)
            conflict = _their_version(form, exc.current)
        else:
            if done:
                messages.success(request, success)
                return redirect(record_url(customer))
    return customer_render(request, template, customer, form=form, conflict=conflict)


@access(CUSTOMER_EDITORS)
@customer_page()
def safe_contact(request, customer):
    return _versioned_page(
        request,
        customer,
        record=customer.safe_contact,
        form_class=SafeContactForm,
        update=services.safe_contact_update,
        template="safe_contact.html",
        success="Safe-contact needs have been saved",
    )


@access(CUSTOMER_EDITORS)
@customer_page()
def privacy(request, customer):
    return _versioned_page(
        request,
        customer,
        record=customer.privacy_needs,
        form_class=PrivacyNeedsForm,
        update=services.privacy_needs_update,
        template="privacy.html",
        success="Privacy needs have been saved",
    )
