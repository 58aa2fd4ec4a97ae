"""In real browsers, two people at once, served over ASGI so events stream: Cara summons
a support partner; the alert appears on Nia's page, whichever page she has open; Nia
accepts and follows the incident live; nobody accepting sends the alert to Tom."""

import re
import time

from playwright.sync_api import expect

from core.testing.browser import assert_accessible, sign_in_in_browser, watch_for_page_errors
from disclosures.tests.helpers import customer_at_risk
from incidents import services_partner
from incidents.models import AlertState, Incident, SupportAlert
from incidents.services_notes import note_save
from incidents.tests.guided_browser import real_problems
from incidents.tests.helpers import start_da_plan, walk
from incidents.tests.partner_asgi import asgi_server  # noqa: F401  (fixture)

NOT_SAFE = {"safe-now": "not-safe-now"}
LISTEN = """() => {
  window.havenChanges = []
  document.addEventListener('haven:incident-changed', (event) => window.havenChanges.push(event.detail))
}"""


def _signed_in(browser, server, user):
    context = browser.new_context()
    page = context.new_page()
    problems = watch_for_page_errors(page)
    sign_in_in_browser(page, server.url, user)
    return context, page, problems


def _summoning(cara):
    incident = start_da_plan(cara, customer_at_risk(cara))
    return walk(incident, cara, NOT_SAFE, until="a-summon-partner")


def test_the_alert_reaches_the_partner_on_any_page_and_accepting_joins_and_follows_live(
    browser,
    asgi_server,  # noqa: F811
    cara,
    nia,
    hana,  # noqa: F811
):
    incident = _summoning(cara)
    nia_context, nia_page, problems = _signed_in(browser, asgi_server, nia)
    nia_page.goto(f"{asgi_server.url}/directory/")
    # Before she joins, the incident's stream is refused to her (as the incident is).
    refused = nia_context.request.get(f"{asgi_server.url}/incidents/events/incident/{incident.pk}/")
    assert refused.status == 404

    services_partner.alert_raise(actor=cara, incident=incident)
    banner = nia_page.locator(".haven-support-alert")
    expect(banner).to_contain_text("Cara Okafor needs a support partner now", timeout=5000)
    expect(banner).to_contain_text("not safe")
    assert_accessible(nia_page, "page with a support-partner alert")
    banner.get_by_role("button", name="Accept: Cara Okafor needs a support partner now", exact=False).click()
    expect(nia_page.locator(".govuk-notification-banner--success")).to_contain_text("You joined as Cara Okafor's")
    assert Incident.objects.get(pk=incident.pk).partner == nia

    # Hana's banner had gone: someone else joined.
    hana_context, hana_page, hana_problems = _signed_in(browser, asgi_server, hana)
    hana_page.goto(f"{asgi_server.url}/incidents/alerts/")
    expect(hana_page.get_by_text("No alerts are waiting for you.")).to_be_visible()

    # Nia is on the guided screen, which follows the incident itself: Cara's note appears
    # in Nia's notes without a reload, and the event said nothing of what was written.
    expect(nia_page.locator("#guided")).to_have_attribute("data-incident-events-url", re.compile("/incidents/events/"))
    nia_page.evaluate(LISTEN)
    saved = time.monotonic()
    note = note_save(
        actor=cara,
        incident=incident,
        entry="5d0f9a8e-1111-4c2b-9a51-7d3e0e6f2a01",
        revision=1,
        text="Customer says he has taken her keys.",
    )
    expect(nia_page.locator("#incident-notes-list")).to_contain_text(
        "Customer says he has taken her keys.", timeout=2000
    )
    assert time.monotonic() - saved < 2
    change = nia_page.evaluate("window.havenChanges.find((change) => change.kind === 'note')")
    assert set(change) == {"kind", "incident", "version", "note", "entry", "revision", "author"}
    assert change["note"] == note.pk
    nia_context.close()
    hana_context.close()
    assert real_problems(problems) == []
    assert real_problems(hana_problems) == []


def test_nobody_accepting_sends_the_alert_to_the_team_leader(browser, asgi_server, cara, nia, tom, settings):  # noqa: F811
    settings.HAVEN_SUPPORT_ALERT_ESCALATE_SECONDS = 2
    incident = _summoning(cara)
    tom_context, tom_page, problems = _signed_in(browser, asgi_server, tom)
    alert, _ = services_partner.alert_raise(actor=cara, incident=incident)
    # Not yet: the first alert goes to Cara's colleagues, not to the team leader.
    tom_page.wait_for_timeout(500)
    expect(tom_page.locator(".haven-support-alert")).to_have_count(0)
    time.sleep(2)
    assert services_partner.alerts_escalate_due() == 1
    expect(tom_page.locator(".haven-support-alert")).to_contain_text(
        "Cara Okafor needs a support partner now", timeout=5000
    )
    expect(tom_page.locator(".haven-support-alert")).to_contain_text("Nobody has accepted yet.")
    tom_page.locator(".haven-support-alert").get_by_role("button").click()
    alert = SupportAlert.objects.get(pk=alert.pk)
    assert alert.state == AlertState.ACCEPTED
    assert alert.accepted_by == tom
    tom_context.close()
    assert real_problems(problems) == []
