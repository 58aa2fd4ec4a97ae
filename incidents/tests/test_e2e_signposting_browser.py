"""Issue 6's side panel on issue 8's guided screen, in a real browser: during a DA Plan
Section C run, the worker searches the directory, chooses organisations and gives the
customer the list (printed, then by a channel the record marks as safe) without leaving
the guided screen; the step stays where it was, and each list given names the incident."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from core.testing.browser import assert_accessible, sign_in_in_browser, watch_for_page_errors
from directory import notify
from directory.models import SignpostSend
from directory.tests.helpers import customer_safe_by, seed
from incidents.tests.guided_browser import STEP, answer
from incidents.tests.helpers import start_da_plan

pytestmark = pytest.mark.django_db(transaction=True)
LIVE_FEAR_FREE = "Live Fear Free Helpline (Wales) · 0808 80 10 800"


@pytest.fixture
def gateway():
    fake = notify.FakeGateway()
    notify.use_gateway(fake)
    yield fake
    notify.use_gateway(None)


def test_the_side_panel_gives_the_list_during_section_c_without_leaving_the_guided_screen(
    page, live_server, cara, sam, gateway
):
    seed(sam)
    customer = customer_safe_by(cara, text=True, nation="wales", postcode="CF10 1EP")
    incident = start_da_plan(cara, customer)
    problems = watch_for_page_errors(page)
    sign_in_in_browser(page, live_server.url, cara)
    page.goto(f"{live_server.url}{reverse('incidents:guided', args=[incident.pk])}")
    answer(page, "Are you safe at the moment?", choose="Safe")
    step = page.locator(STEP)
    expect(step).to_contain_text("Where does the customer live?")
    version = step.get_attribute("data-version")
    page.evaluate("window.stillHere = true")  # gone if the browser loads another page

    panel = page.locator("#signposting-panel")
    expect(panel).to_contain_text("Live Fear Free Helpline (Wales)")
    panel.get_by_label("Postcode").fill("cf10 1ep")
    panel.get_by_role("button", name="Search the directory").click()
    expect(panel).not_to_have_attribute("aria-busy", "true")  # the fresh panel is in
    expect(panel.locator("#signposting-summary")).to_contain_text("for Wales, CF10 1EP")
    assert_accessible(page, "guided screen with the side panel's results")
    panel.get_by_label(LIVE_FEAR_FREE, exact=False).check()
    panel.get_by_label("Galop", exact=False).first.check()
    panel.get_by_label("Printed and handed over").check()
    panel.get_by_role("button", name="Give the customer this list").click()
    expect(panel).not_to_have_attribute("aria-busy", "true")  # the fresh panel is in
    expect(panel.locator(".govuk-notification-banner--success")).to_contain_text("The list is ready to print.")
    expect(panel.get_by_role("link", name="Print the list")).to_be_visible()
    printed = SignpostSend.objects.get()
    assert (printed.channel, printed.incident) == ("print", incident)
    assert "Live Fear Free Helpline (Wales)" in printed.entry_names
    assert "Galop" in printed.entry_names

    # Again, by text message (her record marks it safe): also linked to the incident.
    panel.get_by_role("button", name="Search the directory").click()
    expect(panel).not_to_have_attribute("aria-busy", "true")  # the fresh panel is in
    expect(panel.locator("#signposting-summary")).to_contain_text("for Wales")
    panel.get_by_label(LIVE_FEAR_FREE, exact=False).check()
    panel.get_by_label("Text message").check()
    panel.get_by_role("button", name="Give the customer this list").click()
    expect(panel).not_to_have_attribute("aria-busy", "true")  # the fresh panel is in
    expect(panel.locator(".govuk-notification-banner--success")).to_contain_text("The list was sent by text message")
    expect(panel.locator("#signposting-sends")).to_contain_text("Text message by Cara Okafor")
    assert [send.incident for send in SignpostSend.objects.order_by("pk")] == [incident, incident]
    assert [message.channel for message in gateway.sent] == ["text"]

    # The guided screen never went anywhere: the same step, at the same version, answerable.
    assert page.evaluate("window.stillHere") is True
    expect(step).to_have_attribute("data-version", version)
    expect(step).to_contain_text("Where does the customer live?")
    step.get_by_label("Wales", exact=True).focus()
    answer(page, "Where does the customer live?", choose="Wales")
    expect(page.locator("#incident-summary")).to_contain_text("Wales")

    # The plan's signposting is a to-do; a list given from the panel ticks it off, live.
    answer(page, "If the abuse is ongoing but is not an emergency", told=True)
    to_do = page.locator('#incident-actions [data-action-kind="signpost"]')
    expect(to_do).to_have_count(1)
    panel.get_by_label(LIVE_FEAR_FREE, exact=False).check()
    panel.get_by_label("Printed and handed over").check()
    panel.get_by_role("button", name="Give the customer this list").click()
    expect(panel).not_to_have_attribute("aria-busy", "true")  # the fresh panel is in
    expect(to_do).to_have_count(0)  # without waiting for the screen's next poll
    assert set(incident.actions.filter(kind="signpost").values_list("state", flat=True)) == {"done"}
    assert problems == []
