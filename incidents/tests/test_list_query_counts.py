"""The support partner's waiting alerts (/incidents/alerts/): the same number of queries
however many alerts wait. (The incidents list itself is built on the issue 8 branches;
its query-count test belongs with it.)"""

import pytest

from core.tests.query_counts import assert_flat_queries
from disclosures.tests.helpers import customer_at_risk
from incidents import services_partner
from incidents.models import SupportAlert
from incidents.tests.helpers import start_da_plan, walk

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
