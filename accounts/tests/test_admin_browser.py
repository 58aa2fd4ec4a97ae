"""The administration and support-group pages in a real browser: they work with the real
Content Security Policy, and axe-core finds no serious accessibility problem."""

import os

from playwright.sync_api import expect

from accounts.personas import ORGANISATION
from core.testing.browser import assert_accessible, sign_in_in_browser, watch_for_page_errors

# Set HAVEN_SCREENSHOTS=/some/dir to keep a picture of each page for review.
SCREENSHOTS = os.environ.get("HAVEN_SCREENSHOTS")


def _look(page, where: str) -> None:
    assert_accessible(page, where)
    if SCREENSHOTS:
        page.screenshot(path=os.path.join(SCREENSHOTS, f"{where.replace(' ', '-')}.png"), full_page=True)


def test_an_administrator_adds_a_member_of_staff_in_the_browser(page, live_server, ada, cara):
    problems = watch_for_page_errors(page)
    sign_in_in_browser(page, live_server.url, ada)

    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Administration").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Administration")
    _look(page, "administration home")

    page.get_by_role("link", name="Active staff").click()
    _look(page, "staff list")
    page.get_by_role("button", name="Add a member of staff").click()
    page.get_by_label("Username").fill("cara")
    page.get_by_label("First name").fill("Nia")
    page.get_by_label("Last name").fill("Evans")
    page.get_by_label("Caseworker or adviser").check()
    page.get_by_label("Team", exact=True).select_option(
        label=f"Contact Centre Team A, Newcastle Contact Centre ({ORGANISATION})"
    )
    page.get_by_label("Works from home").check()
    page.get_by_label("First password").fill("a-long-enough-first-password")
    page.get_by_role("button", name="Add").click()

    expect(page.locator(".govuk-error-summary")).to_be_focused()
    expect(page.locator("#id_username_1_error")).to_contain_text("That username is already taken")
    expect(page.get_by_label("First name")).to_have_value("Nia")
    _look(page, "add staff with an error")

    page.get_by_label("Username").fill("nia")
    page.get_by_label("First password").fill("a-long-enough-first-password")
    page.get_by_role("button", name="Add").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("Nia Evans's account has been created")
    _look(page, "staff detail")

    page.get_by_role("link", name="Deactivate their account").click()
    _look(page, "deactivate confirmation")
    page.get_by_role("button", name="Deactivate account").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("has been deactivated")
    assert problems == []


def test_the_organisation_pages_work_in_the_browser(page, live_server, ada):
    problems = watch_for_page_errors(page)
    sign_in_in_browser(page, live_server.url, ada)
    page.goto(f"{live_server.url}/staff/admin/offices/new")
    page.get_by_role("button", name="Add office").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select the nation the office is in")
    _look(page, "add office with errors")
    for section in ("organisations", "regions", "offices", "teams", "support-groups"):
        page.goto(f"{live_server.url}/staff/admin/{section}")
        _look(page, f"{section} list")
    assert problems == []


def test_a_home_based_worker_joins_a_support_group_in_the_browser(page, live_server, hana):
    problems = watch_for_page_errors(page)
    sign_in_in_browser(page, live_server.url, hana)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Support group").click()
    _look(page, "support group today")
    page.get_by_label("Home-working support group").check()
    page.get_by_role("button", name="Join support group").click()
    expect(page.locator("#current-group")).to_contain_text("Today you are in Home-working support group")
    assert problems == []
