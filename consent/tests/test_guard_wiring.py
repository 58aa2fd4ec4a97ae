"""The credential guard on every existing free-text input of Haven: the page shows the
message beside the field keeping what was typed, and the service (which the API and
commands call) refuses the same text, so nothing can go round the page."""

import pytest
from django.urls import reverse

from accounts import services as accounts_services
from accounts.models import SupportGroup
from api import services as api_services
from consent.guard import MESSAGE, NoCredentials, no_credentials
from core.errors import InvalidInput
from people import services, services_access, services_markers, services_people_around
from people.models import MarkerType, PersonAround, SafeContact
from people.tests.factories import make_customer
from work import services as work_services
from work.tests.helpers import make_task

SECRET = "her password is Sunshine1"


@pytest.fixture
def customer(cara):
    return make_customer(cara)


def _refused(call, field: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        call()
    assert caught.value.errors[field] == MESSAGE


def test_the_message_says_haven_never_stores_passwords_or_security_answers():
    assert "password, PIN, memorable word or security answer" in MESSAGE
    assert "Haven never stores them" in MESSAGE
    assert NoCredentials() == no_credentials


def test_the_safe_contact_page_shows_the_message_beside_the_note_and_keeps_it(sign_in, cara, customer):
    version = SafeContact.objects.get(customer=customer).version
    answers = {"version": str(version), "safe_to_call": "yes", "safe_to_text": "no", "safe_to_email": "no"}
    answers |= {"safe_to_write": "no", "note": SECRET}

    page = sign_in(cara).post(reverse("people:safe_contact", args=[customer.pk]), answers).content.decode()

    assert "There is a problem" in page
    assert "Haven never stores them" in page
    assert f"{SECRET}</textarea>" in page
    assert not SafeContact.objects.get(customer=customer).note


def test_the_task_page_refuses_a_pin_in_what_was_done(sign_in, cara, tom):
    task = make_task(actor=tom, assignee=cara)
    response = sign_in(cara).post(
        reverse("work:task_complete", args=[task.pk]),
        {"complete-outcome": "Called back, PIN is 4821", "complete-version": 1},
    )
    assert "Haven never stores them" in response.content.decode()
    task.refresh_from_db()
    assert task.outcome == ""


def test_customer_services_refuse_credentials_in_every_free_text_field(cara, customer):
    version = SafeContact.objects.get(customer=customer).version
    _refused(lambda: services.safe_contact_update(actor=cara, customer=customer, version=version, note=SECRET), "note")
    _refused(
        lambda: services.customer_update(
            actor=cara, customer=customer, version=customer.version, address_line_2=SECRET
        ),
        "address_line_2",
    )
    marker_type = MarkerType.objects.get(code="domestic-abuse-risk")
    _refused(
        lambda: services_markers.marker_add(actor=cara, customer=customer, marker_type=marker_type, reason=SECRET),
        "reason",
    )
    _refused(
        lambda: services_people_around.person_around_add(
            actor=cara, customer=customer, role=PersonAround.Role.REPRESENTATIVE, name="Amy", notes="pw: Fluffy2019"
        ),
        "notes",
    )
    assert not PersonAround.objects.exists()


def test_break_glass_refuses_a_credential_in_its_reason(cara, tom, customer):
    services_access.customer_restrict(actor=tom, customer=customer, restricted=True)
    _refused(
        lambda: services_access.break_glass(actor=cara, customer=customer, reason="Her memorable word is rainbow"),
        "reason",
    )


def test_task_services_refuse_credentials_in_outcomes_and_reasons(cara, tom):
    task = make_task(actor=tom, assignee=cara)
    _refused(lambda: work_services.task_complete(actor=cara, task=task, outcome=SECRET), "outcome")
    _refused(lambda: work_services.task_cancel(actor=tom, task=task, reason=SECRET), "reason")
    _refused(lambda: make_task(actor=tom, assignee=cara, description="Security answer: Rex"), "description")


def test_staff_and_token_services_refuse_credentials(ada, cara, demo_teams):
    organisation = cara.organisation
    _refused(
        lambda: accounts_services.support_group_create(
            actor=ada, organisation=organisation, name="Morning group", description="Shared pw: group2024"
        ),
        "description",
    )
    assert not SupportGroup.objects.filter(name="Morning group").exists()
    _refused(lambda: api_services.api_token_create(actor=cara, name="PIN 4821 script"), "name")


def test_ordinary_notes_about_passwords_still_save(cara, customer):
    version = SafeContact.objects.get(customer=customer).version
    note = "Customer forgot her password and was locked out; advised her to reset it herself"
    saved = services.safe_contact_update(actor=cara, customer=customer, version=version, note=note)
    assert saved.note == note
