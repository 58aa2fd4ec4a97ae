"""Customers over the API: the wrong role, another organisation and a restricted record
are refused, and nothing changes."""

import pytest

from api.tests.helpers import token_for
from audit.models import AuditEvent
from people import services_access, services_markers
from people.models import MarkerType
from people.tests.api_helpers import call, every_operation, state, url_for
from people.tests.factories import make_customer


@pytest.fixture
def customer(cara):
    return make_customer(cara)


@pytest.fixture
def marker(cara, customer):
    marker_type = MarkerType.objects.get(code="domestic-abuse-risk")
    return services_markers.marker_add(actor=cara, customer=customer, marker_type=marker_type, reason="Disclosed DA")


# --- Refusals ---------------------------------------------------------------------------


@pytest.mark.parametrize("index", range(11))
def test_a_role_that_may_not_do_it_is_refused_and_nothing_changes(client, ada, aled, customer, marker, index):
    operation = every_operation(customer, marker)[index]
    # An auditor may read customers but change nothing; an administrator manages staff, not customers.
    person = ada if operation[0] == "get" or "break-glass" in operation[1] else aled
    plain = token_for(person)
    before = state()

    response = call(client, operation, plain)

    assert (response.status_code, response.json()) == (403, {"detail": "You do not have permission to do that."})
    assert state() == before


@pytest.mark.parametrize("index", range(2, 11))
def test_another_organisations_customer_is_not_found_and_nothing_changes(client, wren, customer, marker, index):
    plain = token_for(wren)
    before = state()

    response = call(client, every_operation(customer, marker)[index], plain)

    assert (response.status_code, response.json()) == (404, {"detail": "That record was not found."})
    assert state() == before


@pytest.mark.parametrize("index", range(3, 10))
def test_every_change_to_a_restricted_record_is_refused_without_break_glass(client, cara, tom, customer, marker, index):
    services_access.customer_restrict(actor=tom, customer=customer, restricted=True)
    plain = token_for(cara)
    before = state()

    response = call(client, every_operation(customer, marker)[index], plain)

    assert response.status_code == 403
    assert response.json()["break_glass"] == url_for("customer_break_glass", customer)
    assert state() == before


def test_every_operation_succeeds_for_a_caseworker_of_the_organisation(client, cara, customer, marker):
    plain = token_for(cara)
    statuses = [call(client, operation, plain).status_code for operation in every_operation(customer, marker)]
    assert statuses == [200, 201, 200, 200, 200, 200, 201, 200, 201, 201, 201]


def test_no_token_is_refused(client, customer):
    response = client.get(url_for("customer_open", customer))
    assert response.status_code == 401
    assert not AuditEvent.objects.filter(action="customer.viewed").exists()
