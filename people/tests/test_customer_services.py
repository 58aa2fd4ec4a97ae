from datetime import date

import pytest

from audit.models import AuditEvent
from core.errors import EditConflict, InvalidInput, NotAllowed
from people import services
from people.models import Customer, SearchKey
from people.selectors import customer_search
from people.tests.factories import make_customer


def test_a_caseworker_creates_a_customer_with_its_audit_event(cara):
    customer = make_customer(cara)
    assert customer.organisation == cara.organisation
    assert customer.ni_number == "AB123456C"
    assert customer.postcode == "NE1 4XF"
    event = AuditEvent.objects.get(action="customer.created")
    assert (event.actor, event.person_ref) == (cara, f"customer:{customer.pk}")
    assert SearchKey.objects.filter(customer=customer, kind="sound", value="J525").exists()


def test_the_same_ni_number_is_a_possible_duplicate(cara):
    first = make_customer(cara)
    with pytest.raises(services.PossibleDuplicate) as raised:
        services.customer_create(actor=cara, given_names="J", family_name="Other", ni_number="ab 12 34 56 c")
    assert raised.value.candidates == [first]
    assert Customer.objects.count() == 1


def test_the_same_name_and_date_of_birth_is_a_possible_duplicate(cara):
    first = make_customer(cara, ni_number="")
    with pytest.raises(services.PossibleDuplicate) as raised:
        services.customer_create(actor=cara, given_names="jane", family_name="JOHNSON", date_of_birth=date(1985, 3, 14))
    assert raised.value.candidates == [first]


def test_every_bad_field_is_named_at_once(cara):
    with pytest.raises(InvalidInput) as raised:
        services.customer_create(
            actor=cara,
            given_names="",
            family_name="Smith",
            date_of_birth=date(2999, 1, 1),
            ni_number="12345",
            postcode="NOT A CODE",
        )
    assert set(raised.value.errors) == {"given_names", "date_of_birth", "ni_number", "postcode"}
    assert Customer.objects.count() == 0


def test_a_stale_edit_does_not_overwrite_a_newer_one(cara, tom):
    customer = make_customer(cara)
    services.customer_update(actor=tom, customer=customer, version=1, phone="0191 000 0000")
    with pytest.raises(EditConflict) as raised:
        services.customer_update(actor=cara, customer=customer, version=1, phone="0191 999 9999")
    assert raised.value.current["phone"] == "0191 000 0000"
    customer.refresh_from_db()
    assert (customer.phone, customer.version) == ("0191 000 0000", 2)


def test_an_auditor_cannot_change_a_customer(cara, aled):
    customer = make_customer(cara)
    with pytest.raises(NotAllowed):
        services.customer_update(actor=aled, customer=customer, version=1, phone="1")
    assert not AuditEvent.objects.filter(action="customer.updated").exists()


@pytest.mark.parametrize(
    "text",
    ["Jane Johnson", "jonson", "Jhonson jane", "AB 12 34 56 C", "14/03/1985", "ne14xf", "Jo", "Smith"],
)
def test_search_finds_by_every_key_and_by_a_previous_name(cara, text):
    customer = make_customer(cara)
    services.customer_name_add(actor=cara, customer=customer, given_names="Jane", family_name="Smith", kind="previous")
    results, problem = customer_search(user=cara, text=text)
    assert problem == ""
    assert [result.id for result in results] == [customer.pk]


def test_search_does_not_cross_organisations(cara, wren):
    make_customer(cara)
    results, _ = customer_search(user=wren, text="Johnson")
    assert results == []


def test_a_case_number_that_is_already_taken_is_drawn_again(cara, monkeypatch):
    first = make_customer(cara)
    drawn = iter([first.case_number, "HVN-NEWONE"])
    monkeypatch.setattr(services, "_new_case_number", lambda: next(drawn))

    second = make_customer(cara, given_names="Other", ni_number="", date_of_birth=date(1990, 1, 1))

    assert second.case_number == "HVN-NEWONE"
