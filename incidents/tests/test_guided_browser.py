"""The guided screen in a real browser, under the real Content Security Policy: starting
from the customer's record in two clicks, walking the DA Plan's Section C from the
keyboard alone, the proposal following what is typed, and the crash test (a note saved,
more typed, the page killed: reopening brings the note back and offers the rest)."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from core.testing.browser import assert_accessible, sign_in_in_browser, watch_for_page_errors
from disclosures.tests.helpers import customer_at_risk
from incidents.models import Incident, IncidentNote
from incidents.runs import run_of
from incidents.selectors import latest_notes
from incidents.tests.helpers import start_da_plan

pytestmark = pytest.mark.django_db(transaction=True)


def _focused(page) -> str:
    return page.evaluate(
        "document.activeElement && (document.activeElement.value || document.activeElement.textContent || '').trim()"
    )


def _by_keyboard(page, *keys: str) -> None:
    """Presses keys on the focused step control, then waits for the next step to arrive."""
    page.wait_for_function("document.activeElement && document.activeElement.closest('#incident-step')")
    version = page.locator("#incident-step").get_attribute("data-version")
    for key in keys:
        page.keyboard.press(key)
    expect(page.locator("#incident-step")).not_to_have_attribute("data-version", version)
    page.wait_for_function("document.activeElement && document.activeElement.closest('#incident-step')")


def test_two_clicks_from_the_customer_then_section_c_by_keyboard_alone(page, live_server, cara):
    customer = customer_at_risk(cara)
    problems = watch_for_page_errors(page)
    sign_in_in_browser(page, live_server.url, cara)
    page.goto(f"{live_server.url}{reverse('people:record', args=[customer.pk])}")

    page.get_by_role("button", name="Start an incident").click()  # click 1
    expect(page.get_by_role("heading", level=1)).to_have_text("Start an incident")
    page.wait_for_load_state()
    expect(page.get_by_label("Telephone", exact=True)).to_be_checked()
    said = page.get_by_label("What did the customer say? (optional)")
    said.fill("I can't go on, I want to end it all")
    # The server proposes again as the worker types: the Six Point Plan comes first.
    expect(page.locator("#incident-plans .govuk-button").first).to_have_text("Start the Six Point Plan")
    said.fill("He hits me when he has been drinking")
    expect(page.locator("#incident-plans .govuk-button").first).to_have_text("Start the DA Plan")
    assert_accessible(page, "start page")
    page.locator("#incident-plans .govuk-button").first.click()  # click 2

    expect(page).to_have_url(re.compile(r"/incidents/\d+/$"))
    incident = Incident.objects.get()
    expect(page.locator("#incident-step")).to_contain_text("Are you safe at the moment?")
    expect(page.locator("#incident-guidance")).to_contain_text("Handle every report of domestic abuse sensitively")
    assert_accessible(page, "guided screen")
    # Focus is on the step's first control; arrows choose, Space picks, Enter answers.
    _by_keyboard(page, "ArrowDown", "ArrowDown", "ArrowDown", "Enter")  # Safe
    expect(page.locator("#incident-summary")).to_contain_text("Safe")
    expect(page.locator("#incident-step")).to_contain_text("Where does the customer live?")
    _by_keyboard(page, "Space", "Enter")  # England
    while page.locator("#incident-step").get_by_role("button", name="Told them").count():
        assert _focused(page) == "Told them"
        _by_keyboard(page, "Enter")
    expect(page.locator("#incident-step")).to_contain_text("Would you like us to send you a message")
    _by_keyboard(page, "ArrowDown", "Enter")  # No
    expect(page.get_by_role("button", name="Close the incident")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#incident-step")).to_contain_text("This incident is closed")
    incident.refresh_from_db()
    assert incident.state == "closed"
    run = run_of(incident)
    assert run.answers["safe-now"] == "safe"
    assert run.answers["c-nation"] == "england"
    assert run.answers["c-send-list"] == "no"
    assert problems == []


def test_a_note_survives_the_page_being_killed_and_the_unsaved_text_is_offered_back(browser, live_server, cara):
    incident = start_da_plan(cara, customer_at_risk(cara))
    url = f"{live_server.url}{reverse('incidents:guided', args=[incident.pk])}"
    context = browser.new_context()
    page = context.new_page()
    problems = watch_for_page_errors(page)
    sign_in_in_browser(page, live_server.url, cara)
    page.goto(url)
    box = page.get_by_label("Your note")
    box.click()
    box.type("Customer is hiding in the bathroom.")
    expect(page.locator("#incident-note-status")).to_contain_text(re.compile(r"Saved \d\d:\d\d:\d\d"), timeout=8000)
    assert [note.text for note in latest_notes(incident)] == ["Customer is hiding in the bathroom."]
    # The connection drops, more is typed, and the page is killed before it can reach the
    # server again (its last-gasp save on closing fails too): the laptop died mid-call.
    context.set_offline(True)
    box.press("End")
    box.type(" Partner has the car keys.")
    expect(page.locator("#incident-note-status")).to_have_text("Not saved yet — kept on this computer")
    page.close()
    assert [note.text for note in latest_notes(incident)] == ["Customer is hiding in the bathroom."]
    assert all("request failed" in problem for problem in problems), problems

    context.set_offline(False)
    reopened = context.new_page()
    later_problems = watch_for_page_errors(reopened)
    reopened.goto(url)
    notes = reopened.locator("#incident-notes-list")
    expect(notes).to_contain_text("Customer is hiding in the bathroom.")
    offered = reopened.locator("#incident-notes-recovered")
    expect(offered).to_contain_text("You typed this but it was not saved:")
    expect(offered).to_contain_text("Customer is hiding in the bathroom. Partner has the car keys.")
    assert_accessible(reopened, "guided screen with a note offered back")
    offered.get_by_role("button", name="Save it now").click()
    expect(notes).to_contain_text("Partner has the car keys.")
    expect(offered).not_to_contain_text("You typed this")
    assert [note.text for note in latest_notes(incident)] == [
        "Customer is hiding in the bathroom. Partner has the car keys."
    ]
    assert IncidentNote.objects.filter(incident=incident).count() == 2  # two revisions of one entry
    reopened.reload()
    expect(reopened.locator("#incident-notes-recovered")).not_to_contain_text("You typed this")
    assert later_problems == []


def test_a_password_in_a_note_is_refused_beside_the_box_and_the_text_stays(page, live_server, cara):
    incident = start_da_plan(cara, customer_at_risk(cara))
    sign_in_in_browser(page, live_server.url, cara)
    page.goto(f"{live_server.url}{reverse('incidents:guided', args=[incident.pk])}")
    box = page.get_by_label("Your note")
    box.fill("Her password is Hunter22!")
    box.blur()
    expect(page.locator("#incident-note-error")).to_contain_text("looks like a password")
    expect(box).to_have_value("Her password is Hunter22!")
    assert not IncidentNote.objects.exists()
