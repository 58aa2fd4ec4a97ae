"""Creating and changing customers through the pages: the duplicate check, bad input
kept, and two tabs editing at once."""

import re
from datetime import date

from django.urls import reverse

from audit.models import AuditEvent
from core.testing.html import checked
from people import services
from people.models import Customer, CustomerName, CustomerReference
from people.tests.factories import make_customer
from people.tests.record_helpers import customer_with_needs

CREATE = reverse("people:create")

NEW_PERSON = {
    "given_names": "Janet",
    "family_name": "Okafor",
    "date_of_birth_day": "2",
    "date_of_birth_month": "11",
    "date_of_birth_year": "1979",
    "ni_number": "ce 65 43 21 a",
    "address_line_1": "4 Grey Street",
    "address_line_2": "",
    "town": "Newcastle upon Tyne",
    "postcode": "ne1 6ab",
    "nation": "england",
    "phone": "0191 496 0123",
    "email": "janet@example.com",
}


def hidden_inputs(html: str) -> dict[str, str]:
    found = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', html))
    found.pop("csrfmiddlewaretoken", None)
    return found


def edit_data(customer, **changes) -> dict:
    data = {
        "version": str(customer.version),
        "given_names": customer.given_names,
        "family_name": customer.family_name,
        "date_of_birth_day": str(customer.date_of_birth.day),
        "date_of_birth_month": str(customer.date_of_birth.month),
        "date_of_birth_year": str(customer.date_of_birth.year),
        "ni_number": customer.ni_number,
        "address_line_1": customer.address_line_1,
        "address_line_2": customer.address_line_2,
        "town": customer.town,
        "postcode": customer.postcode,
        "nation": customer.nation,
        "phone": customer.phone,
        "email": customer.email,
    }
    data.update(changes)
    return data


def field_error(html: str, field_id: str) -> str:
    # crispy-forms-gds numbers a field's messages: <id>_1_error, <id>_2_error...
    match = re.search(rf'<p id="{field_id}_1_error" class="govuk-error-message">.*?</span> (.*?)</p>', html, re.S)
    assert match, f"no error beside {field_id}"
    return match.group(1)


# --- Create -----------------------------------------------------------------------------


def test_the_create_page_uses_a_gov_uk_date_input_and_nation_radios(cara, sign_in):
    html = sign_in(cara).get(CREATE).content.decode()

    assert 'class="govuk-date-input"' in html
    for part in ("day", "month", "year"):
        assert f'name="date_of_birth_{part}"' in html
    assert html.count('class="govuk-radios__input"') == 4


def test_a_caseworker_adds_a_new_customer_through_the_page(cara, sign_in):
    response = sign_in(cara).post(CREATE, NEW_PERSON)

    customer = Customer.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("people:record", args=[customer.pk])
    assert (customer.given_names, customer.family_name, customer.date_of_birth) == (
        "Janet",
        "Okafor",
        date(1979, 11, 2),
    )
    assert (customer.ni_number, customer.postcode, customer.organisation) == ("CE654321A", "NE1 6AB", cara.organisation)
    assert AuditEvent.objects.filter(action="customer.created", actor=cara).count() == 1


def test_the_duplicate_check_asks_is_this_the_same_person_and_keeps_every_value(cara, sign_in):
    existing = make_customer(cara, ni_number="CE654321A")

    response = sign_in(cara).post(CREATE, NEW_PERSON)
    html = response.content.decode()

    assert response.status_code == 200
    assert "Is this the same person?" in html
    assert "Jane Johnson" in html
    assert "14 Mar 1985" in html
    assert ">NE1<" in html
    assert existing.case_number in html
    assert f'href="{reverse("people:record", args=[existing.pk])}"' in html
    assert "No, this is a new person" in html
    assert hidden_inputs(html) == {**NEW_PERSON, "confirmed_new_person": "True"}
    assert Customer.objects.count() == 1
    assert not AuditEvent.objects.filter(action="customer.created", actor=cara).exclude(target_id=existing.pk).exists()


def test_the_same_name_and_date_of_birth_is_also_asked_about(cara, sign_in):
    make_customer(cara, given_names="Janet", family_name="Okafor", date_of_birth=date(1979, 11, 2), ni_number="")

    html = sign_in(cara).post(CREATE, {**NEW_PERSON, "ni_number": ""}).content.decode()

    assert "Is this the same person?" in html
    assert Customer.objects.count() == 1


def test_saying_no_this_is_a_new_person_creates_the_record_with_what_was_typed(cara, sign_in):
    make_customer(cara, ni_number="CE654321A")
    client = sign_in(cara)
    question = client.post(CREATE, NEW_PERSON).content.decode()

    response = client.post(CREATE, hidden_inputs(question))

    created = Customer.objects.exclude(given_names="Jane").get()
    assert response.status_code == 302
    assert (created.given_names, created.email, created.town) == ("Janet", "janet@example.com", "Newcastle upon Tyne")
    event = AuditEvent.objects.get(action="customer.created", target_id=str(created.pk))
    assert event.changes["confirmed_new_person"] is True


def test_going_back_from_the_duplicate_question_shows_the_form_with_every_value(cara, sign_in):
    make_customer(cara, ni_number="CE654321A")
    client = sign_in(cara)
    question = client.post(CREATE, NEW_PERSON).content.decode()

    html = client.post(CREATE, {**hidden_inputs(question), "action": "change"}).content.decode()

    assert "Add a new customer" in html
    for value in ("Janet", "Okafor", "ce 65 43 21 a", "4 Grey Street", "ne1 6ab", "0191 496 0123"):
        assert f'value="{value}"' in html
    assert checked(html, "nation") == ["england"]
    confirmation = re.search(r'<input type="hidden" name="confirmed_new_person"[^>]*>', html).group(0)
    assert "True" not in confirmation
    assert Customer.objects.count() == 1


def test_every_bad_field_is_named_beside_it_and_in_the_summary_and_nothing_typed_is_lost(cara, sign_in):
    bad = {
        **NEW_PERSON,
        "given_names": "",
        "date_of_birth_day": "31",
        "date_of_birth_month": "02",
        "date_of_birth_year": "1990",
        "ni_number": "12345",
        "postcode": "NOT A CODE",
        "email": "janet-at-example",
    }

    response = sign_in(cara).post(CREATE, bad)
    html = response.content.decode()

    assert response.status_code == 200
    assert "There is a problem" in html
    expected = {
        "id_given_names": "Enter the customer&#x27;s first name",
        "id_date_of_birth": "Date of birth must be a real date",
        "id_ni_number": "Enter a National Insurance number in the correct format, like QQ 12 34 56 C",
        "id_postcode": "Enter a full UK postcode, like SW1A 1AA",
        "id_email": "Enter an email address in the correct format, like name@example.com",
    }
    for field_id, message in expected.items():
        assert field_error(html, field_id) == message
        link = "id_date_of_birth_day" if field_id == "id_date_of_birth" else field_id
        assert f'<a href="#{link}">{message}</a>' in html
    for value in ('value="31"', 'value="02"', 'value="1990"', 'value="12345"', 'value="NOT A CODE"', 'value="Okafor"'):
        assert value in html
    assert Customer.objects.count() == 0


def test_a_future_date_of_birth_is_a_field_error(cara, sign_in):
    html = sign_in(cara).post(CREATE, {**NEW_PERSON, "date_of_birth_year": "2999"}).content.decode()

    assert field_error(html, "id_date_of_birth") == "Date of birth must be today or in the past"
    assert Customer.objects.count() == 0


def test_a_date_of_birth_missing_its_month_says_so(cara, sign_in):
    html = sign_in(cara).post(CREATE, {**NEW_PERSON, "date_of_birth_month": ""}).content.decode()

    assert field_error(html, "id_date_of_birth") == "Date of birth must include a month"


# --- Edit ---------------------------------------------------------------------------------


def test_the_edit_page_is_filled_in_carries_the_version_and_shows_the_banner(cara, sign_in):
    customer = customer_with_needs(cara)

    html = sign_in(cara).get(reverse("people:edit", args=[customer.pk])).content.decode()

    assert 'name="version" value="1"' in html
    assert 'value="Jane"' in html
    assert 'value="14"' in html
    assert 'id="customer-banner"' in html
    assert "DOMESTIC ABUSE RISK" in html
    assert "Do not disclose address" in html
    assert "No voicemail" in html
    assert AuditEvent.objects.filter(action="customer.viewed", actor=cara).count() == 1


def test_a_caseworker_changes_a_customers_details(cara, sign_in):
    customer = make_customer(cara)

    response = sign_in(cara).post(reverse("people:edit", args=[customer.pk]), edit_data(customer, town="Gateshead"))

    customer.refresh_from_db()
    assert response.status_code == 302
    assert (customer.town, customer.version) == ("Gateshead", 2)
    assert AuditEvent.objects.get(action="customer.updated").changes == {"town": ["", "Gateshead"]}


def test_a_save_on_an_old_version_shows_their_version_beside_what_was_typed_and_keeps_it(cara, tom, sign_in):
    customer = make_customer(cara)
    opened = edit_data(customer)
    services.customer_update(actor=tom, customer=customer, version=1, phone="0191 000 0000")
    url = reverse("people:edit", args=[customer.pk])
    client = sign_in(cara)

    response = client.post(url, {**opened, "phone": "0191 999 9999", "town": "Gateshead"})
    html = response.content.decode()

    assert response.status_code == 200
    assert "Someone changed this: here is their version" in html
    row = re.search(r'<th scope="row" class="govuk-table__header">Phone number</th>(.*?)</tr>', html, re.S).group(1)
    assert re.findall(r'<td class="govuk-table__cell">(.*?)</td>', row) == ["0191 000 0000", "0191 999 9999"]
    assert 'value="0191 999 9999"' in html
    assert 'value="Gateshead"' in html
    assert 'name="version" value="2"' in html
    customer.refresh_from_db()
    assert (customer.phone, customer.town, customer.version) == ("0191 000 0000", "", 2)

    again = client.post(url, {**opened, "version": "2", "phone": "0191 999 9999", "town": "Gateshead"})

    customer.refresh_from_db()
    assert again.status_code == 302
    assert (customer.phone, customer.town, customer.version) == ("0191 999 9999", "Gateshead", 3)


def test_bad_input_on_the_edit_page_is_shown_beside_the_field_and_kept(cara, sign_in):
    customer = make_customer(cara)

    html = (
        sign_in(cara)
        .post(reverse("people:edit", args=[customer.pk]), edit_data(customer, ni_number="QQ123", family_name="Jonsen"))
        .content.decode()
    )

    assert "National Insurance number in the correct format" in field_error(html, "id_ni_number")
    assert 'value="QQ123"' in html
    assert 'value="Jonsen"' in html
    customer.refresh_from_db()
    assert (customer.family_name, customer.version) == ("Johnson", 1)


# --- Names and references ----------------------------------------------------------------


def test_a_previous_name_is_added_and_search_finds_the_customer_by_it(cara, sign_in):
    customer = make_customer(cara)
    client = sign_in(cara)

    response = client.post(
        reverse("people:name_add", args=[customer.pk]),
        {
            "kind": "previous",
            "given_names": "Jane",
            "family_name": "Smith",
            "used_until_day": "1",
            "used_until_month": "6",
            "used_until_year": "2015",
        },
    )

    assert response.status_code == 302
    name = CustomerName.objects.get()
    assert (name.family_name, name.kind, name.used_until) == ("Smith", "previous", date(2015, 6, 1))
    assert f'href="/customers/{customer.pk}/"' in client.get(reverse("people:search"), {"q": "smith"}).content.decode()


def test_a_name_without_a_last_name_is_refused_and_what_was_typed_is_kept(cara, sign_in):
    customer = make_customer(cara)

    html = (
        sign_in(cara)
        .post(reverse("people:name_add", args=[customer.pk]), {"kind": "alias", "given_names": "Janey"})
        .content.decode()
    )

    assert field_error(html, "id_family_name") == "Enter the last name they used"
    assert 'value="Janey"' in html
    assert checked(html, "kind") == ["alias"]
    assert CustomerName.objects.count() == 0


def test_a_benefit_reference_is_added(cara, sign_in):
    customer = make_customer(cara)

    response = sign_in(cara).post(
        reverse("people:reference_add", args=[customer.pk]), {"kind": "benefit", "value": "ben 778812"}
    )

    assert response.status_code == 302
    assert list(CustomerReference.objects.values_list("kind", "value")) == [("benefit", "BEN 778812")]
    assert AuditEvent.objects.filter(action="customer.reference_added").count() == 1


def test_a_reference_without_a_kind_is_refused(cara, sign_in):
    customer = make_customer(cara)

    html = sign_in(cara).post(reverse("people:reference_add", args=[customer.pk]), {"value": "CLM 42"}).content.decode()

    assert field_error(html, "id_kind") == "Select the kind of reference"
    assert 'value="CLM 42"' in html
    assert CustomerReference.objects.count() == 0


def test_the_name_and_reference_pages_show_the_banner(cara, sign_in):
    customer = customer_with_needs(cara)
    client = sign_in(cara)

    for url_name in ("people:name_add", "people:reference_add"):
        html = client.get(reverse(url_name, args=[customer.pk])).content.decode()
        assert 'id="customer-banner"' in html
        assert "DOMESTIC ABUSE RISK" in html
        assert "Text: safe" in html
