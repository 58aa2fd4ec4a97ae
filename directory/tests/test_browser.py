"""The side panel in a real browser, under the real Content Security Policy: searching and
sending never leave the page it is on, an unsafe channel is refused with the reason, and
axe-core finds no serious problem on the directory pages.

Here the panel is on the customer's record; the same journey on the guided incident
screen, during a DA Plan Section C run, is incidents/tests/test_e2e_signposting_browser.py."""

import os

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from core.testing.browser import assert_accessible, sign_in_in_browser, watch_for_page_errors
from directory import notify
from directory.models import Entry, SignpostSend
from directory.tests.helpers import customer_safe_by, seed

SCREENSHOTS = os.environ.get("HAVEN_SCREENSHOTS")


def _look(page, where: str) -> None:
    assert_accessible(page, where)
    if SCREENSHOTS:
        page.screenshot(path=os.path.join(SCREENSHOTS, f"{where.replace(' ', '-')}.png"), full_page=True)


@pytest.fixture
def gateway():
    fake = notify.FakeGateway()
    notify.use_gateway(fake)
    yield fake
    notify.use_gateway(None)


def test_the_side_panel_finds_and_sends_help_without_leaving_the_customers_record(
    page, live_server, cara, sam, gateway
):
    seed(sam)
    customer = customer_safe_by(cara, text=True, by_email=False, nation="wales", postcode="CF10 1EP")
    problems = watch_for_page_errors(page)
    sign_in_in_browser(page, live_server.url, cara)
    page.goto(f"{live_server.url}{reverse('people:record', args=[customer.pk])}")
    panel = page.locator("#signposting-panel")
    expect(panel).to_contain_text("Live Fear Free Helpline (Wales)")
    page.evaluate("window.stillHere = true")  # gone if the browser loads another page

    panel.get_by_label("Need").select_option("domestic-abuse")
    panel.get_by_label("Postcode").fill("cf10 1ep")
    panel.get_by_role("button", name="Search the directory").click()
    expect(panel).not_to_have_attribute("aria-busy", "true")  # the fresh panel is in
    expect(panel.locator("#signposting-summary")).to_contain_text("for Wales, CF10 1EP")
    expect(panel).not_to_contain_text("National Domestic Violence Helpline (England)")
    _look(page, "customer record with the side panel")

    panel.get_by_label("Postcode").fill("ZZ")
    panel.get_by_role("button", name="Search the directory").click()
    expect(panel).not_to_have_attribute("aria-busy", "true")  # the fresh panel is in
    expect(panel.locator(".govuk-error-summary")).to_contain_text("Enter a real postcode, like CF10 1EP")
    expect(panel.get_by_label("Postcode")).to_have_value("ZZ")
    panel.get_by_label("Postcode").fill("")
    panel.get_by_role("button", name="Search the directory").click()
    expect(panel).not_to_have_attribute("aria-busy", "true")  # the fresh panel is in

    panel.get_by_label("Live Fear Free Helpline (Wales) · 0808 80 10 800", exact=False).check()
    panel.get_by_label("Email").check()
    panel.get_by_role("button", name="Give the customer this list").click()
    expect(panel).not_to_have_attribute("aria-busy", "true")  # the fresh panel is in
    expect(panel.locator(".govuk-error-summary")).to_contain_text(
        "The customer's record does not say it is safe to contact them by email."
    )
    assert not SignpostSend.objects.exists()
    assert gateway.sent == []

    panel.get_by_label("Text message").check()
    panel.get_by_role("button", name="Give the customer this list").click()
    expect(panel).not_to_have_attribute("aria-busy", "true")  # the fresh panel is in
    expect(panel.locator(".govuk-notification-banner--success")).to_contain_text("The list was sent by text message")
    expect(panel.locator("#signposting-sends")).to_contain_text("Live Fear Free Helpline (Wales)")
    assert page.evaluate("window.stillHere") is True
    assert [message.channel for message in gateway.sent] == ["text"]
    assert problems == []


def test_the_directory_pages_pass_the_accessibility_check(page, live_server, tom, sam):
    seed(sam)
    galop = Entry.objects.get(name="Galop")
    problems = watch_for_page_errors(page)
    sign_in_in_browser(page, live_server.url, tom)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Find help").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Find help")
    page.get_by_label("Need").select_option("staff-wellbeing")
    page.get_by_role("button", name="Search the directory").click()
    expect(page.locator("#signposting-list")).to_contain_text("PAM Assist")
    _look(page, "directory search")

    page.goto(f"{live_server.url}{reverse('directory:entry', args=[galop.pk])}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Galop")
    _look(page, "directory entry")

    page.goto(f"{live_server.url}{reverse('directory:entry_add')}")
    page.get_by_role("button", name="Add entry").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the organisation's name")
    _look(page, "add directory entry with problems")

    page.goto(f"{live_server.url}{reverse('directory:import')}")
    _look(page, "directory import")
    assert problems == []
