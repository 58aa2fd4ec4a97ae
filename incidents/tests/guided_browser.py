"""Driving the guided screen in a real browser as a worker does, for the end-to-end tests:
sign in in a context of one's own, answer the step in front of you (from the keyboard
where a person would: Enter on a radio, Ctrl+Enter in a text box, Enter on "Done"), and
wait for the next step to arrive before going on.

    context, page, problems = signed_in(browser, server, cara)
    answer(page, "Are you safe at the moment?", choose="Not safe at the moment")
    answer(page, "Take the statement seriously", done=True)
"""

import re

from playwright.sync_api import expect

from core.testing.browser import sign_in_in_browser, watch_for_page_errors

STEP = "#incident-step"


def signed_in(browser, server, user):
    context = browser.new_context()
    page = context.new_page()
    problems = watch_for_page_errors(page)
    sign_in_in_browser(page, server.url, user)
    return context, page, problems


def real_problems(problems: list[str]) -> list[str]:
    """Problems, less the requests a page's navigation ends: its event streams (always
    open, so always aborted when the page is left), a read of the waiting alerts or of
    the incident's state or partner status in flight, a script still loading when the
    page was left (a reload, a link followed at once), and a PDF download (never rendered)."""
    ended = ("/incidents/events/", "/incidents/alerts/waiting", "/state", "/partner-status", "/static/", "/pdf")
    return [p for p in problems if not (any(url in p for url in ended) and "ERR_ABORTED" in p)]


def _arrived(page, version: str) -> None:
    expect(page.locator(STEP)).not_to_have_attribute("data-version", version, timeout=10000)
    page.wait_for_function("document.activeElement && document.activeElement.closest('#incident-step')")


def answer(
    page,
    text: str,
    *,
    choose: str | None = None,
    fill: str | None = None,
    postcode: str | None = None,
    role: str | None = None,
    reason: str | None = None,
    done: bool = False,
    told: bool = False,
) -> None:
    """Answers the step showing `text`, then waits for the next one. A choice is picked
    with a click and sent with Enter; a text answer with Ctrl+Enter; an instruction or a
    piece of information with Enter on its focused button."""
    step = page.locator(STEP)
    expect(step).to_contain_text(text, timeout=10000)
    version = step.get_attribute("data-version")
    if done or told:
        button = step.get_by_role("button", name="Done" if done else "Told them")
        expect(button).to_be_focused()
        page.keyboard.press("Enter")
        _arrived(page, version)
        return
    if role is not None:
        step.get_by_label(role, exact=True).check()
    if reason is not None:
        step.get_by_label("The reason for the decision").fill(reason)
    if postcode is not None:
        step.get_by_label("Postcode (optional)").fill(postcode)
    if fill is not None:
        box = step.locator("[name=answer]")
        box.fill(fill)
        if box.evaluate("element => element.tagName") == "TEXTAREA":
            box.press("Control+Enter")
        else:
            box.press("Enter")
    else:
        radio = step.get_by_label(choose, exact=True)
        radio.check()
        radio.press("Enter")
    _arrived(page, version)


def following(page, worker_name: str, text: str) -> None:
    """A follower's screen shows the worker on the step with `text`, read-only."""
    step = page.locator(STEP)
    expect(step).to_contain_text(f"{worker_name} is on this step:", timeout=5000)
    expect(step.locator("[data-step-text]")).to_contain_text(re.compile(re.escape(text)), timeout=5000)
