"""The deadline sweep: every minute (django-q2 schedule), send reminders that are due and
escalate open tasks that are overdue to the team leader (issue 5).

It is idempotent. Each batch claims its rows in one transaction with
`SELECT ... FOR UPDATE SKIP LOCKED` (PostgreSQL) and a conditional UPDATE (`WHERE
sent_at IS NULL`, `WHERE escalated_at IS NULL`); SQLite takes its write lock at BEGIN
(IMMEDIATE transactions), so there the batches of two workers simply queue. A reminder or
escalation claimed once is never claimed again, so a sweep that runs twice, or two workers
at once, sends nothing twice. The in-app notification and the audit event commit with the
claim; the email goes after the commit, so a failed email never un-sends a notification,
and a crash between commit and email loses at most that email (the notification stays).
"""

import logging
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from audit import bulk as audit_bulk
from core.system import system_actor
from work import notify
from work.models import Notification
from work.sweep_queries import (
    Due,
    claim_due_reminders,
    claim_overdue,
    insert_notifications,
    mark_escalated,
    mark_reminders_sent,
)

log = logging.getLogger(__name__)

BATCH = 2000
# Dates in messages are as people in the UK say them (architecture: Europe/London for dates).
LONDON = ZoneInfo("Europe/London")


@dataclass(frozen=True)
class SweepResult:
    reminders_sent: int
    escalated: int


def run_sweep(now: datetime | None = None) -> SweepResult:
    """The scheduled job (django-q2 calls it by name: "work.sweep.run_sweep")."""
    now = now or timezone.now()
    actor = system_actor()
    return SweepResult(
        reminders_sent=send_due_reminders(now=now, actor=actor), escalated=escalate_overdue(now=now, actor=actor)
    )


@dataclass(frozen=True)
class _Person:
    pk: int
    email: str


def _leaders_by_team(team_ids: set[int]) -> dict[int, list[_Person]]:
    """Each team's team leaders first, then its deputy managers (who stand in when a team
    has no leader, or when the leader is the one whose work is late)."""
    rank = {Role.TEAM_LEADER: 0, Role.DEPUTY_MANAGER: 1}
    leaders: dict[int, list[_Person]] = defaultdict(list)
    people = User.objects.filter(team_id__in=team_ids, is_active=True, role__in=list(rank)).order_by(
        "last_name", "first_name", "id"
    )
    for person in sorted(people.values("pk", "email", "team_id", "role"), key=lambda p: rank[p["role"]]):
        leaders[person["team_id"]].append(_Person(person["pk"], person["email"]))
    return leaders


def _leader_for(task: Due, leaders: dict[int, list[_Person]]) -> _Person | None:
    return next((p for p in leaders.get(task.holder_team_id, []) if p.pk != task.assignee_id), None)


def _append_audit(events: list[audit_bulk.NewEvent]) -> None:
    """The events `audit_record` would write, chained in one go inside this transaction:
    a backlog of thousands is then one insert, not thousands of head updates."""
    audit_bulk.audit_record_many(events)


def _event(action: str, actor, task: Due, summary: str, changes: dict) -> audit_bulk.NewEvent:
    return audit_bulk.NewEvent(
        action=action,
        actor_id=actor.pk,
        actor_label=actor.username,
        target_type="work.task",
        target_id=str(task.pk),
        person_ref=f"customer:{task.customer_id}" if task.customer_id else "",
        summary=summary,
        changes=changes,
    )


@lru_cache(maxsize=512)
def _day(when: date) -> str:
    return f"{when.day} {when:%B %Y}"


def _due_day(due_at: datetime) -> str:
    return _day(due_at.astimezone(LONDON).date())


def _email(person: _Person, subject: str, day: str) -> notify.Email | None:
    # The email says only that there is something to do, and when: what it is about
    # stays inside Haven (emails leave our systems; titles may name a customer's need).
    if not person.email:
        return None
    body = f"{subject}. It is due on {day}.\n\nSign in to Haven and open My work to see it."
    return notify.Email(to=person.email, subject=subject, body=body)


def _notification(person: _Person, kind: str, task: Due, text: str, now: datetime, prefix: str) -> tuple:
    return (person.pk, kind, task.pk, text[:300], f"{prefix}{task.pk}", now)


def _send(emails: list[notify.Email | None]) -> None:
    emails = [email for email in emails if email is not None]
    if not emails:
        return
    try:
        notify.gateway().send_email(emails)
    except Exception:  # the notifications are committed: log, and carry on
        log.exception("Sending %d reminder or escalation emails failed", len(emails))


def _task_url_prefix() -> str:
    # One reverse() a sweep rather than one a notification.
    return reverse("work:task", args=[0])[:-1]


def send_due_reminders(*, now: datetime, actor) -> int:
    """Sends every reminder due by `now` that has not been sent. Returns how many."""
    sent, prefix = 0, _task_url_prefix()
    while True:
        emails = []
        with transaction.atomic(durable=True):
            ids, tasks = claim_due_reminders(now=now, limit=BATCH)
            if not ids:
                break
            mark_reminders_sent(ids, now=now)
            leaders = _leaders_by_team({t.holder_team_id for t in tasks if t.assignee_id is None})
            notifications, events = [], []
            for task in tasks:
                # A queue's reminder goes to whoever shares out the queue's work.
                recipient = (
                    _Person(task.assignee_id, task.assignee_email) if task.assignee_id else _leader_for(task, leaders)
                )
                day = _due_day(task.due_at)
                text = f"Reminder: “{task.title}” is due on {day}"
                if recipient is not None:
                    notifications.append(_notification(recipient, Notification.Kind.REMINDER, task, text, now, prefix))
                    emails.append(_email(recipient, "You have a task in Haven", day))
                events.append(
                    _event("task.reminder_sent", actor, task, text[:300], {"to": recipient.pk if recipient else None})
                )
            insert_notifications(notifications)
            _append_audit(events)
            sent += len(ids)
        _send(emails)
    return sent


def escalate_overdue(*, now: datetime, actor) -> int:
    """Escalates, once, every open task whose due time has passed, to a leader of the team
    answerable for it (its team leader; a deputy manager if there is none, or if the
    team leader is the one whose task it is). Returns how many tasks escalated."""
    escalated, prefix = 0, _task_url_prefix()
    while True:
        emails = []
        with transaction.atomic(durable=True):
            tasks = claim_overdue(now=now, limit=BATCH)
            if not tasks:
                break
            leaders = _leaders_by_team({task.holder_team_id for task in tasks})
            chosen = {task.pk: _leader_for(task, leaders) for task in tasks}
            by_leader: dict[int | None, list[int]] = defaultdict(list)
            for task in tasks:
                leader = chosen[task.pk]
                by_leader[leader.pk if leader else None].append(task.pk)
            for leader_id, task_ids in by_leader.items():
                mark_escalated(task_ids, to=leader_id, now=now)
            notifications, events = [], []
            for task in tasks:
                leader = chosen[task.pk]
                day = _due_day(task.due_at)
                text = f"Overdue: “{task.title}” ({task.holder}) was due on {day}"
                if leader is not None:
                    notifications.append(_notification(leader, Notification.Kind.ESCALATION, task, text, now, prefix))
                    emails.append(_email(leader, "A task in your team is overdue", day))
                summary = text if leader else f"{text}; the team has no team leader or deputy manager to tell"
                events.append(
                    _event("task.escalated", actor, task, summary[:300], {"to": leader.pk if leader else None})
                )
            insert_notifications(notifications)
            _append_audit(events)
            escalated += len(tasks)
        _send(emails)
    return escalated
