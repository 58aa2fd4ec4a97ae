"""The search page and the record page, through the pages, with named personas."""

import re
from datetime import date

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from people import services
from people.services_access import customer_restrict
from people.tests.factories import make_customer
from people.tests.record_helpers import customer_with_needs, database_state

SEARCH = reverse("people:search")


def record_url(customer) -> str:
    return reverse("people:record", args=[customer.pk])


def banner(html: str) -> str:
    match = re.search(r'<section class="govuk-summary-card" id="customer-banner".*?</section>', html, re.S)
    assert match, "the customer banner is not on the page"
    return match.group(0)


def result_ids(response) -> list[int]:
    return [int(pk) for pk in re.findall(r'href="/customers/(\d+)/"', response.content.decode())]


# --- Search --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Jane Johnson",
        "Jonson",  # a typo
        "Smith",  # her previous name
        "14/03/1985",
        "AB 12 34 56 C",
        "ne1 4xf",
        "BEN-778812",  # her benefit reference
    ],
)
def test_the_search_page_finds_a_customer_by_every_key_and_by_a_previous_name(cara, sign_in, text):
    customer = make_customer(cara)
    make_customer(
        cara,
        given_names="Peter",
        family_name="Okafor",
        date_of_birth=date(1990, 7, 1),
        ni_number="CE654321A",
        postcode="LS1 1AA",
    )
    services.customer_name_add(actor=cara, customer=customer, given_names="Jane", family_name="Smith", kind="previous")
    services.customer_reference_add(actor=cara, customer=customer, kind="benefit", value="BEN-778812")

    response = sign_in(cara).get(SEARCH, {"q": text})

    assert response.status_code == 200
    assert result_ids(response) == [customer.pk]


def test_the_search_page_finds_a_customer_by_case_number(cara, sign_in):
    customer = make_customer(cara)

    response = sign_in(cara).get(SEARCH, {"q": customer.case_number})

    assert result_ids(response) == [customer.pk]


def test_results_show_enough_to_tell_two_people_apart_and_nothing_more(cara, sign_in):
    make_customer(cara, phone="0191 496 0000", email="jane@example.com", address_line_1="1 Secret Street")

    html = sign_in(cara).get(SEARCH, {"q": "Johnson"}).content.decode()

    assert "Jane Johnson" in html
    assert "14 Mar 1985" in html
    assert ">NE1<" in html
    for private in ("NE1 4XF", "AB123456C", "0191 496 0000", "jane@example.com", "1 Secret Street"):
        assert private not in html


def test_a_restricted_customer_is_marked_restricted_in_the_results_without_their_details(cara, tom, sign_in):
    customer = make_customer(cara)
    customer_restrict(actor=tom, customer=customer, restricted=True)

    html = sign_in(cara).get(SEARCH, {"q": "Johnson"}).content.decode()

    assert "Restricted" in html
    assert "14 Mar 1985" not in html
    assert ">NE1<" not in html


def test_an_impossible_date_is_shown_beside_the_search_box_with_what_was_typed(cara, sign_in):
    response = sign_in(cara).get(SEARCH, {"q": "Jane 31/02/1990"})
    html = response.content.decode()

    assert response.status_code == 200
    assert "There is a problem" in html
    assert html.count("31/02/1990 is not a real date. Enter a date of birth like 31/01/1980") == 2
    assert 'value="Jane 31/02/1990"' in html
    assert 'id="search-results"' not in html


def test_an_empty_search_asks_for_something_to_search_by(cara, sign_in):
    html = sign_in(cara).get(SEARCH, {"q": "  "}).content.decode()

    assert "Enter a name, date of birth, National Insurance number, reference or postcode" in html


def test_the_search_page_shows_no_results_before_a_search(cara, sign_in):
    make_customer(cara)

    html = sign_in(cara).get(SEARCH).content.decode()

    assert "Jane Johnson" not in html
    assert "There is a problem" not in html


def test_the_search_page_costs_the_same_queries_for_one_result_or_twenty(cara, sign_in):
    # A frozen clock: the once-a-minute session touches must not land in one capture only.
    with time_machine.travel(timezone.now(), tick=False):
        _compare_search_queries(cara, sign_in)


def _compare_search_queries(cara, sign_in):
    client = sign_in(cara)
    make_customer(cara)
    client.get(SEARCH, {"q": "Johnson"})  # warm the session and the sign-in checks
    with CaptureQueriesContext(connection) as one:
        assert len(result_ids(client.get(SEARCH, {"q": "Johnson"}))) == 1
    for number in range(19):
        make_customer(cara, given_names=f"Jane{chr(97 + number)}", ni_number="", postcode="")
    with CaptureQueriesContext(connection) as twenty:
        assert len(result_ids(client.get(SEARCH, {"q": "Johnson"}))) == 20

    assert len(twenty.captured_queries) == len(one.captured_queries)


def test_editors_see_the_add_button_and_auditors_do_not(cara, aled, sign_in):
    assert "Add a new customer" in sign_in(cara).get(SEARCH).content.decode()
    assert "Add a new customer" not in sign_in(aled).get(SEARCH).content.decode()


def test_search_does_not_show_another_organisations_customers(cara, wren, sign_in):
    make_customer(cara)

    response = sign_in(wren).get(SEARCH, {"q": "Jane Johnson"})

    assert response.status_code == 200
    assert result_ids(response) == []
    assert "No customers found" in response.content.decode()


def test_customers_is_in_the_header_for_readers_only(cara, ada, sign_in):
    assert f'href="{SEARCH}"' in sign_in(cara).get(reverse("home")).content.decode()
    assert f'href="{SEARCH}"' not in sign_in(ada).get(reverse("home")).content.decode()


# --- The record page ---------------------------------------------------------------------


def test_opening_a_record_writes_a_view_event_every_time(cara, sign_in):
    customer = make_customer(cara)
    client = sign_in(cara)

    assert client.get(record_url(customer)).status_code == 200
    assert client.get(record_url(customer)).status_code == 200

    events = AuditEvent.objects.filter(action="customer.viewed")
    assert [(event.actor, event.person_ref) for event in events] == [(cara, f"customer:{customer.pk}")] * 2


def test_the_record_page_shows_identity_names_references_markers_needs_and_people_around(cara, sign_in):
    from people.services_people_around import person_around_add

    customer = customer_with_needs(cara)
    services.customer_name_add(actor=cara, customer=customer, given_names="Jane", family_name="Smith", kind="previous")
    services.customer_reference_add(actor=cara, customer=customer, kind="claim", value="CLM 42")
    person_around_add(actor=cara, customer=customer, role="cpn", name="Alex Reid", phone="0191 496 0001")

    html = sign_in(cara).get(record_url(customer)).content.decode()

    for shown in (
        "AB 12 34 56 C",
        "14 March 1985",
        customer.case_number,
        "Jane Smith",
        "CLM 42",
        "Ex-partner found her last address",
        "Weekends, when he visits the children",
        "Community Psychiatric Nurse (CPN)",
        "Alex Reid",
        "Needs a private room for interviews",
    ):
        assert shown in html, shown
    assert f'href="{reverse("people:edit", args=[customer.pk])}"' in html


def test_the_banner_on_the_record_page_shows_markers_and_safe_contact_needs(cara, sign_in):
    customer = customer_with_needs(cara)

    top = banner(sign_in(cara).get(record_url(customer)).content.decode())

    assert re.search(r'class="govuk-tag govuk-tag--red[^"]*">DOMESTIC ABUSE RISK</strong>', top)
    assert "DOMESTIC ABUSE RISK: check the customer can talk safely" in top
    assert "Text: safe" in top
    assert "Call: not safe" in top
    assert "Email: not safe" in top
    assert "Letter: not safe" in top
    assert "No voicemail" in top
    assert "Weekends, when he visits the children" in top
    assert "Do not disclose address" in top
    assert "Do not disclose new name" in top
    assert "Needs a private room for interviews" in top
    assert "Phone calls only when they confirm they can talk privately" in top


def test_the_banner_of_a_customer_with_no_needs_says_no_way_is_known_safe(cara, sign_in):
    customer = make_customer(cara)

    top = banner(sign_in(cara).get(record_url(customer)).content.decode())

    assert "DOMESTIC ABUSE RISK" not in top
    assert top.count("not safe") == 4
    assert "None recorded" in top


def test_a_removed_marker_leaves_the_banner_but_the_record_links_to_its_history(cara, sign_in):
    from people.services_markers import marker_remove

    customer = customer_with_needs(cara)
    marker_remove(actor=cara, marker=customer.markers.get(), reason="Risk reviewed with her")

    html = sign_in(cara).get(record_url(customer)).content.decode()

    assert "DOMESTIC ABUSE RISK" not in banner(html)
    assert "No current markers." in html
    assert "(1 removed)" in html


def test_another_organisations_customer_is_not_found_and_not_audited_as_viewed(cara, wren, sign_in):
    customer = make_customer(cara)
    client = sign_in(wren)
    before = database_state()

    assert client.get(record_url(customer)).status_code == 404

    assert database_state() == before
    assert not AuditEvent.objects.filter(action="customer.viewed").exists()


def test_a_customer_that_does_not_exist_is_not_found(cara, sign_in):
    assert sign_in(cara).get(reverse("people:record", args=[999999])).status_code == 404


def test_a_restricted_record_explains_itself_and_offers_break_glass_to_others(cara, tom, sign_in):
    customer = make_customer(cara)
    customer_restrict(actor=tom, customer=customer, restricted=True)
    client = sign_in(cara)
    before = database_state()

    response = client.get(record_url(customer))
    html = response.content.decode()

    assert response.status_code == 403
    assert "This record is restricted" in html
    assert f'href="{reverse("people:break_glass", args=[customer.pk])}"' in html
    assert "Jane Johnson" not in html
    assert "AB 12 34 56 C" not in html
    assert database_state() == before


def test_the_staff_named_on_a_restricted_record_open_it_and_it_is_audited(cara, tom, sign_in):
    customer = make_customer(cara)
    customer_restrict(actor=tom, customer=customer, restricted=True)

    response = sign_in(tom).get(record_url(customer))

    assert response.status_code == 200
    assert AuditEvent.objects.filter(action="customer.viewed", actor=tom).count() == 1


@pytest.mark.parametrize("persona", ["aled", "priya", "sam", "dee", "tom", "hana"])
def test_every_reader_role_opens_a_record(persona, cara, sign_in, request):
    customer = make_customer(cara)

    assert sign_in(request.getfixturevalue(persona)).get(record_url(customer)).status_code == 200
