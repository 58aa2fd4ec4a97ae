"""The MR tracker in a real browser, under the real Content Security Policy: record an
MR from the customer's record, record its MRN, see the appeal deadline and reminders, and
record the appeal; and an MR lodged by an adviser under a form of authority, refused once
the client revokes it. axe-core finds no serious accessibility problem on any page.

The clock is not frozen here (the browser's cookies live in real time), so the dates are
relative to today and the expected deadlines come from work.deadlines."""

import datetime as dt

from django.utils import timezone
from playwright.sync_api import expect

from consent.models import AccessRecord
from consent.tests.factories import make_authority
from core.testing.browser import assert_accessible, sign_in_in_browser, watch_for_page_errors
from people.tests.factories import make_customer
from work import deadlines
from work.calendar import jurisdiction_for_nation
from work.models_appeals import MandatoryReconsideration


def _fill_date(page, prefix: str, day: dt.date) -> None:
    page.locator(f"#id_{prefix}_0").fill(str(day.day))
    page.locator(f"#id_{prefix}_1").fill(str(day.month))
    page.locator(f"#id_{prefix}_2").fill(str(day.year))


def _long(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def test_a_caseworker_tracks_an_mr_from_request_to_appeal_in_the_browser(page, live_server, cara):
    customer = make_customer(cara, nation="scotland")
    today = timezone.localdate()
    lodged_on, sent_on = today - dt.timedelta(days=9), today - dt.timedelta(days=2)
    problems = watch_for_page_errors(page)
    sign_in_in_browser(page, live_server.url, cara)

    page.goto(f"{live_server.url}/customers/{customer.pk}/")
    expect(page.locator("#mandatory-reconsiderations")).to_contain_text("No open MRs.")
    page.get_by_role("link", name="Record an MR for Jane Johnson").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Record a mandatory reconsideration (MR)")
    assert_accessible(page, "record an MR")

    page.get_by_label("Decision being challenged").fill("Universal Credit: housing element decision")
    _fill_date(page, "lodged_on", lodged_on)
    page.get_by_label("UC journal").check()
    page.get_by_label("A representative (adviser)").check()
    page.get_by_label("Adviser's name").fill("Sasha Green")
    page.get_by_role("button", name="Record the MR").click()
    # The adviser's organisation and authority are missing: both named, what was typed kept.
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the adviser's organisation")
    expect(page.get_by_label("Adviser's name")).to_have_value("Sasha Green")
    assert_accessible(page, "record an MR with problems")
    page.get_by_label("Adviser's organisation").fill("Aldwyck Housing Group")
    page.get_by_label("Their form of authority").fill("FOA-2026-014: signed, lodging an MR and checking its outcome")
    page.get_by_role("button", name="Record the MR").click()

    chase_on = lodged_on + dt.timedelta(days=28)
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(f"chase the MRN on {_long(chase_on)}")
    expect(page.locator("#mr-state")).to_have_text("Waiting for the MRN")
    expect(page.locator("#mr-deadline")).to_contain_text(_long(chase_on))
    expect(page.locator("#mr-authority")).to_contain_text("FOA-2026-014")
    assert_accessible(page, "MR waiting for its MRN")

    page.get_by_role("link", name="Record the MRN").click()
    _fill_date(page, "mrn_sent_on", sent_on)
    page.get_by_label("Decision not changed").check()
    page.get_by_role("button", name="Record the MRN").click()

    appeal_due = deadlines.appeal_due(sent_on)
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(f"appeal is due by {_long(appeal_due)}")
    expect(page.locator("#mr-appeal-due")).to_have_text(_long(appeal_due))
    expect(page.locator("#mr-late-limit")).to_have_text(_long(deadlines.latest_late_appeal(sent_on)))
    reminders = deadlines.reminder_dates(appeal_due, jurisdiction_for_nation("scotland"), today=today)
    for day in reminders:
        expect(page.locator("#mr-reminders")).to_contain_text(_long(day))
    expect(page.locator("#mr-tasks")).to_contain_text("Appeal (SSCS1) for Jane Johnson")
    assert_accessible(page, "MR with its appeal deadline")

    page.get_by_role("link", name="Record the appeal").click()
    _fill_date(page, "appeal_lodged_on", today)
    page.get_by_label("Online (Submit your appeal)").check()
    page.get_by_role("button", name="Record the appeal").click()
    expect(page.locator("#mr-state")).to_have_text("Appeal lodged")

    page.get_by_role("link", name="Back to the customer's record").click()
    expect(page.locator("#mandatory-reconsiderations")).to_contain_text("No open MRs.")
    expect(page.locator("#mandatory-reconsiderations")).to_contain_text("Closed MRs (1)")
    assert MandatoryReconsideration.objects.get().state == "appeal-lodged"
    assert problems == []


def _fill_mr_under_authority(page, base_url, customer, authority, decision: str) -> None:
    page.goto(f"{base_url}/customers/{customer.pk}/")
    page.get_by_role("link", name="Record an MR for Jane Johnson").click()
    page.get_by_label("Decision being challenged").fill(decision)
    _fill_date(page, "lodged_on", timezone.localdate())
    page.get_by_label("UC journal").check()
    page.get_by_label("A representative (adviser)").check()
    page.get_by_label(f"Authority {authority.pk}, given").check()


def test_an_adviser_lodges_an_mr_under_an_authority_then_is_refused_after_the_client_revokes_it(
    page, live_server, browser, cara, hana
):
    customer = make_customer(cara)
    authority = make_authority(cara, customer, hana)
    problems = watch_for_page_errors(page)
    sign_in_in_browser(page, live_server.url, hana)

    # Hana, the customer's adviser, lodges the MR from the customer's page under her authority.
    _fill_mr_under_authority(page, live_server.url, customer, authority, "Universal Credit: housing element decision")
    assert_accessible(page, "record an MR under an authority")
    page.get_by_role("button", name="Record the MR").click()
    expect(page.locator("#mr-authority")).to_contain_text(f"Authority {authority.pk}")
    expect(page.locator("#mr-authority [data-authority-state]")).to_have_text("Active")
    expect(page.locator("#mr-authority")).to_contain_text("Active")
    mr_url = page.url
    assert AccessRecord.objects.get().entry == "lodge-mr"

    # She starts a second one; meanwhile the client revokes the authority, told to Cara.
    _fill_mr_under_authority(page, live_server.url, customer, authority, "PIP daily living decision")
    other = browser.new_context().new_page()
    other_problems = watch_for_page_errors(other)
    sign_in_in_browser(other, live_server.url, cara)
    other.goto(f"{live_server.url}/consent/authorities/{authority.pk}/")
    other.get_by_role("link", name="Revoke this authority").click()
    other.get_by_role("button", name="Revoke the authority").click()
    expect(other.locator("[data-authority-state]").first).to_have_text("Revoked")

    # The same attempt is refused with consent's reason, what she typed kept, nothing recorded.
    page.get_by_role("button", name="Record the MR").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("The client revoked this authority on")
    expect(page.get_by_label("Decision being challenged")).to_have_value("PIP daily living decision")
    expect(page.locator("#mr-unusable-authorities")).to_contain_text("Revoked")
    assert_accessible(page, "MR refused after revocation")
    assert MandatoryReconsideration.objects.count() == 1
    assert AccessRecord.objects.count() == 1

    # The first MR shows the authority as revoked, and links to it.
    page.goto(mr_url)
    expect(page.locator("#mr-authority [data-authority-state]")).to_have_text("Revoked")
    page.locator("#mr-authority").get_by_role("link").click()
    expect(page.locator("[data-authority-state]").first).to_have_text("Revoked")
    assert problems == []
    assert other_problems == []
