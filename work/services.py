"""Changing tasks. `task_create` is the one way any module makes a deadline (incidents,
disclosures, directory reviews, MR tracking...); pages, the API and jobs call the rest."""

from collections.abc import Iterable
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from accounts.models import Team, User
from audit.services import audit_record, describe_target
from core.errors import EditConflict, HavenError, NotAllowed
from work import permissions
from work.models import Notification, Task, TaskReminder, TaskState
from work.rules import Rule

MAX_BULK = 500


def _org_id_of_team(team: Team) -> int:
    return team.office.region.organisation_id


def _person_ref(task: Task) -> str:
    return f"customer:{task.customer_id}" if task.customer_id else ""


def _aware(value: datetime, field: str, message: str) -> datetime:
    if not isinstance(value, datetime) or timezone.is_naive(value):
        raise HavenError(message, field=field)
    return value


def _holder(*, assignee: User | None, team: Team | None) -> tuple[Team, int]:
    """The team answerable for the task, and its organisation."""
    if (assignee is None) == (team is None):
        raise HavenError("Choose a person or a team queue for the task", field="assignee")
    if assignee is not None:
        if not assignee.is_active or assignee.team_id is None:
            raise HavenError("Choose someone who works in a team", field="assignee")
        return assignee.team, _org_id_of_team(assignee.team)
    return team, _org_id_of_team(team)


def _may_create(actor, organisation_id: int) -> None:
    if getattr(actor, "is_system", False):
        return
    if not permissions.TASK_WORKERS.allows(actor) or actor.team.office.region.organisation_id != organisation_id:
        raise NotAllowed("You can only set tasks for people and teams in your organisation.")


def task_create(
    *,
    actor,
    title: str,
    rule: Rule,
    due_at: datetime,
    assignee: User | None = None,
    team: Team | None = None,
    about=None,
    customer=None,
    description: str = "",
    reminders: Iterable[datetime] = (),
) -> Task:
    """The one service that makes a deadline. Any member of staff who holds casework may
    set a task for someone (or a team queue) in their organisation; modules' jobs pass the
    system actor. `about` is the record the task concerns (any model instance); a customer
    also shows the task on their page. Reminders are sent by the sweep at the given times;
    the task escalates to the team leader once `due_at` passes."""
    title = (title or "").strip()
    if not title:
        raise HavenError("Enter what the task is", field="title")
    _aware(due_at, "due_at", "Enter when the task is due")
    reminder_times = [_aware(when, "reminders", "Enter reminder times with a time zone") for when in reminders]
    holder_team, organisation_id = _holder(assignee=assignee, team=team)
    _may_create(actor, organisation_id)
    if customer is None and about is not None and about._meta.label_lower == "people.customer":
        customer = about
    if customer is not None and customer.organisation_id != organisation_id:
        raise NotAllowed("This customer belongs to another organisation.")
    subject_type, subject_id = describe_target(about)
    task = Task(
        title=title[:200],
        description=description.strip(),
        rule_code=rule.code,
        rule_source=rule.source,
        organisation_id=organisation_id,
        assignee=assignee,
        team=team,
        holder_team=holder_team,
        subject_type=subject_type,
        subject_id=subject_id,
        customer=customer,
        due_at=due_at,
        due_on=timezone.localdate(due_at),
        created_by=actor,
    )
    # Not durable: a module that makes a record and its deadline together (a disclosure
    # decided alone in an emergency and its review) calls this inside its own transaction,
    # so both commit or neither does.
    with transaction.atomic():
        task.save()
        TaskReminder.objects.bulk_create([TaskReminder(task=task, remind_at=when) for when in reminder_times])
        audit_record(
            actor=actor,
            action="task.created",
            target=task,
            person_ref=_person_ref(task),
            summary=task.title,
            changes={
                "rule": rule.code,
                "assignee": assignee.pk if assignee else None,
                "team": team.pk if team else None,
                "due_at": due_at,
                "about": f"{subject_type}:{subject_id}" if subject_type else "",
                "reminders": reminder_times,
            },
        )
    return task


def _locked(task: Task, version: int | None) -> Task:
    locked = Task.objects.select_for_update(of=("self",)).select_related("assignee").get(pk=task.pk)
    if version is not None and locked.version != version:
        raise EditConflict(
            current={"state": locked.get_state_display(), "assignee": str(locked.assignee or locked.team or "")}
        )
    if locked.state != TaskState.OPEN:
        raise HavenError(f"This task is already {locked.get_state_display().lower()}")
    return locked


def _close(*, actor, task: Task, version: int | None, state: str, text: str, action: str) -> Task:
    if not permissions.can_work(actor, task):
        raise NotAllowed("Only the person the task is for, or their team leader, can close it.")
    now = timezone.now()
    # Not durable, as task_create: a module's review service completes its task in its own transaction.
    with transaction.atomic():
        locked = _locked(task, version)
        if state == TaskState.DONE:
            locked.outcome = text
        else:
            locked.cancel_reason = text
        locked.state, locked.closed_at, locked.closed_by, locked.version = state, now, actor, locked.version + 1
        locked.save()
        # Reminders not yet due are no longer wanted; the sweep's index drops them.
        locked.reminders.filter(sent_at__isnull=True, cancelled_at__isnull=True).update(cancelled_at=now)
        audit_record(actor=actor, action=action, target=locked, person_ref=_person_ref(locked), changes={"text": text})
    return locked


def task_complete(*, actor, task: Task, outcome: str, version: int | None = None) -> Task:
    """The assignee, or a leader of the task's team, records what was done. Pending
    reminders are cancelled. `version` (when given) guards against a change made since."""
    outcome = (outcome or "").strip()
    if not outcome:
        raise HavenError("Enter what was done", field="outcome")
    return _close(actor=actor, task=task, version=version, state=TaskState.DONE, text=outcome, action="task.completed")


def task_cancel(*, actor, task: Task, reason: str, version: int | None = None) -> Task:
    """As task_complete, for a task no longer needed; the reason is kept."""
    reason = (reason or "").strip()
    if not reason:
        raise HavenError("Enter why the task is no longer needed", field="reason")
    return _close(
        actor=actor, task=task, version=version, state=TaskState.CANCELLED, text=reason, action="task.cancelled"
    )


def _target(*, actor, assignee: User | None, to_queue: bool) -> tuple[User | None, Team | None]:
    """Where reassigned work may go: a person in the leader's team, or the team queue."""
    if to_queue:
        return None, actor.team
    if assignee is None:
        raise HavenError("Choose who the task is for", field="assignee")
    if assignee.team_id != actor.team_id or not assignee.is_active or not permissions.TASK_WORKERS.allows(assignee):
        raise HavenError("Choose someone in your team", field="assignee")
    return assignee, None


def _move(*, actor, task: Task, assignee: User | None, team: Team | None, action: str) -> dict:
    old = {"assignee": task.assignee_id, "team": task.team_id}
    task.assignee, task.team, task.version = assignee, team, task.version + 1
    task.holder_team_id = assignee.team_id if assignee is not None else team.pk
    task.save(update_fields=["assignee", "team", "holder_team", "version", "updated_at"])
    changes = {
        "assignee": [old["assignee"], assignee.pk if assignee else None],
        "team": [old["team"], team.pk if team else None],
    }
    audit_record(actor=actor, action=action, target=task, person_ref=_person_ref(task), changes=changes)
    return changes


def task_reassign(
    *, actor, task: Task, assignee: User | None = None, to_queue: bool = False, version: int | None = None
) -> Task:
    """A team leader or deputy manager moves one of their team's open tasks to a person
    in the team, or back to the team queue."""
    if not permissions.can_reassign(actor, task):
        raise NotAllowed("Only a team leader or deputy manager of the task's team can reassign it.")
    new_assignee, new_team = _target(actor=actor, assignee=assignee, to_queue=to_queue)
    with transaction.atomic(durable=True):
        locked = _locked(task, version)
        _move(actor=actor, task=locked, assignee=new_assignee, team=new_team, action="task.reassigned")
    return locked


def tasks_reassign_bulk(*, actor, task_ids: list[int], assignee: User | None = None, to_queue: bool = False) -> int:
    """A team leader or deputy manager moves several open tasks of their team at once
    (someone is off sick; the queue needs sharing out). All or nothing: if any task is
    not theirs to move, or no longer open, nothing moves. Returns how many moved."""
    if not permissions.TEAM_WORK_MANAGERS.allows(actor):
        raise NotAllowed("Only a team leader or deputy manager can reassign tasks.")
    ids = sorted({int(task_id) for task_id in task_ids})
    if not ids:
        raise HavenError("Select the tasks to reassign", field="tasks")
    if len(ids) > MAX_BULK:
        raise HavenError(f"Select at most {MAX_BULK} tasks at a time", field="tasks")
    new_assignee, new_team = _target(actor=actor, assignee=assignee, to_queue=to_queue)
    with transaction.atomic(durable=True):
        tasks = list(Task.objects.select_for_update().filter(pk__in=ids).order_by("pk"))
        if len(tasks) != len(ids) or any(not permissions.can_reassign(actor, task) for task in tasks):
            raise NotAllowed("You can only reassign your own team's tasks.")
        if any(task.state != TaskState.OPEN for task in tasks):
            raise HavenError("Some of the tasks selected are already closed", field="tasks")
        for task in tasks:
            _move(actor=actor, task=task, assignee=new_assignee, team=new_team, action="task.reassigned")
    return len(tasks)


def task_claim(*, actor, task: Task) -> Task:
    """A member of the team takes a task from the team queue for themselves."""
    if not permissions.can_claim(actor, task):
        raise NotAllowed("You can only take tasks from your own team's queue.")
    with transaction.atomic(durable=True):
        locked = _locked(task, None)
        if locked.team_id is None:
            raise HavenError("Someone has already taken this task")
        _move(actor=actor, task=locked, assignee=actor, team=None, action="task.claimed")
    return locked


def notifications_mark_read(*, actor) -> int:
    """A person marks their own reminders and escalations as read (only their own)."""
    with transaction.atomic(durable=True):
        count = Notification.objects.filter(user=actor, read_at__isnull=True).update(read_at=timezone.now())
        if count:
            audit_record(actor=actor, action="notification.read", target=actor, changes={"count": count})
    return count
