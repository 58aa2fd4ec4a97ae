"""The protocol review pages in a real browser: they work under the real Content Security
Policy (no script of their own), the "leads to" links jump to their step, and axe-core
finds no serious accessibility problem."""

import os
import re

from playwright.sync_api import expect

from core.testing.browser import assert_accessible, sign_in_in_browser, watch_for_page_errors

# Set HAVEN_SCREENSHOTS=/some/dir to keep a picture of each page for review.
SCREENSHOTS = os.environ.get("HAVEN_SCREENSHOTS")


def _look(page, where: str) -> None:
    assert_accessible(page, where)
    if SCREENSHOTS:
        page.screenshot(path=os.path.join(SCREENSHOTS, f"{where.replace(' ', '-')}.png"), full_page=True)


def test_a_safeguarding_lead_reviews_and_compares_protocols_in_the_browser(page, live_server, sam, review_root):
    problems = watch_for_page_errors(page)
    sign_in_in_browser(page, live_server.url, sam)

    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Protocols").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Protocols")
    expect(page.get_by_text("Step 'ask' goes to 'nowhere'")).to_be_visible()
    _look(page, "protocol list")

    page.get_by_role("link", name="Version 2022-03-10 of The Domestic Abuse (DA) Plan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("The Domestic Abuse (DA) Plan")
    _look(page, "protocol version")

    opening = page.locator("#step-safe-now")
    opening.get_by_role("link", name=re.compile(r"^Step 2: Take the statement seriously")).first.click()
    expect(page).to_have_url(re.compile(r"#step-a-take-seriously$"))
    expect(page.locator("#step-a-take-seriously")).to_be_in_viewport()

    page.get_by_role("link", name="Compare version 2022-03-10 with version 2099-01-01").click()
    expect(page.get_by_role("heading", name="Changed steps")).to_be_visible()
    _look(page, "protocol comparison")

    page.goto(f"{live_server.url}/protocols/domestic-abuse/compare?from=1999&to=2022-03-10")
    expect(page.locator(".govuk-error-summary")).to_contain_text("There is no version ‘1999’")
    _look(page, "protocol comparison with a problem")
    assert problems == []
