"""Signing in with a real browser, and axe-core's accessibility check of the pages on the way."""

import re
import time

from playwright.sync_api import expect

from core.testing.browser import (
    assert_accessible,
    sign_in_in_browser,
    submit_code_in_browser,
    submit_password_in_browser,
    watch_for_page_errors,
)


def test_a_caseworker_signs_in_with_password_and_authenticator_code_and_reaches_home(page, live_server, cara):
    problems = watch_for_page_errors(page)

    sign_in_in_browser(page, live_server.url, cara)

    expect(page.get_by_role("heading", level=1)).to_have_text("Haven")
    expect(page.get_by_text("Signed in as Cara Okafor")).to_be_visible()
    assert problems == []


def test_sign_in_mfa_home_and_account_pages_have_no_serious_accessibility_problems(page, live_server, cara):
    problems = watch_for_page_errors(page)

    submit_password_in_browser(page, live_server.url, cara, password="not-the-password")
    expect(page.get_by_text("There is a problem")).to_be_visible()
    assert_accessible(page, "sign-in page showing an error")

    submit_password_in_browser(page, live_server.url, cara)
    expect(page).to_have_url(re.compile(r"/accounts/2fa/authenticate/$"))
    assert_accessible(page, "authenticator code page")

    submit_code_in_browser(page, cara)
    expect(page).to_have_url(f"{live_server.url}/")
    assert_accessible(page, "home page")

    page.goto(f"{live_server.url}/staff/account")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your account")
    assert_accessible(page, "your account page")
    assert problems == []


def test_gov_uk_frontend_javascript_starts_in_the_browser(page, live_server, cara):
    problems = watch_for_page_errors(page)

    submit_password_in_browser(page, live_server.url, cara, password="not-the-password")

    # The error summary component takes focus once GOV.UK Frontend has started.
    expect(page.locator("body")).to_have_class(re.compile(r"\bgovuk-frontend-supported\b"))
    expect(page.locator(".govuk-error-summary")).to_be_focused()
    assert problems == []


def test_signing_out_in_the_browser_ends_the_session(page, live_server, cara):
    sign_in_in_browser(page, live_server.url, cara)

    page.get_by_role("button", name="Sign out").click()

    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    expect(page.get_by_text("You have signed out of Haven.")).to_be_visible()
    page.goto(f"{live_server.url}/staff/account")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/staff/account"))


def test_a_newcomer_sees_the_qr_code_under_the_content_security_policy_and_can_enrol(page, live_server, demo_teams):
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    from accounts import personas
    from core.system import system_actor

    spec = next(p for p in personas.PERSONAS if p.username == "hana")
    hana = personas.create_persona(spec, teams=demo_teams, actor=system_actor(), with_mfa=False)
    problems = watch_for_page_errors(page)

    submit_password_in_browser(page, live_server.url, hana)

    expect(page).to_have_url(re.compile(r"/accounts/2fa/totp/activate/$"))
    qr_code = page.get_by_role("img", name="QR code to set up Haven in your authenticator app")
    expect(qr_code).to_be_visible()
    assert qr_code.evaluate("image => image.complete && image.naturalWidth > 0")
    assert_accessible(page, "authenticator set-up page")

    page.get_by_text("I cannot scan the QR code").click()
    secret = page.locator("#authenticator-secret").inner_text().strip()
    code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
    page.get_by_label("Enter the 6-digit code the app shows").fill(code)
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Your recovery codes")
    expect(page.locator("#recovery-codes li")).to_have_count(10)
    assert_accessible(page, "recovery codes page")
    page.get_by_role("link", name="Continue to Haven").click()
    expect(page.get_by_text("Signed in as Hana Price")).to_be_visible()
    assert problems == []
