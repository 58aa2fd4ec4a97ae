"""The disclosure pages: recording with a check-answers page, the decision page (an
audited read), correction, review, the DPO's register and its CSV, and refusals."""

import re

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from core.testing.html import elements
from disclosures.models import Disclosure, Status
from disclosures.tests.helpers import customer_at_risk, database_state, form_post, make_disclosure

pytestmark = pytest.mark.django_db


@pytest.fixture
def customer(cara):
    return customer_at_risk(cara)


def test_a_caseworker_records_checks_and_confirms_a_disclosure(sign_in, cara, tom, customer):
    client = sign_in(cara)
    page = client.get(reverse("disclosures:new", args=[customer.pk]))
    assert page.status_code == 200
    assert b"Record a disclosure" in page.content
    response = client.post(reverse("disclosures:new", args=[customer.pk]), form_post())
    assert response.status_code == 302, response.content.decode()[:3000]
    disclosure = Disclosure.objects.get()
    assert response["Location"] == reverse("disclosures:check", args=[disclosure.pk])
    check = client.get(response["Location"])
    assert b"Check your answers" in check.content
    assert b"Northumbria Police" in check.content
    assert b"your team leader will be asked to review" in check.content.lower()
    confirmed = client.post(reverse("disclosures:confirm", args=[disclosure.pk]))
    assert confirmed["Location"] == reverse("disclosures:detail", args=[disclosure.pk])
    disclosure.refresh_from_db()
    assert disclosure.status == Status.CONFIRMED
    assert disclosure.review_task.assignee == tom
    detail = client.get(confirmed["Location"])
    assert b"This record cannot be changed" in detail.content
    assert AuditEvent.objects.filter(action="disclosure.viewed", target_id=str(disclosure.pk)).exists()


def test_a_broken_rule_is_shown_beside_its_field_and_everything_typed_is_kept(sign_in, cara, customer):
    client = sign_in(cara)
    response = client.post(
        reverse("disclosures:new", args=[customer.pk]), form_post(emergency=None, purpose="Police asked to attend")
    )
    assert response.status_code == 400
    content = response.content.decode()
    assert "There is a problem" in content
    assert "choose the team leader, deputy manager or safeguarding lead" in content.lower()
    assert "Police asked to attend" in content
    assert Disclosure.objects.count() == 0


def test_every_error_summary_link_goes_to_the_first_control_of_its_question(sign_in, cara, customer):
    response = sign_in(cara).post(reverse("disclosures:new", args=[customer.pk]), {})
    content = response.content.decode()
    start = content.index("govuk-error-summary")
    targets = re.findall(r'href="#([^"]+)"', content[start : content.index("</ul>", start)])
    first_radio = elements(content, name="person_told", type="radio")[0]["id"]
    assert first_radio in targets  # "Was the customer told?" links to its first answer
    ids = {element.get("id") for element in elements(content)}
    assert not [target for target in targets if target not in ids], "a summary link goes nowhere"


def test_the_lawful_basis_error_names_the_rule(sign_in, cara, customer):
    client = sign_in(cara)
    response = client.post(reverse("disclosures:new", args=[customer.pk]), form_post(article_6="6-1-a"))
    assert response.status_code == 400
    assert "UK GDPR Art. 6(1)(a)" in response.content.decode()


def test_the_customer_record_lists_disclosures_with_a_link_to_record_one(sign_in, cara, customer):
    disclosure = make_disclosure(cara, customer)
    page = sign_in(cara).get(reverse("people:record", args=[customer.pk]))
    content = page.content.decode()
    assert "Disclosures to third parties" in content
    assert reverse("disclosures:detail", args=[disclosure.pk]) in content
    assert reverse("disclosures:new", args=[customer.pk]) in content


def test_the_team_leader_reviews_from_the_disclosure_page(sign_in, cara, tom, customer):
    disclosure = make_disclosure(cara, customer)
    client = sign_in(tom)
    assert b"Record the review" in client.get(reverse("disclosures:detail", args=[disclosure.pk])).content
    refused = client.post(reverse("disclosures:review", args=[disclosure.pk]), {"outcome": "agreed", "note": ""})
    assert refused.status_code == 400
    assert b"Enter what you found" in refused.content
    response = client.post(reverse("disclosures:review", args=[disclosure.pk]), {"outcome": "agreed", "note": "Fine"})
    assert response.status_code == 302
    disclosure.refresh_from_db()
    assert disclosure.review.reviewed_by == tom


def test_a_correction_is_a_new_linked_entry_through_the_pages(sign_in, cara, customer):
    original = make_disclosure(cara, customer)
    client = sign_in(cara)
    form = client.get(reverse("disclosures:correct", args=[original.pk]))
    assert b"Northumbria Police" in form.content
    response = client.post(
        reverse("disclosures:correct", args=[original.pk]),
        form_post(reference_number="NP-2", correction_reason="Wrong reference"),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    correction = Disclosure.objects.exclude(pk=original.pk).get()
    assert correction.corrects == original
    client.post(reverse("disclosures:confirm", args=[correction.pk]))
    page = client.get(reverse("disclosures:detail", args=[original.pk]))
    assert b"This entry has been corrected" in page.content


def test_the_dpo_filters_the_register_and_exports_it_as_csv(sign_in, cara, dee, priya, customer):
    make_disclosure(cara, customer)
    make_disclosure(cara, customer, emergency=False, second_opinion_by=dee, recipient_organisation="=HYPERLINK()")
    client = sign_in(priya)
    page = client.get(reverse("disclosures:register"))
    assert page.status_code == 200
    assert b"2 disclosures" in page.content
    filtered = client.get(reverse("disclosures:register"), {"emergency_alone": "on"})
    assert b"1 disclosure." in filtered.content
    csv = client.get(reverse("disclosures:register_csv"), {"emergency_alone": "on"})
    lines = csv.content.decode().strip().splitlines()
    assert len(lines) == 2
    assert "Northumbria Police" in lines[1]
    everything = client.get(reverse("disclosures:register_csv")).content.decode()
    assert "'=HYPERLINK()" in everything
    assert AuditEvent.objects.filter(action="disclosure.register_exported", actor=priya).count() == 2


def test_the_lawful_basis_table_is_readable_by_staff(sign_in, priya):
    page = sign_in(priya).get(reverse("disclosures:lawful_basis"))
    assert b"DPA 2018 Sch. 1 para 18" in page.content
    assert b"exemption, not a lawful basis" in page.content


@pytest.mark.parametrize("persona", ["cara", "tom", "sam", "aled", "ada", "wren"])
def test_only_data_protection_officers_see_the_register(sign_in, persona, request, customer, cara):
    make_disclosure(cara, customer)
    client = sign_in(request.getfixturevalue(persona))
    before = database_state()
    assert client.get(reverse("disclosures:register")).status_code == 403
    assert client.get(reverse("disclosures:register_csv")).status_code == 403
    assert database_state() == before


@pytest.mark.parametrize("persona", ["priya", "aled", "ada", "wren"])
def test_roles_that_do_not_record_disclosures_cannot_start_confirm_correct_or_review_one(
    sign_in, persona, request, customer, cara
):
    disclosure = make_disclosure(cara, customer)
    draft = make_disclosure(cara, customer, confirm=False)
    client = sign_in(request.getfixturevalue(persona))
    before = database_state()
    assert client.post(reverse("disclosures:new", args=[customer.pk]), form_post()).status_code in (403, 404)
    assert client.get(reverse("disclosures:new", args=[customer.pk])).status_code in (403, 404)
    assert client.post(reverse("disclosures:confirm", args=[draft.pk])).status_code in (403, 404)
    assert client.get(reverse("disclosures:edit", args=[draft.pk])).status_code in (403, 404)
    assert client.get(reverse("disclosures:check", args=[draft.pk])).status_code in (403, 404)
    assert client.post(reverse("disclosures:correct", args=[disclosure.pk]), form_post()).status_code in (403, 404)
    review = client.post(reverse("disclosures:review", args=[disclosure.pk]), {"outcome": "agreed", "note": "x"})
    assert review.status_code in (403, 404)
    assert database_state() == before


def test_another_caseworker_cannot_see_or_confirm_someone_elses_draft(sign_in, cara, hana, customer):
    draft = make_disclosure(cara, customer, confirm=False)
    client = sign_in(hana)
    before = database_state()
    assert client.get(reverse("disclosures:check", args=[draft.pk])).status_code == 404
    assert client.post(reverse("disclosures:confirm", args=[draft.pk])).status_code == 404
    assert client.get(reverse("disclosures:detail", args=[draft.pk])).status_code == 404
    assert database_state() == before


def test_another_organisation_cannot_read_a_disclosure(sign_in, wren, cara, customer):
    disclosure = make_disclosure(cara, customer)
    client = sign_in(wren)
    before = database_state()
    assert client.get(reverse("disclosures:detail", args=[disclosure.pk])).status_code == 404
    assert database_state() == before


def test_a_caseworker_cannot_record_the_review_of_a_colleagues_emergency_decision(sign_in, cara, hana, customer):
    disclosure = make_disclosure(cara, customer)
    client = sign_in(hana)
    before = database_state()
    response = client.post(reverse("disclosures:review", args=[disclosure.pk]), {"outcome": "agreed", "note": "x"})
    assert response.status_code == 403
    assert database_state() == before
