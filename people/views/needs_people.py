"""The people around a customer: appointee, power of attorney, representative, next of kin,
support worker, CPN, social worker, and children in the household (issue 3)."""

from django.shortcuts import get_object_or_404

from core.access import access
from people import services_people_around
from people.forms_needs import NeedsForm, PersonAroundForm
from people.permissions import CUSTOMER_EDITORS
from people.views.needs_common import customer_page, customer_render, form_data, record_url, submit


@access(CUSTOMER_EDITORS)
@customer_page()
def person_around_add(request, customer):
    form = PersonAroundForm(form_data(request))
    done = submit(
        request,
        form,
        lambda data: services_people_around.person_around_add(actor=request.user, customer=customer, **form.values()),
        success=f"{form.data.get('name', '').strip()} has been added to the people around the customer",
        redirect_to=record_url(customer),
    )
    return done or customer_render(request, "person_around_form.html", customer, form=form, person=None)


@access(CUSTOMER_EDITORS)
@customer_page()
def person_around_edit(request, customer, person_id: int):
    person = get_object_or_404(customer.people_around, pk=person_id)
    form = PersonAroundForm(form_data(request), initial=PersonAroundForm.initial_from(person))
    done = submit(
        request,
        form,
        lambda data: services_people_around.person_around_update(actor=request.user, person=person, **form.values()),
        success=f"{form.data.get('name', '').strip()}'s details have been saved",
        redirect_to=record_url(customer),
    )
    return done or customer_render(request, "person_around_form.html", customer, form=form, person=person)


@access(CUSTOMER_EDITORS)
@customer_page()
def person_around_end(request, customer, person_id: int):
    """A confirmation page: the entry is kept, marked as ended today."""
    person = get_object_or_404(customer.people_around, pk=person_id, ended_on=None)
    form = NeedsForm(form_data(request))
    done = submit(
        request,
        form,
        lambda data: services_people_around.person_around_end(actor=request.user, person=person),
        success=f"{person.name} is no longer recorded as the customer's {person.get_role_display().lower()}",
        redirect_to=record_url(customer),
    )
    return done or customer_render(request, "person_around_end.html", customer, form=form, person=person)
