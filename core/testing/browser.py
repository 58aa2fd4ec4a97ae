"""Helpers for browser tests (pytest-playwright's `page` with pytest-django's `live_server`).

    from core.testing.browser import assert_accessible, sign_in_in_browser, watch_for_page_errors

    def test_something(page, live_server, cara):
        problems = watch_for_page_errors(page)
        sign_in_in_browser(page, live_server.url, cara)
        assert_accessible(page, "home page")
        assert problems == []

Browser tests run with the real Content Security Policy: nothing here bypasses it, so a
script or style the policy refuses shows up in `watch_for_page_errors`.
"""

import re

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from accounts.personas import DEMO_PASSWORD, current_code

# Impact levels that fail a test. "moderate" and "minor" findings are for review, not gates.
BLOCKING_IMPACTS = frozenset({"serious", "critical"})

_axe = Axe()


def serious_violations(page: Page) -> list[dict]:
    """axe-core's serious and critical findings on the page as it is now."""
    results = _axe.run(page)
    return [v for v in results.response["violations"] if v.get("impact") in BLOCKING_IMPACTS]


def describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        targets = ", ".join(str(node.get("target")) for node in violation.get("nodes", [])[:5])
        lines.append(f"[{violation['impact']}] {violation['id']}: {violation['help']} at {targets}")
    return "\n".join(lines)


def assert_accessible(page: Page, where: str) -> None:
    """Fails with a readable list if axe-core finds a serious or critical problem."""
    found = serious_violations(page)
    assert not found, f"Accessibility problems on the {where}:\n{describe(found)}"


def watch_for_page_errors(page: Page) -> list[str]:
    """Collects script errors, console errors (CSP refusals are reported there) and failed
    requests for the rest of the test. Assert the returned list is empty at the end."""
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(f"script error: {error}"))
    page.on(
        "console",
        lambda message: problems.append(f"console {message.type}: {message.text}") if message.type == "error" else None,
    )
    page.on("requestfailed", lambda request: problems.append(f"request failed: {request.url} {request.failure}"))
    return problems


def submit_password_in_browser(page: Page, base_url: str, user, password: str = DEMO_PASSWORD) -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def submit_code_in_browser(page: Page, user) -> None:
    page.get_by_label("Enter the code from your authenticator app").fill(current_code(user))
    page.get_by_role("button", name="Continue").click()


def sign_in_in_browser(page: Page, base_url: str, user, password: str = DEMO_PASSWORD) -> None:
    """Signs in as a person does: password, then the authenticator code. Ends on the home page."""
    submit_password_in_browser(page, base_url, user, password)
    expect(page).to_have_url(re.compile(r"/accounts/2fa/authenticate/$"))
    submit_code_in_browser(page, user)
    expect(page).to_have_url(f"{base_url}/")
