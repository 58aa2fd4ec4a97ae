"""Stale entries get a review task for their owner (issue 6). The daily job runs
`create_review_tasks` (django-q2 schedule "directory.review-tasks"); it is idempotent:
an entry with an open review task gets no second one."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from core.system import system_actor
from directory.models import Entry
from work import services as work_services
from work.models import Task, TaskState
from work.permissions import can_work
from work.rules import Rule

REVIEW_RULE = Rule("directory.review", "Signposting directory: an entry past its review date is checked")
SUBJECT_TYPE = "directory.entry"
LONDON = ZoneInfo("Europe/London")
DAYS_TO_REVIEW = 10


def _open_review_subjects() -> set[str]:
    return set(
        Task.objects.filter(rule_code=REVIEW_RULE.code, subject_type=SUBJECT_TYPE, state=TaskState.OPEN).values_list(
            "subject_id", flat=True
        )
    )


def stale_entries(today=None):
    today = today or timezone.localdate()
    return Entry.objects.filter(is_active=True, review_due_on__lt=today, owner__isnull=False).select_related("owner")


def create_review_tasks(today=None) -> int:
    """One review task for the owner of each stale entry that has none open. Returns how many."""
    today = today or timezone.localdate()
    already = _open_review_subjects()
    due_at = datetime.combine(today + timedelta(days=DAYS_TO_REVIEW), time(17), tzinfo=LONDON)
    actor = system_actor()
    created = 0
    for entry in stale_entries(today).iterator():
        if str(entry.pk) in already or not entry.owner.is_active or entry.owner.team_id is None:
            continue
        work_services.task_create(  # its own transaction, with its task.created audit event
            actor=actor,
            title=f"Check the directory entry for {entry.name}"[:200],
            rule=REVIEW_RULE,
            due_at=due_at,
            assignee=entry.owner,
            about=entry,
            description=(
                f"Its review was due on {entry.review_due_on:%-d %B %Y}. Check the number, hours and "
                "website are still right, then mark it as verified in the directory."
            ),
        )
        created += 1
    return created


def close_review_tasks(*, actor, entry: Entry) -> None:
    """The entry was verified, so its review is done: closes the open review tasks the
    verifier may close (each in its own transaction, as task services do)."""
    for task in Task.objects.filter(
        rule_code=REVIEW_RULE.code, subject_type=SUBJECT_TYPE, subject_id=str(entry.pk), state=TaskState.OPEN
    ):
        if can_work(actor, task):
            work_services.task_complete(actor=actor, task=task, outcome="Entry verified in the directory.")
