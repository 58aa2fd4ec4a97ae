"""In a real browser: after a DA Plan call, the caseworker completes the contact notes the
plan lists, box by box, and downloads them as a PDF for her line manager."""

import io

from playwright.sync_api import expect
from pypdf import PdfReader

from core.testing.browser import assert_accessible, sign_in_in_browser, watch_for_page_errors
from disclosures.tests.helpers import customer_at_risk
from incidents.models import IncidentRecord
from incidents.tests.followup_helpers import da_plan_reviewed
from incidents.tests.test_records_services import DA_CONTACT_NOTES


def test_the_worker_completes_the_contact_notes_and_downloads_the_pdf(page, live_server, cara):
    incident = da_plan_reviewed(cara, customer_at_risk(cara))
    problems = watch_for_page_errors(page)
    sign_in_in_browser(page, live_server.url, cara)

    page.goto(f"{live_server.url}/incidents/{incident.pk}/follow-up")
    expect(page.get_by_role("heading", level=1)).to_have_text("What follows the incident")
    expect(page.locator("#followup-eap")).to_contain_text("0808 169 1111")
    assert_accessible(page, "incident follow-up page")
    page.get_by_role("link", name="Contact notes for the customer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Contact notes for the customer")

    page.get_by_role("button", name="Complete the record").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_accessible(page, "contact notes with errors")
    for index, label in enumerate(DA_CONTACT_NOTES):
        page.get_by_label(label).fill(f"Written in the browser, box {index + 1}")
    page.get_by_role("button", name="Complete the record").click()

    expect(page.get_by_text("Contact notes for the customer: completed")).to_be_visible()
    expect(page.locator("#record-contact-notes-status")).to_have_text("Completed")
    with page.expect_download() as download:
        page.locator("#followup-records").get_by_role("link", name="Download as PDF").click()
    assert download.value.suggested_filename == f"{incident.reference}-contact-notes-v2.pdf"
    with open(download.value.path(), "rb") as content:
        text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content.read())).pages)
    text = " ".join(text.split())
    for index, label in enumerate(DA_CONTACT_NOTES):
        assert " ".join(label.split()) in text
        assert f"Written in the browser, box {index + 1}" in text
    assert IncidentRecord.objects.get().completed_by == cara
    assert [problem for problem in problems if "/pdf" not in problem] == []
