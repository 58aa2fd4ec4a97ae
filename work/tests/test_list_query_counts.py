"""My work and Team work: one page of tasks, in the same number of queries however many
tasks there are (a queue is read on every visit, all day)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from core.tests.query_counts import assert_flat_queries, assert_paginated
from work.models import Task
from work.tests.helpers import make_task

pytestmark = pytest.mark.django_db


def _rows(response) -> int:
    return len(response.context["page"].object_list)


def _tasks_for(tom, assignee):
    def add(n):
        for number in range(n):
            make_task(
                actor=tom,
                assignee=assignee,
                title=f"Review {number}",
                due_at=timezone.now() + timedelta(days=1 + number),
                reminders=[timezone.now() + timedelta(hours=2)],
            )

    return add


def test_my_work_costs_the_same_queries_for_three_times_the_tasks(cara, tom, sign_in):
    response = assert_flat_queries(sign_in(cara), "/work/mine", _tasks_for(tom, cara), rows_shown=_rows)
    assert_paginated(response, page_size=50)


def test_team_work_costs_the_same_queries_for_three_times_the_tasks(cara, hana, tom, sign_in):
    def add(n):
        _tasks_for(tom, cara)(n)
        _tasks_for(tom, hana)(n)

    response = assert_flat_queries(sign_in(tom), "/work/team", add, rows_shown=_rows)
    assert_paginated(response, page_size=50)


def test_team_work_with_overdue_tasks_stays_flat(cara, tom, sign_in):
    def add(n):
        for number in range(n):
            make_task(actor=tom, assignee=cara, title=f"Late {number}", due_at=timezone.now() - timedelta(days=1))

    assert_flat_queries(sign_in(tom), "/work/team?status=overdue", add)


def test_a_caseworker_is_refused_team_work_and_changes_nothing(cara, tom, sign_in):
    make_task(actor=tom, assignee=cara)
    before = list(Task.objects.values())
    assert sign_in(cara).get("/work/team").status_code in (403, 404)
    assert list(Task.objects.values()) == before
