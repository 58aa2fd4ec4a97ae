"""The customer's contact notes (people.ContactNote): every note, newest first, and a
box to add one. Append-only: a note is never edited; a correction is a new note. Notes
copied from an incident (the Report Threat checklist, an ACSSL outcome) say so."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.urls import reverse

from accounts.forms.base import HavenForm
from core.access import access
from people.permissions import CUSTOMER_EDITORS, CUSTOMER_READERS
from people.services_contact_notes import MAX_LENGTH, contact_note_add
from people.views.needs_common import customer_page, customer_render, form_data, submit

PAGE_SIZE = 25


class ContactNoteForm(HavenForm):
    text = forms.CharField(
        label="Add a contact note",
        required=False,
        max_length=MAX_LENGTH,
        help_text="What happened in your contact with the customer. A note cannot be changed once added.",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"max_length": f"A contact note can be at most {MAX_LENGTH:,} characters"},
    )


@access(CUSTOMER_READERS)
@customer_page(audited=True)
def contact_notes(request, customer):
    """The notes are the customer's words and circumstances: opening them is an audited read."""
    can_add = CUSTOMER_EDITORS.allows(request.user)
    form = ContactNoteForm(form_data(request))
    if request.method == "POST" and can_add:
        done = submit(
            request,
            form,
            lambda data: contact_note_add(actor=request.user, customer=customer, text=data["text"]),
            success="Contact note added",
            redirect_to=reverse("people:contact_notes", kwargs={"pk": customer.pk}),
        )
        if done:
            return done
    elif request.method == "POST":
        raise PermissionDenied
    notes = customer.contact_notes.select_related("author").order_by("-written_at", "-id")
    page = Paginator(notes, PAGE_SIZE).get_page(request.GET.get("page"))
    return customer_render(request, "contact_notes.html", customer, form=form, page=page, can_add=can_add)
