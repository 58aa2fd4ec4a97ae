"""The token form in a real browser: crispy-forms-gds's markup under the real Content
Security Policy, the error summary taking focus and each link moving to its box, and no
serious axe-core finding."""

from django.urls import reverse
from playwright.sync_api import expect

from core.testing.browser import assert_accessible, sign_in_in_browser, watch_for_page_errors


def test_a_caseworker_corrects_a_half_typed_expiry_date_from_the_error_summary(page, live_server, cara):
    problems = watch_for_page_errors(page)
    sign_in_in_browser(page, live_server.url, cara)
    page.goto(live_server.url + reverse("api_tokens:create"))
    assert_accessible(page, "create token page")

    page.get_by_label("Name").fill("Weekly report script")
    page.get_by_label("Day").fill("31")
    page.get_by_role("button", name="Create token").click()

    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("The expiry date must include a month and year")
    expect(page.locator("#id_expires_1_error")).to_contain_text("The expiry date must include a month and year")
    expect(page.get_by_label("Name")).to_have_value("Weekly report script")
    expect(page.get_by_label("Day")).to_have_value("31")
    assert_accessible(page, "create token page with an error")

    summary.get_by_role("link", name="The expiry date must include a month and year").click()
    expect(page.get_by_label("Month")).to_be_focused()
    page.get_by_label("Month").fill("12")
    page.get_by_label("Year").fill("2099")
    page.get_by_role("button", name="Create token").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Token created")
    expect(page.locator("#api-token")).not_to_be_empty()
    assert problems == []
