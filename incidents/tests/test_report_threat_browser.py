"""In a real browser: Cara's DA Plan incident raised Report Threat; Tom, her team leader,
opens the checklist, ticks review, ownership and copying the notes, and finds the notes
in the customer's contact notes. axe-core checks each page."""

import re
import uuid

import time_machine
from playwright.sync_api import expect

from core.testing.browser import assert_accessible, sign_in_in_browser, watch_for_page_errors
from incidents.models import ReportThreat
from incidents.services_notes import note_save
from incidents.tests.emergency_walk import NOW, section_a
from people.tests.factories import make_customer
from work.models import TaskState


def test_the_team_leader_works_through_the_report_threat_checklist(page, live_server, cara, tom):
    customer = make_customer(cara)
    with time_machine.travel(NOW, tick=False):
        incident = section_a(cara, customer, until="rt-contact-notes")
    note_save(actor=cara, incident=incident, entry=uuid.uuid4(), revision=1, text="She whispered; he was shouting.")
    problems = watch_for_page_errors(page)
    sign_in_in_browser(page, live_server.url, tom)

    page.goto(f"{live_server.url}/incidents/{incident.pk}/report-threat")
    expect(page.get_by_role("heading", level=1)).to_have_text("Report Threat")
    expect(page.locator("#customer-banner")).to_contain_text("DOMESTIC ABUSE RISK")
    expect(page.locator("#report-threat")).to_contain_text("NP-2026-1234")
    assert_accessible(page, "report threat checklist")

    for label in (
        "Review the Report Threat activity for the customer",
        "Take primary ownership of it",
        "Copy the notes into the customer's contact notes",
    ):
        page.get_by_role("button", name=re.compile(f"^Tick.*{re.escape(label)}")).click()
        expect(page.locator(".govuk-notification-banner")).to_contain_text("Ticked")
    expect(page.locator("#all-done")).to_be_visible()
    assert ReportThreat.objects.get(incident=incident).task.state == TaskState.DONE
    assert_accessible(page, "report threat checklist done")

    page.goto(f"{live_server.url}/customers/{customer.pk}/contact-notes")
    expect(page.locator("#contact-notes")).to_contain_text("She whispered; he was shouting.")
    expect(page.locator("#contact-notes")).to_contain_text(f"Copied from incident {incident.reference}")
    assert_accessible(page, "contact notes")
    assert problems == []
