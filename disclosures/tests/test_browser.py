"""In a real browser: a caseworker shares a customer's information with the police in an
emergency, without consent and without a second opinion; her team leader then finds the
retrospective review in My work and records it. axe-core checks each page."""

import os

from playwright.sync_api import expect

from core.testing.browser import assert_accessible, sign_in_in_browser, watch_for_page_errors
from disclosures.models import Disclosure
from disclosures.tests.helpers import customer_at_risk
from work.models import TaskState

SCREENSHOTS = os.environ.get("HAVEN_SCREENSHOTS")


def _look(page, where: str) -> None:
    assert_accessible(page, where)
    if SCREENSHOTS:
        page.screenshot(path=os.path.join(SCREENSHOTS, f"{where.replace(' ', '-')}.png"), full_page=True)


def test_an_emergency_disclosure_taken_alone_is_then_reviewed_by_the_team_leader(page, live_server, cara, tom):
    customer = customer_at_risk(cara)
    problems = watch_for_page_errors(page)
    sign_in_in_browser(page, live_server.url, cara)

    page.goto(f"{live_server.url}/customers/{customer.pk}/")
    page.get_by_role("link", name="Record a disclosure").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Record a disclosure")
    _look(page, "record a disclosure")

    page.get_by_label("The customer", exact=True).check()
    page.get_by_label("Police", exact=True).check()
    page.get_by_label("Organisation", exact=True).fill("Northumbria Police")
    page.get_by_label("Phone call").check()
    page.get_by_label("Name", exact=True).check()
    page.get_by_label("Address", exact=True).check()
    page.get_by_label("Markers (e.g. DOMESTIC ABUSE RISK, mental health)").check()
    page.get_by_label("Why was it shared?").fill("She is not safe at home now; police asked to attend.")
    page.get_by_label("Reference number (optional)").fill("NP-2026-0042")
    page.get_by_label("Not sought: asking would prejudice the protection").check()
    page.get_by_label("UK GDPR Art. 6(1)(d): vital interests of the person or of another").check()
    page.get_by_label("UK GDPR Art. 9(2)(g): substantial public interest (with Schedule 1)").check()
    page.get_by_label("DPA 2018 Sch. 1 para 18: safeguarding of children and of individuals at risk").check()
    page.get_by_label("There is a risk to someone's life or of serious injury").check()
    page.get_by_label("Protecting someone from neglect or physical, mental or emotional harm").check()
    page.get_by_label("They have needs for care and support").check()
    page.get_by_label("They are experiencing, or at risk of, neglect or harm").check()
    page.get_by_label("Because of those needs they cannot protect themselves").check()
    page.get_by_label("18(2)(c): obtaining consent would prejudice the protection").check()
    page.get_by_label("Yes", exact=True).check()

    # Forgetting it was an emergency: without consent a second opinion is needed first.
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("second opinion")
    expect(page.get_by_label("Why was it shared?")).to_have_value(
        "She is not safe at home now; police asked to attend."
    )
    _look(page, "disclosure form with a problem")

    page.get_by_label("This was an emergency: there was no time to get a second opinion first").check()
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your answers before recording the disclosure")
    expect(page.locator("#disclosure-summary")).to_contain_text("Northumbria Police")
    expect(page.locator("#disclosure-summary")).to_contain_text("DPA 2018 Sch. 1 para 18")
    _look(page, "check your answers")
    page.get_by_role("button", name="Confirm and record").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Disclosure to Northumbria Police")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("your team leader will review it")
    _look(page, "confirmed disclosure")
    disclosure = Disclosure.objects.get()
    assert disclosure.review_task.assignee == tom

    page.context.clear_cookies()
    sign_in_in_browser(page, live_server.url, tom)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="My work").click()
    page.get_by_role("link", name="Review an emergency disclosure to Police made alone").click()
    page.get_by_role("link", name="Open the customer's record").click()
    page.locator("#disclosures").get_by_role("link", name="Northumbria Police").click()
    expect(page.get_by_role("heading", name="Retrospective review")).to_be_visible()
    page.get_by_role("button", name="Record the review").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Choose whether the decision was right")
    _look(page, "review with a problem")
    page.get_by_label("The decision was right").check()
    page.get_by_label("What you found").fill("Right call: clear risk to life, police attended in 10 minutes.")
    page.get_by_role("button", name="Record the review").click()
    expect(page.locator("#review + dl")).to_contain_text("Tom Leary")
    _look(page, "reviewed disclosure")

    disclosure.review_task.refresh_from_db()
    assert disclosure.review_task.state == TaskState.DONE
    # A form sent back with problems answers 400 by design; the browser logs that, and only that.
    assert [problem for problem in problems if "status of 400 (Bad Request)" not in problem] == []


def test_the_dpo_filters_the_register_and_reads_the_lawful_basis_table(page, live_server, cara, dee, priya):
    from disclosures.tests.helpers import make_disclosure

    customer = customer_at_risk(cara)
    make_disclosure(cara, customer)
    make_disclosure(cara, customer, emergency=False, second_opinion_by=dee, recipient_organisation="Social services")
    problems = watch_for_page_errors(page)
    sign_in_in_browser(page, live_server.url, priya)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Disclosures").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Disclosure register")
    expect(page.locator("#register tbody tr")).to_have_count(2)
    _look(page, "disclosure register")
    page.get_by_label("Emergency decisions taken alone").check()
    page.get_by_role("button", name="Apply filters").click()
    expect(page.locator("#register tbody tr")).to_have_count(1)
    assert "csrfmiddlewaretoken" not in page.url
    with page.expect_download() as download:
        page.get_by_role("link", name="Download as CSV").click()
    assert download.value.suggested_filename.startswith("disclosures-")
    page.get_by_role("link", name="The lawful-basis rules").click()
    expect(page.locator("#lawful-bases tbody tr")).to_have_count(13)
    _look(page, "lawful basis table")
    # Following a link to a download ends that navigation in the browser (ERR_ABORTED).
    assert [problem for problem in problems if "register.csv" not in problem] == []
