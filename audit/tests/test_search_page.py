from datetime import UTC, datetime

import pytest
import time_machine
from django.urls import reverse

from audit.models import AuditEvent
from audit.services import audit_record_now
from core.testing.html import control

URL = reverse("audit:search")


def record(actor, action="staff.updated", **kwargs):
    return audit_record_now(actor=actor, action=action, **kwargs)


def listed(response) -> list[int]:
    return [event.seq for event, _ in response.context["rows"]]


def test_an_auditor_sees_the_form_and_no_search_is_made_until_they_search(aled, sign_in):
    client = sign_in(aled)  # signing in is itself recorded
    before = AuditEvent.objects.count()
    response = client.get(URL)
    assert response.status_code == 200
    assert response.context["page"] is None
    assert AuditEvent.objects.count() == before


def test_a_search_lists_events_newest_first_with_their_meaning(aled, ada, sign_in):
    older = record(ada, target=ada, person_ref="C100", summary="Changed the role")
    newer = record(ada, action="staff.deactivated", target=ada, person_ref="C100")
    response = sign_in(aled).get(URL, {"person_ref": "C100"})
    assert listed(response) == [newer.seq, older.seq]
    page = response.content.decode()
    assert "An administrator deactivated a staff account and ended its sessions." in page
    assert "Changed the role" in page
    assert f"accounts.user {ada.pk}" in page


def test_a_data_protection_officer_may_search_too(priya, sign_in):
    assert sign_in(priya).get(URL, {"action": "staff.created"}).status_code == 200


def test_searching_by_record_finds_only_that_record(aled, ada, cara, sign_in):
    mine = record(ada, target=cara)
    record(ada, target=ada)
    response = sign_in(aled).get(URL, {"target_type": "accounts.user", "target_id": str(cara.pk)})
    assert mine.seq in listed(response)
    assert all(event.target_id == str(cara.pk) for event, _ in response.context["rows"])


def test_searching_by_actor_finds_only_their_events(aled, ada, tom, sign_in):
    theirs = record(tom, action="support_group.joined", person_ref="T1")
    record(ada, action="support_group.joined", person_ref="T1")
    response = sign_in(aled).get(URL, {"actor": "TOM", "person_ref": "T1"})
    assert listed(response) == [theirs.seq]


def test_searching_by_action_finds_only_that_action(aled, ada, sign_in):
    token = record(ada, action="api_token.revoked")
    response = sign_in(aled).get(URL, {"action": "api_token.revoked"})
    assert listed(response) == [token.seq]


def test_dates_are_whole_days_in_london(aled, ada, sign_in):
    # 23:30 UTC on 30 June is 00:30 on 1 July in London (BST).
    with time_machine.travel(datetime(2026, 6, 30, 23, 30, tzinfo=UTC)):
        first_of_july = record(ada, person_ref="D1")
    with time_machine.travel(datetime(2026, 6, 30, 22, 30, tzinfo=UTC)):
        thirtieth = record(ada, person_ref="D1")
    client = sign_in(aled)
    july = client.get(URL, {"person_ref": "D1", "from_day": "1", "from_month": "7", "from_year": "2026"})
    june = client.get(URL, {"person_ref": "D1", "to_day": "30", "to_month": "6", "to_year": "2026"})
    assert listed(july) == [first_of_july.seq]
    assert listed(june) == [thirtieth.seq]


def test_each_search_is_recorded_with_its_filters(aled, sign_in):
    sign_in(aled).get(
        URL, {"person_ref": "C7", "action": "staff.created", "from_day": "2", "from_month": "3", "from_year": "2026"}
    )
    event = AuditEvent.objects.order_by("-seq").first()
    assert (event.action, event.actor, event.person_ref) == ("audit.searched", aled, "C7")
    assert event.changes["filters"] == {"person_ref": "C7", "action": "staff.created", "date_from": "2026-03-02"}
    assert event.changes["page"] == 1


@pytest.mark.parametrize("persona", ["cara", "ada", "tom"])
def test_other_roles_are_refused_and_nothing_is_recorded(persona, request, sign_in, db):
    client = sign_in(request.getfixturevalue(persona))
    before = AuditEvent.objects.count()
    response = client.get(URL, {"person_ref": "C1"})
    assert response.status_code == 403
    assert AuditEvent.objects.count() == before
    assert not AuditEvent.objects.filter(action="audit.searched").exists()


def test_a_to_date_before_the_from_date_is_an_error_that_keeps_what_was_typed(aled, sign_in):
    client = sign_in(aled)
    before = AuditEvent.objects.count()
    query = {
        "person_ref": "C9",
        "from_day": "5",
        "from_month": "4",
        "from_year": "2026",
        "to_day": "4",
        "to_month": "4",
        "to_year": "2026",
    }
    response = client.get(URL, query)
    page = response.content.decode()
    message = "To date must be the same as or after the from date"
    assert "There is a problem" in page
    assert f'<a href="#id_to_day">{message}</a>' in page
    assert f'<span class="govuk-visually-hidden">Error:</span> {message}' in page
    assert control(page, "person_ref")["value"] == "C9"
    to_year = control(page, "to_year")
    assert (to_year["value"], to_year["inputmode"]) == ("2026", "numeric")
    assert response.context["page"] is None
    assert AuditEvent.objects.count() == before


@pytest.mark.parametrize(
    ("day", "month", "year", "message"),
    [
        ("31", "2", "2026", "From date must be a real date"),
        ("x", "2", "2026", "From date must be a real date"),
        ("1", "2", "26", "From date must be a real date"),
        ("1", "", "", "From date must include a month and year"),
    ],
)
def test_an_impossible_date_is_an_error(aled, sign_in, day, month, year, message):
    response = sign_in(aled).get(URL, {"from_day": day, "from_month": month, "from_year": year})
    page = response.content.decode()
    assert "There is a problem" in page
    assert message in page
    assert control(page, "from_day")["value"] == day


def test_results_come_fifty_a_page_with_links_that_keep_the_filters(aled, ada, sign_in):
    records = [record(ada, person_ref="P51") for _ in range(51)]
    client = sign_in(aled)
    first = client.get(URL, {"person_ref": "P51"})
    assert len(first.context["rows"]) == 50
    assert "?person_ref=P51&amp;page=2" in first.content.decode()
    second = client.get(URL, {"person_ref": "P51", "page": "2"})
    # 52 now: the first search is itself an event about person P51, and the newest.
    assert listed(second) == [records[1].seq, records[0].seq]


def test_the_number_of_queries_does_not_grow_with_the_trail(aled, ada, sign_in, django_assert_max_num_queries):
    client = sign_in(aled)
    client.get(URL, {"action": "staff.updated"})  # warm the session and caches
    for _ in range(120):
        record(ada)
    # Session and user (7, from the middleware), count and page (2), recording the search (5).
    with django_assert_max_num_queries(14) as small:
        client.get(URL, {"action": "staff.updated"})
    for _ in range(200):
        record(ada)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(URL, {"action": "staff.updated", "page": "3"})
    assert len(response.context["rows"]) == 50
