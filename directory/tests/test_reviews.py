"""Stale entries produce review tasks for their owners, once (issue 6)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from audit.models import AuditEvent
from directory import reviews, services
from directory.models import Entry
from directory.selectors import is_unverified
from directory.tests.helpers import local_entry, seed
from work.models import Task, TaskState

pytestmark = pytest.mark.django_db


def _make_stale(*entries):
    Entry.objects.filter(pk__in=[e.pk for e in entries]).update(review_due_on=timezone.localdate() - timedelta(days=1))


def test_an_entry_past_its_review_date_gives_its_owner_a_review_task(tom):
    entry = local_entry(tom)
    _make_stale(entry)
    assert reviews.create_review_tasks() == 1
    task = Task.objects.get(rule_code="directory.review")
    assert (task.assignee, task.subject_type, task.subject_id) == (tom, "directory.entry", str(entry.pk))
    assert "Cardiff Women's Safety Unit" in task.title
    assert AuditEvent.objects.filter(action="task.created", target_id=str(task.pk)).exists()
    entry.refresh_from_db()
    assert is_unverified(entry)


def test_running_the_job_again_gives_no_second_task(tom):
    _make_stale(local_entry(tom))
    assert reviews.create_review_tasks() == 1
    assert reviews.create_review_tasks() == 0
    assert Task.objects.filter(rule_code="directory.review").count() == 1


def test_entries_not_yet_due_get_no_task(sam):
    seed(sam)
    assert reviews.create_review_tasks() == 0
    assert reviews.create_review_tasks(today=timezone.localdate() + timedelta(days=31)) > 30


def test_verifying_an_entry_closes_its_review_task_and_moves_its_review_a_year_on(tom):
    entry = local_entry(tom)
    _make_stale(entry)
    reviews.create_review_tasks()
    entry.refresh_from_db()
    verified = services.entry_verify(actor=tom, entry=entry)
    assert verified.last_verified_on == timezone.localdate()
    assert verified.review_due_on == timezone.localdate() + timedelta(days=365)
    assert not is_unverified(verified)
    assert Task.objects.get(rule_code="directory.review").state == TaskState.DONE
    assert AuditEvent.objects.filter(action="directory.entry_verified", target_id=str(entry.pk)).exists()


def test_the_daily_schedule_runs_the_review_job(db):
    from django.core.management import call_command
    from django_q.models import Schedule

    call_command("setup_schedules", stdout=open("/dev/null", "w"))  # noqa: SIM115
    schedule = Schedule.objects.get(name="directory.review-tasks")
    assert (schedule.func, schedule.minutes) == ("directory.reviews.create_review_tasks", 1440)
