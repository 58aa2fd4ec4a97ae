"""Seeding customers in bulk makes what the services make, and search ranks the same way
whichever of its shapes answers."""

import io
from datetime import date

import pytest
from django.core.management import call_command
from django.db import connection

from accounts.personas import ORGANISATION
from audit.models import AuditEvent
from audit.verification import verify_chain
from core.errors import InvalidInput
from core.system import system_actor
from people import search_keys, search_query, search_sql
from people.bulk import NewCustomer, NewMarker, customers_append_many
from people.management.commands.seed_customers import seed_customers
from people.models import Customer, CustomerMarker, PrivacyNeeds, SafeContact, SearchKey
from people.selectors import customer_search
from people.tests.factories import make_customer


def _keys(customer):
    return sorted(SearchKey.objects.filter(customer=customer).values_list("kind", "value"))


def test_seeded_customers_have_the_rows_and_search_keys_the_services_would_make(cara):
    made = seed_customers(60, seed=7, batch_size=25)

    customers = Customer.objects.filter(organisation=cara.organisation)
    assert made == customers.count() == 60
    assert SafeContact.objects.count() == PrivacyNeeds.objects.count() == 60
    for customer in customers:
        assert _keys(customer) == sorted(search_keys.keys_for(customer))
        assert customer.case_number.startswith("HVN-")
    # One event for each batch (25 + 25 + 10), in the batch's own transaction, and the chain holds.
    events = AuditEvent.objects.filter(action="customer.bulk_created").order_by("seq")
    assert [event.changes["count"] for event in events] == [25, 25, 10]
    assert verify_chain().ok


def test_the_same_seed_makes_the_same_people(cara):
    seed_customers(20, seed=3)
    first = list(Customer.objects.order_by("id").values_list("given_names", "family_name", "date_of_birth"))
    Customer.objects.all().delete()
    seed_customers(20, seed=3)
    second = list(Customer.objects.order_by("id").values_list("given_names", "family_name", "date_of_birth"))
    assert first == second


def test_seeding_loads_the_demo_organisation_when_it_is_missing(db):
    out = io.StringIO()
    call_command("seed_customers", "5", stdout=out)
    assert Customer.objects.filter(organisation__name=ORGANISATION).count() == 5
    assert "Created 5 synthetic customers." in out.getvalue()


def test_a_bulk_customer_matches_one_made_through_the_service_and_is_found_like_it(cara):
    identity = {
        "given_names": " Siân ",
        "family_name": "O'Brien-Smith",
        "date_of_birth": date(1980, 2, 29),
        "ni_number": "ab 12 34 56 c",
        "postcode": "ne1 4xf",
        "nation": "england",
    }
    marker = NewMarker(
        marker_code="domestic-abuse-risk", reason="Disclosed on a call", set_on=date(2025, 5, 1), set_by_id=cara.pk
    )
    customers_append_many(
        [
            NewCustomer(
                identity=identity,
                case_number="HVN-0000BEEF",
                other_names=[("Siân", "Jones", "previous", None)],
                references=[("benefit", "uc 123")],
                markers=[marker],
                safe_contact={"note": "Mobile only"},
            )
        ],
        actor=system_actor(),
        organisation_id=cara.organisation.pk,
    )
    bulk = Customer.objects.get(case_number="HVN-0000BEEF")
    service = make_customer(cara, **{**identity, "ni_number": "AB123457C"})

    fields = ("given_names", "family_name", "date_of_birth", "postcode", "nation", "version", "is_restricted")
    assert [getattr(bulk, f) for f in fields] == [getattr(service, f) for f in fields]
    assert bulk.ni_number == "AB123456C"
    assert bulk.safe_contact.note == "Mobile only"
    assert CustomerMarker.objects.get(customer=bulk).reason == "Disclosed on a call"
    assert bulk.references.get().value == "UC 123"
    assert _keys(bulk) == sorted(search_keys.keys_for(bulk))
    for text in ("sian obrien", "Jones", "AB 12 34 56 C", "UC123", "HVN-0000BEEF"):
        results, _ = customer_search(user=cara, text=text)
        assert bulk.pk in [result.id for result in results], text


def test_an_invalid_bulk_customer_is_refused_before_its_batch_is_written(cara):
    bad = NewCustomer(identity={"given_names": "A", "family_name": "B", "ni_number": "12"}, case_number="HVN-1")
    with pytest.raises(InvalidInput, match="National Insurance"):
        customers_append_many([bad], actor=system_actor(), organisation_id=cara.organisation.pk)
    assert Customer.objects.count() == 0
    assert not AuditEvent.objects.filter(action="customer.bulk_created").exists()


@pytest.mark.parametrize("text", ["Jane Smith", "Smith", "Smyth", "Jane", "Jan Smi", "Jayne Smith"])
def test_search_ranks_the_same_whether_exact_matches_fill_the_page_or_not(cara, text):
    # 22 exact "Jane Smith"s (more than a page), near matches made first so they have lower ids.
    for family in ("Smyth", "Smithson", "Smit"):
        make_customer(cara, given_names="Jayne", family_name=family, ni_number="", postcode="")
    for _ in range(22):
        make_customer(cara, given_names="Jane", family_name="Smith", ni_number="", postcode="")
    query = search_query.parse(text)
    organisation_id = cara.organisation.pk

    fast = search_sql.matching_ids(organisation_id, query, 20)
    sql, params = search_sql._by_names(organisation_id, query.name_tokens, 20)  # every near match scored
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        scored = [row[0] for row in cursor.fetchall()]

    assert fast == scored
    assert len(fast) == 20
