"""Who may use the customer record pages: the wrong role is refused and nothing changes."""

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from people.services_access import customer_restrict
from people.tests.factories import make_customer
from people.tests.record_helpers import database_state

PER_CUSTOMER = ("people:record", "people:edit", "people:name_add", "people:reference_add")
EDITING = ("people:edit", "people:name_add", "people:reference_add")
# What an attacker might post: enough that the page would change something if it let them.
POSTED = {
    "version": "1",
    "given_names": "Changed",
    "family_name": "Name",
    "nation": "england",
    "kind": "alias",
    "value": "REF 1",
    "confirmed_new_person": "True",
}


def every_page(customer) -> list[str]:
    return [reverse("people:search"), reverse("people:create")] + [
        reverse(name, args=[customer.pk]) for name in PER_CUSTOMER
    ]


@pytest.mark.parametrize("method", ["get", "post"])
def test_an_administrator_is_refused_every_customer_page_and_nothing_changes(cara, ada, sign_in, method):
    customer = make_customer(cara)
    client = sign_in(ada)
    before = database_state()

    for url in every_page(customer):
        response = getattr(client, method)(url, POSTED if method == "post" else {"q": "Johnson"})
        assert response.status_code == 403, url

    assert database_state() == before


@pytest.mark.parametrize("method", ["get", "post"])
def test_an_auditor_reads_records_but_cannot_create_or_change_them(cara, aled, sign_in, method):
    customer = make_customer(cara)
    client = sign_in(aled)
    before = database_state()

    urls = [reverse("people:create")] + [reverse(name, args=[customer.pk]) for name in EDITING]
    for url in urls:
        assert getattr(client, method)(url, POSTED if method == "post" else {}).status_code == 403, url

    assert database_state() == before


@pytest.mark.parametrize("method", ["get", "post"])
def test_another_organisation_finds_no_such_customer_on_any_page_and_nothing_is_audited(cara, wren, sign_in, method):
    customer = make_customer(cara)
    client = sign_in(wren)
    before = database_state()

    for name in PER_CUSTOMER:
        url = reverse(name, args=[customer.pk])
        assert getattr(client, method)(url, POSTED if method == "post" else {}).status_code == 404, url

    assert database_state() == before
    assert not AuditEvent.objects.filter(action="customer.viewed").exists()


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_restricted_record_cannot_be_changed_by_staff_not_named_on_it(cara, tom, sign_in, method):
    customer = make_customer(cara)
    customer_restrict(actor=tom, customer=customer, restricted=True)
    client = sign_in(cara)
    before = database_state()

    for name in EDITING:
        response = getattr(client, method)(reverse(name, args=[customer.pk]), POSTED if method == "post" else {})
        assert response.status_code == 403
        assert "This record is restricted" in response.content.decode()

    assert database_state() == before


def test_signed_out_people_are_sent_to_sign_in(cara, client):
    customer = make_customer(cara)

    for url in every_page(customer):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
