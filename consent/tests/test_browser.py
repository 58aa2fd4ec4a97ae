"""An adviser lodging an MR under an authority, in a real browser, then the same attempt
after the client revokes it, refused (issue 7, "Show it"). axe-core checks every page."""

from playwright.sync_api import expect

from consent.models import AccessRecord, Authority
from core.testing.browser import assert_accessible, sign_in_in_browser, watch_for_page_errors
from people.tests.factories import make_customer


def _record_mr(page, base_url, authority):
    page.goto(f"{base_url}/consent/authorities/{authority.pk}/access")
    page.get_by_label("Make specified entries").check()
    page.get_by_label("Lodge a Mandatory Reconsideration").check()
    page.get_by_label("What did you do?").fill("Lodged a Mandatory Reconsideration of the decision of 3 March")
    page.get_by_label("I confirm that I did not use, ask for or store the client's password").check()
    page.get_by_role("button", name="Record this access").click()


def test_an_adviser_lodges_an_mr_under_an_authority_and_is_refused_after_revocation(
    page, live_server, browser, cara, hana
):
    customer = make_customer(cara)
    problems = watch_for_page_errors(page)

    # Cara records the customer's authority for Hana, signed in person.
    sign_in_in_browser(page, live_server.url, cara)
    page.goto(f"{live_server.url}/customers/{customer.pk}/")
    page.get_by_role("link", name="Forms of authority: advisers acting for the customer").click()
    assert_accessible(page, "forms of authority list")
    page.get_by_role("link", name="Record a new authority").click()
    page.get_by_role("button", name="Record the authority").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select what the client allows the adviser to do")
    assert_accessible(page, "authority form with problems")
    page.get_by_label("Which adviser is the client giving authority to?").select_option(str(hana.pk))
    page.get_by_label("View account or journal").check()
    page.get_by_label("Make specified entries").check()
    page.get_by_label("Lodge a Mandatory Reconsideration").check()
    page.get_by_label("What is the authority for?").fill("To challenge the decision of 3 March")
    page.get_by_label("Ongoing until the client revokes it").check()
    page.get_by_label("Signature captured in person").check()
    page.get_by_label("If signed in person: the client's name, as they signed it").fill("Jane Johnson")
    page.get_by_role("button", name="Record the authority").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("The authority for Hana Price")
    authority = Authority.objects.get()

    # Hana, the adviser, finds it under "Authorities" and lodges the MR under it.
    other = browser.new_context().new_page()
    other_problems = watch_for_page_errors(other)
    sign_in_in_browser(other, live_server.url, hana)
    other.get_by_role("navigation", name="Menu").get_by_role("link", name="Authorities").click()
    expect(other.locator("#authorities")).to_contain_text("Jane Johnson")
    other.get_by_role("link", name="Jane Johnson").click()
    other.get_by_role("link", name="Record an access under this authority").click()
    assert_accessible(other, "record an access")
    _record_mr(other, live_server.url, authority)
    expect(other.locator(".govuk-notification-banner--success")).to_contain_text("has been recorded")
    expect(other.locator("#access-records")).to_contain_text("Lodge a Mandatory Reconsideration")
    assert_accessible(other, "authority with its access")

    # The client revokes it, told to Cara.
    page.get_by_role("link", name="Revoke this authority").click()
    assert_accessible(page, "revoke an authority")
    page.get_by_label("How did the client revoke it? (optional)").fill("Client phoned the contact centre")
    page.get_by_role("button", name="Revoke the authority").click()
    expect(page.locator("[data-authority-state]").first).to_have_text("Revoked")

    # The same attempt is refused at once, saying why, and nothing is recorded.
    _record_mr(other, live_server.url, authority)
    expect(other.locator(".govuk-error-summary")).to_contain_text("The client revoked this authority on")
    expect(other.locator("#authority-state-warning")).to_contain_text("The client revoked this authority")
    expect(other.get_by_label("What did you do?")).to_have_value(
        "Lodged a Mandatory Reconsideration of the decision of 3 March"
    )
    assert_accessible(other, "refused access")
    assert AccessRecord.objects.count() == 1
    assert problems == []
    assert other_problems == []
