"""The audit search: one page of events, in the same number of queries however long the
trail (six years of events on a national service)."""

import pytest

from audit.models import AuditEvent
from audit.services import audit_record_now
from core.tests.query_counts import assert_flat_queries, assert_paginated

pytestmark = pytest.mark.django_db


def test_audit_search_results_cost_the_same_queries_for_three_times_the_events(aled, ada, sign_in):
    def add(n):
        for _ in range(n):
            audit_record_now(actor=ada, action="staff.updated", target=ada, person_ref="C100", summary="Changed role")

    response = assert_flat_queries(
        sign_in(aled), "/audit/?person_ref=C100", add, rows_shown=lambda r: len(r.context["rows"])
    )
    assert_paginated(response, page_size=50)


def test_a_caseworker_is_refused_the_audit_search_and_nothing_is_recorded(cara, sign_in):
    client = sign_in(cara)  # signing in is itself recorded
    before = AuditEvent.objects.count()
    response = client.get("/audit/?person_ref=C100")
    assert response.status_code in (403, 404)
    assert not AuditEvent.objects.filter(action="audit.searched").exists()
    assert AuditEvent.objects.count() == before
