"""Finding and opening a customer in a real browser: it works under the real Content
Security Policy, and axe-core finds no serious accessibility problem on the way."""

import os

from playwright.sync_api import expect

from audit.models import AuditEvent
from core.testing.browser import assert_accessible, sign_in_in_browser, watch_for_page_errors
from people.tests.factories import make_customer
from people.tests.record_helpers import customer_with_needs

# Set HAVEN_SCREENSHOTS=/some/dir to keep a picture of each page for review.
SCREENSHOTS = os.environ.get("HAVEN_SCREENSHOTS")


def _look(page, where: str) -> None:
    assert_accessible(page, where)
    if SCREENSHOTS:
        page.screenshot(path=os.path.join(SCREENSHOTS, f"{where.replace(' ', '-')}.png"), full_page=True)


def test_a_caseworker_searches_opens_a_record_and_adds_a_customer_in_the_browser(page, live_server, cara):
    customer = customer_with_needs(cara)
    make_customer(cara, given_names="Peter", family_name="Okafor", ni_number="CE654321A")
    problems = watch_for_page_errors(page)
    sign_in_in_browser(page, live_server.url, cara)

    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Customers").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Find a customer")
    page.get_by_label("Search for a customer").fill("31/02/1990")
    page.get_by_role("button", name="Search").click()
    expect(page.locator(".govuk-error-summary")).to_be_focused()
    expect(page.get_by_label("Search for a customer")).to_have_value("31/02/1990")
    _look(page, "search page with a problem")

    page.get_by_label("Search for a customer").fill("jonson")
    page.get_by_role("button", name="Search").click()
    expect(page.locator("#search-results tbody tr")).to_have_count(1)
    _look(page, "search results")

    page.get_by_role("link", name="Jane Johnson").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Jane Johnson")
    expect(page.locator("#customer-banner")).to_contain_text("DOMESTIC ABUSE RISK")
    expect(page.locator("#customer-banner")).to_contain_text("Do not disclose address")
    _look(page, "customer record")
    assert AuditEvent.objects.filter(action="customer.viewed", actor=cara, target_id=str(customer.pk)).count() == 1

    page.get_by_role("link", name="Change identity and contact details").click()
    expect(page.get_by_label("Day")).to_have_value("14")
    _look(page, "edit identity")

    page.goto(f"{live_server.url}/customers/new")
    page.get_by_label("First names").fill("Pete")
    page.get_by_label("Last name").fill("Okafor")
    page.get_by_label("National Insurance number").fill("CE 65 43 21 A")
    page.get_by_label("Scotland").check()
    page.get_by_role("button", name="Add customer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Is this the same person?")
    _look(page, "is this the same person")
    page.get_by_role("button", name="No, this is a new person").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("Pete Okafor has been added")
    expect(page.locator("#identity")).to_contain_text("Scotland")
    assert problems == []
