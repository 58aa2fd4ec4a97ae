"""The incidents list (/incidents/, open and closed) and the support partner's waiting
alerts (/incidents/alerts/): the same number of queries however many rows there are."""

import pytest

from audit.models import AuditEvent
from core.tests.query_counts import assert_flat_queries, assert_paginated
from disclosures.tests.helpers import customer_at_risk
from incidents import services, services_partner
from incidents.models import Incident, SupportAlert
from incidents.tests.emergency_walk import join_as_partner
from incidents.tests.helpers import SECTION_C, start_da_plan, walk

pytestmark = pytest.mark.django_db


def _alerts_raised_by(cara):
    def add(n):
        for _ in range(n):
            incident = walk(
                start_da_plan(cara, customer_at_risk(cara)),
                cara,
                {"safe-now": "not-safe-now"},
                until="a-summon-partner",
            )
            services_partner.alert_raise(actor=cara, incident=incident)

    return add


def _incidents_of(cara, *, partner=None, closed=False):
    """Incidents Cara works on, each about a customer (and with a partner who joined):
    every column of the list has something to read."""

    def add(n):
        for _ in range(n):
            incident = start_da_plan(cara, customer_at_risk(cara))
            if partner is not None:
                incident = join_as_partner(incident, partner)
            if closed:
                incident = walk(incident, cara, SECTION_C)
                services.incident_close(actor=cara, incident=incident, version=incident.version)

    return add


def _rows(response) -> int:
    return len(assert_paginated(response).object_list)


def test_the_open_incidents_cost_the_same_queries_for_three_times_the_incidents(cara, nia, sign_in):
    response = assert_flat_queries(sign_in(cara), "/incidents/", _incidents_of(cara, partner=nia), rows_shown=_rows)
    assert "with Nia Evans" in response.content.decode()


def test_the_team_leaders_closed_incidents_cost_the_same_queries_for_three_times_the_incidents(cara, tom, sign_in):
    assert_flat_queries(sign_in(tom), "/incidents/?state=closed", _incidents_of(cara, closed=True), rows_shown=_rows)


def test_the_data_protection_officer_is_refused_the_incidents_list_and_changes_nothing(cara, priya, sign_in):
    _incidents_of(cara)(2)
    client = sign_in(priya)
    before = (list(Incident.objects.values()), AuditEvent.objects.count())
    response = client.get("/incidents/")
    assert response.status_code == 404  # the policy hides that incidents exist at all
    assert (list(Incident.objects.values()), AuditEvent.objects.count()) == before


def test_the_waiting_alerts_cost_the_same_queries_for_three_times_the_alerts(cara, nia, sign_in):
    assert_flat_queries(
        sign_in(nia), "/incidents/alerts/", _alerts_raised_by(cara), rows_shown=lambda r: len(r.context["alerts"])
    )


def test_the_waiting_alerts_as_json_cost_the_same_queries_for_three_times_the_alerts(cara, nia, sign_in):
    assert_flat_queries(sign_in(nia), "/incidents/alerts/waiting", _alerts_raised_by(cara))


def test_someone_who_cannot_be_a_support_partner_is_refused_the_alerts_and_changes_nothing(cara, aled, sign_in):
    _alerts_raised_by(cara)(1)
    before = list(SupportAlert.objects.values())
    assert sign_in(aled).get("/incidents/alerts/").status_code in (403, 404)
    assert list(SupportAlert.objects.values()) == before
