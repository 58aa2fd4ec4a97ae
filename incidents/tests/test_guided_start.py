"""Starting an incident from the customer's record (two clicks), for a caller not yet
identified, Haven's proposal as the worker types, the list, and linking the customer later."""

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from core.testing.html import elements
from disclosures.tests.helpers import customer_at_risk
from incidents.models import Incident
from incidents.runs import run_of
from incidents.tests.helpers import start_da_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def customer(cara):
    return customer_at_risk(cara)


def _checked_channel(page: str) -> list[str]:
    return [e["value"] for e in elements(page, name="channel") if "checked" in e]


def test_the_customer_record_has_a_start_an_incident_button_that_leads_to_the_start_page(sign_in, cara, customer):
    page = sign_in(cara).get(reverse("people:record", args=[customer.pk])).content.decode()
    start = reverse("incidents:start_for_customer", args=[customer.pk])
    assert f'href="{start}"' in page
    assert "Start an incident" in page


def test_the_start_page_offers_every_channel_with_telephone_chosen_and_the_proposal_first(sign_in, cara, customer):
    response = sign_in(cara).get(reverse("incidents:start_for_customer", args=[customer.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert len(elements(page, name="channel")) == 8
    assert _checked_channel(page) == ["telephone"]
    plans = [e for e in elements(page, name="protocol") if e["tag"] == "button"]
    # The customer has a DOMESTIC ABUSE RISK marker: the DA Plan is proposed, as the primary button.
    assert plans[0]["value"] == "domestic-abuse"
    assert plans[0]["class"] == "govuk-button"
    assert all("govuk-button--secondary" in plan["class"] for plan in plans[1:])
    assert "The customer&#x27;s markers" in page


def test_a_home_based_worker_starts_with_telephone_working_from_home_chosen(sign_in, hana, cara, customer):
    page = sign_in(hana).get(reverse("incidents:start_for_customer", args=[customer.pk])).content.decode()
    assert _checked_channel(page) == ["home-working"]


def test_the_second_click_starts_the_plan_and_opens_the_guided_screen(sign_in, cara, customer):
    client = sign_in(cara)
    response = client.post(
        reverse("incidents:start_for_customer", args=[customer.pk]),
        {"channel": "face-to-face", "said": "He hits me when he drinks", "protocol": "domestic-abuse"},
    )
    incident = Incident.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("incidents:guided", args=[incident.pk])
    assert (incident.customer, incident.channel, incident.protocol_id) == (customer, "face-to-face", "domestic-abuse")
    assert incident.summary_text == "He hits me when he drinks"


@pytest.mark.parametrize(
    ("channel", "answered", "next_step"),
    [
        ("home-visit", "home-visit", "visit-take-seriously"),
        ("telephone", "office", "take-seriously"),
        ("journal-or-email", "in-writing", "written-specific"),
    ],
)
def test_the_six_point_plan_takes_its_channel_question_from_the_start_page(
    sign_in, cara, customer, channel, answered, next_step
):
    client = sign_in(cara)
    client.post(
        reverse("incidents:start_for_customer", args=[customer.pk]),
        {"channel": channel, "said": "I want to end it all", "protocol": "suicide-self-harm"},
    )
    incident = Incident.objects.get()
    run = run_of(incident)
    assert run.answers["channel"] == answered
    assert run.current == next_step == incident.current_step
    page = client.get(reverse("incidents:guided", args=[incident.pk])).content.decode()
    assert "How did the customer&#x27;s declaration reach you?" in page  # in the summary, with Change
    # The DA Plan opens with another question: nothing is answered for the worker there.
    assert not run_of(start_da_plan(cara, customer)).answers


def test_a_password_in_what_the_customer_said_is_refused_and_nothing_starts(sign_in, cara, customer):
    response = sign_in(cara).post(
        reverse("incidents:start_for_customer", args=[customer.pk]),
        {"channel": "telephone", "said": "my password is Hunter22!", "protocol": "domestic-abuse"},
    )
    assert response.status_code == 400
    assert "looks like a password" in response.content.decode()
    assert not Incident.objects.exists()


def test_the_proposal_follows_what_the_customer_said(sign_in, cara, customer):
    client = sign_in(cara)
    url = reverse("incidents:proposal")
    said = client.get(url, {"said": "I want to end it all", "channel": "telephone", "customer": customer.pk}).json()
    assert said["proposed"] == "suicide-self-harm"
    assert said["reason"] == 'They said "end it all"'
    assert [plan["id"] for plan in said["plans"]] == ["suicide-self-harm", "domestic-abuse", "threat-to-others"]
    nothing = client.get(url, {"said": "", "channel": "telephone"}).json()
    assert nothing["proposed"] is None


def test_a_caller_not_yet_identified_is_started_from_the_incidents_list_then_linked(sign_in, cara, customer):
    client = sign_in(cara)
    listing = client.get(reverse("incidents:list")).content.decode()
    assert f'href="{reverse("incidents:start")}"' in listing
    refused = client.post(reverse("incidents:start"), {"channel": "telephone", "protocol": "domestic-abuse"})
    assert refused.status_code == 400
    assert "Describe the caller" in refused.content.decode()
    client.post(
        reverse("incidents:start"),
        {"channel": "telephone", "caller_description": "Gave the name Sue", "protocol": "threat-to-others"},
    )
    incident = Incident.objects.get()
    assert incident.customer is None
    page = client.get(reverse("incidents:guided", args=[incident.pk])).content.decode()
    assert "Gave the name Sue" in page
    link = reverse("incidents:link", args=[incident.pk])
    found = client.get(link, {"query": customer.case_number}).content.decode()
    assert f'value="{customer.pk}"' in found
    response = client.post(link, {"customer": customer.pk, "version": incident.version})
    assert response.status_code == 302
    incident.refresh_from_db()
    assert incident.customer == customer
    assert AuditEvent.objects.filter(action="incident.customer_linked").count() == 1


def test_the_list_shows_the_workers_open_incidents_and_the_team_leaders_team(sign_in, cara, tom, nia, customer):
    incident = start_da_plan(cara, customer)
    assert incident.reference in sign_in(cara).get(reverse("incidents:list")).content.decode()
    assert incident.reference in sign_in(tom).get(reverse("incidents:list")).content.decode()
    assert incident.reference not in sign_in(nia).get(reverse("incidents:list")).content.decode()


def test_incidents_is_in_the_navigation(sign_in, cara):
    page = sign_in(cara).get("/").content.decode()
    assert f'href="{reverse("incidents:list")}"' in page
