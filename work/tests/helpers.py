"""Tasks for tests, made through the real service."""

from datetime import UTC, datetime, timedelta

from django.utils import timezone

from audit.models import AuditEvent
from core.system import system_actor
from work import services
from work.models import Notification, Task, TaskReminder
from work.rules import DA_PLAN_REVIEW

# A Monday in term time; tests freeze the clock around it.
NOON = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)


def make_task(*, actor=None, assignee=None, team=None, due_at=None, reminders=(), title="Review the DA plan", **kw):
    return services.task_create(
        actor=actor or system_actor(),
        title=title,
        rule=kw.pop("rule", DA_PLAN_REVIEW),
        assignee=assignee,
        team=team,
        due_at=due_at or timezone.now() + timedelta(days=2),
        reminders=reminders,
        **kw,
    )


def database_state() -> tuple:
    """Everything a work action could change, to prove a refused one changed nothing."""
    return (
        list(Task.objects.order_by("pk").values()),
        list(TaskReminder.objects.order_by("pk").values()),
        list(Notification.objects.order_by("pk").values()),
        AuditEvent.objects.count(),
    )
