"""My work, Team work and the task page, with the named personas. The wrong role is
refused and nothing changes."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from work import services
from work.models import Task, TaskState
from work.rules import CORE_VISIT_FOLLOW_UP
from work.tests.helpers import database_state, make_task

MINE = reverse("work:mine")
TEAM = reverse("work:team")
BULK = reverse("work:team_reassign")


def _past(days=1):
    return timezone.now() - timedelta(days=days)


def _future(days=1):
    return timezone.now() + timedelta(days=days)


def test_my_work_lists_my_open_tasks_overdue_first_with_counts(cara, hana, tom, sign_in):
    make_task(actor=tom, assignee=cara, title="Later", due_at=_future(3))
    make_task(actor=tom, assignee=cara, title="Overdue", due_at=_past())
    make_task(actor=tom, assignee=hana, title="Hana's")

    response = sign_in(cara).get(MINE)

    assert response.status_code == 200
    titles = [task.title for task in response.context["page"]]
    assert titles == ["Overdue", "Later"]
    assert response.context["counts"] == {"open": 2, "overdue": 1}
    assert "My work (2)" in response.content.decode()


def test_my_work_filters_by_state_overdue_and_rule(cara, tom, sign_in):
    done = make_task(actor=tom, assignee=cara, title="Done one")
    services.task_complete(actor=cara, task=done, outcome="Sorted")
    make_task(actor=tom, assignee=cara, title="Overdue", due_at=_past())
    make_task(actor=tom, assignee=cara, title="Visit", rule=CORE_VISIT_FOLLOW_UP)
    client = sign_in(cara)

    def titles(query):
        return [task.title for task in client.get(MINE, query).context["page"]]

    assert titles({"state": "done"}) == ["Done one"]
    assert titles({"overdue": "on"}) == ["Overdue"]
    assert titles({"rule": CORE_VISIT_FOLLOW_UP.code}) == ["Visit"]
    assert titles({"state": "all"})[-1] == "Done one"  # closed after open


def test_the_queue_pages_make_the_same_number_of_queries_for_3_or_60_tasks(cara, tom, sign_in):
    client = sign_in(tom)
    for n in range(3):
        make_task(actor=tom, assignee=cara, title=f"Task {n}")
    client.get(TEAM)  # warm caches (session, content types)
    with CaptureQueriesContext(connection) as few:
        assert client.get(TEAM).status_code == 200
    for n in range(57):
        make_task(actor=tom, team=cara.team if n % 2 else None, assignee=None if n % 2 else cara, title=f"More {n}")
    with CaptureQueriesContext(connection) as many:
        response = client.get(TEAM)
    assert len(response.context["page"]) == 50
    assert len(many) == len(few)


def test_team_work_shows_the_teams_tasks_and_its_queue_to_the_team_leader(cara, hana, tom, dee, sam, sign_in):
    make_task(actor=tom, assignee=cara, title="Cara's")
    make_task(actor=tom, team=cara.team, title="Queued")
    make_task(actor=sam, assignee=sam, title="Safeguarding team's")

    for leader in (tom, dee):
        titles = {task.title for task in sign_in(leader).get(TEAM).context["page"]}
        assert titles == {"Cara's", "Queued"}
    # A safeguarding lead sees the whole organisation's work.
    assert {t.title for t in sign_in(sam).get(TEAM).context["page"]} == {"Cara's", "Queued", "Safeguarding team's"}


@pytest.mark.parametrize("persona", ["cara", "hana", "ada", "aled", "wren"])
def test_team_work_is_refused_to_caseworkers_and_other_roles_and_nothing_changes(persona, request, cara, tom, sign_in):
    task = make_task(actor=tom, assignee=cara)
    client = sign_in(request.getfixturevalue(persona))
    before = database_state()

    assert client.get(TEAM).status_code == 403
    assert client.post(BULK, {"bulk-tasks": [task.pk], "bulk-to": "queue"}).status_code == 403

    assert database_state() == before


def test_an_administrator_has_no_work_pages_and_changes_nothing(cara, tom, ada, sign_in):
    task = make_task(actor=tom, assignee=cara)
    client = sign_in(ada)
    before = database_state()

    assert client.get(MINE).status_code == 403
    assert client.get(reverse("work:task", args=[task.pk])).status_code == 403
    for name, data in (
        ("work:task_complete", {"complete-outcome": "x", "complete-version": 1}),
        ("work:task_cancel", {"cancel-reason": "x", "cancel-version": 1}),
        ("work:task_reassign", {"reassign-to": "queue"}),
        ("work:task_claim", {}),
    ):
        assert client.post(reverse(name, args=[task.pk]), data).status_code == 403, name
    assert client.post(reverse("work:notifications_read")).status_code == 403

    assert database_state() == before
    assert "My work" not in client.get(reverse("home")).content.decode()


def test_bulk_reassignment_by_the_team_leader(cara, hana, tom, sign_in):
    tasks = [make_task(actor=tom, assignee=cara, title=f"T{n}") for n in range(3)]

    response = sign_in(tom).post(BULK, {"bulk-tasks": [t.pk for t in tasks[:2]], "bulk-to": str(hana.pk)})

    assert response.status_code == 302
    assert list(Task.objects.order_by("pk").values_list("assignee", flat=True)) == [hana.pk, hana.pk, cara.pk]
    assert AuditEvent.objects.filter(action="task.reassigned", actor=tom).count() == 2


def test_bulk_reassignment_with_nothing_ticked_says_so_and_keeps_the_choice(cara, hana, tom, sign_in):
    make_task(actor=tom, assignee=cara)
    client = sign_in(tom)
    before = database_state()

    response = client.post(BULK, {"bulk-to": str(hana.pk)})

    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page
    assert "Select the tasks to reassign" in page
    assert f'<option value="{hana.pk}" selected>' in page
    assert database_state() == before


def test_a_team_leader_cannot_bulk_reassign_another_teams_task(cara, sam, tom, sign_in):
    other = make_task(actor=sam, assignee=sam)
    client = sign_in(tom)
    before = database_state()
    assert client.post(BULK, {"bulk-tasks": [other.pk], "bulk-to": "queue"}).status_code == 403
    assert database_state() == before


def test_the_assignee_completes_a_task_on_its_page(cara, tom, sign_in):
    task = make_task(actor=tom, assignee=cara)
    client = sign_in(cara)
    page = client.get(reverse("work:task", args=[task.pk]))
    assert page.status_code == 200
    assert "Mark as done" in page.content.decode()

    response = client.post(
        reverse("work:task_complete", args=[task.pk]), {"complete-outcome": "Called back", "complete-version": 1}
    )

    assert response.status_code == 302
    task.refresh_from_db()
    assert (task.state, task.outcome) == (TaskState.DONE, "Called back")


def test_completing_without_an_outcome_shows_the_error_summary_and_changes_nothing(cara, tom, sign_in):
    task = make_task(actor=tom, assignee=cara)
    client = sign_in(cara)
    before = database_state()

    response = client.post(
        reverse("work:task_complete", args=[task.pk]), {"complete-outcome": "  ", "complete-version": 1}
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page
    assert '<a href="#id_complete-outcome">Enter what was done</a>' in page
    assert database_state() == before


def test_cancelling_keeps_the_reason(cara, tom, sign_in):
    task = make_task(actor=tom, assignee=cara)
    sign_in(tom).post(reverse("work:task_cancel", args=[task.pk]), {"cancel-reason": "Duplicate", "cancel-version": 1})
    task.refresh_from_db()
    assert (task.state, task.cancel_reason) == (TaskState.CANCELLED, "Duplicate")


def test_a_colleague_cannot_see_or_close_someone_elses_task(cara, hana, tom, sign_in):
    task = make_task(actor=tom, assignee=cara)
    client = sign_in(hana)
    before = database_state()

    assert client.get(reverse("work:task", args=[task.pk])).status_code == 404
    assert client.post(
        reverse("work:task_complete", args=[task.pk]), {"complete-outcome": "x", "complete-version": 1}
    ).status_code in (403, 404)
    assert database_state() == before


def test_another_organisation_finds_no_such_task(cara, tom, wren, sign_in):
    task = make_task(actor=tom, assignee=cara)
    client = sign_in(wren)
    before = database_state()
    assert client.get(reverse("work:task", args=[task.pk])).status_code == 404
    assert database_state() == before


def test_a_caseworker_cannot_reassign_on_the_task_page(cara, hana, tom, sign_in):
    task = make_task(actor=tom, assignee=cara)
    client = sign_in(cara)
    before = database_state()
    response = client.post(reverse("work:task_reassign", args=[task.pk]), {"reassign-to": str(hana.pk)})
    assert response.status_code == 403
    assert database_state() == before


def test_the_team_leader_reassigns_on_the_task_page(cara, hana, tom, sign_in):
    task = make_task(actor=tom, assignee=cara)
    response = sign_in(tom).post(
        reverse("work:task_reassign", args=[task.pk]), {"reassign-to": str(hana.pk), "reassign-version": 1}
    )
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.assignee == hana


def test_a_team_member_takes_a_task_from_the_queue(cara, hana, tom, sign_in):
    task = make_task(actor=tom, team=cara.team)
    client = sign_in(hana)
    assert "Take this task" in client.get(reverse("work:task", args=[task.pk])).content.decode()
    assert client.post(reverse("work:task_claim", args=[task.pk])).status_code == 302
    task.refresh_from_db()
    assert task.assignee == hana


def test_reminders_appear_on_my_work_and_can_be_marked_read(cara, tom, sign_in):
    from work.sweep import run_sweep

    make_task(actor=tom, assignee=cara, reminders=[_past(0)], title="Ring the GP")
    run_sweep()
    client = sign_in(cara)
    assert "Reminder: “Ring the GP”" in client.get(MINE).content.decode()

    assert client.post(reverse("work:notifications_read")).status_code == 302
    assert "Reminder: “Ring the GP”" not in client.get(MINE).content.decode()
    assert AuditEvent.objects.filter(action="notification.read", actor=cara).count() == 1
