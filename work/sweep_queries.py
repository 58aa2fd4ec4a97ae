"""The deadline sweep's reads and writes (work/sweep.py says what it does, and why running
it twice, or twice at once, sends nothing twice).

What a backlog of thousands costs here is per-row work in Python and in the database, so:
the reminders and their tasks are claimed, locked and read in one query, and the people
and queues holding them in one more each; tasks are read as plain values, not model
instances; on PostgreSQL a batch's ids go as one array parameter
(`= ANY(%s)`) rather than 2,000 `IN (%s, …)` placeholders that Django prepares one by one
and psycopg then splits out of the SQL again; notifications go by COPY.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db import connection
from django.db.models import F, Lookup, Q

from accounts.models import Team, User
from work.models import Notification, Task, TaskReminder, TaskState


@dataclass(frozen=True)
class Due:
    """What the sweep needs of a task, read as plain values: building 10,000 model
    instances with their related users would cost more than everything else it does."""

    pk: int
    title: str
    due_at: datetime
    assignee_id: int | None
    holder_team_id: int | None
    customer_id: int | None
    assignee_email: str | None
    holder: str


# The task's own columns: the claims join nothing else, so that their row locks cover
# exactly the rows claimed (PostgreSQL refuses FOR UPDATE on the nullable side of an
# outer join). Who holds each task is read after, once per person or team in the batch.
_TASK_FIELDS = ("pk", "title", "due_at", "assignee_id", "holder_team_id", "customer_id", "team_id")


def _tasks(rows: list[tuple]) -> list[Due]:
    """Rows of _TASK_FIELDS as Due, with their assignees' and queues' names."""
    if not rows:  # the sweep most minutes: building the two queries would be its cost
        return []
    people = {
        pk: (email, f"{first} {last}".strip() or username)
        for pk, email, first, last, username in User.objects.filter(
            pk__in={row[3] for row in rows if row[3] is not None}
        ).values_list("pk", "email", "first_name", "last_name", "username")
    }
    teams = dict(Team.objects.filter(pk__in={row[6] for row in rows if row[6] is not None}).values_list("pk", "name"))
    tasks = []
    for pk, title, due_at, assignee_id, holder_team_id, customer_id, team_id in rows:
        email, holder = people[assignee_id] if assignee_id else (None, f"the {teams[team_id]} queue")
        tasks.append(Due(pk, title, due_at, assignee_id, holder_team_id, customer_id, email, holder))
    return tasks


class _AnyOf(Lookup):
    """`column = ANY(%s)`, the ids as one array parameter (PostgreSQL only). Not registered
    on any field: `_pk_among` builds it where the sweep needs it."""

    lookup_name = "any_of"
    prepare_rhs = False  # the list is the parameter as it is; psycopg sends it as an array

    def as_sql(self, compiler, connection):
        lhs, params = self.process_lhs(compiler, connection)
        return f"{lhs} = ANY(%s)", (*params, list(self.rhs))


def _pk_among(ids: list[int]):
    """A filter for rows whose primary key is one of `ids`: an array parameter on
    PostgreSQL, `IN (...)` elsewhere (SQLite has no arrays; in process, it is cheap)."""
    if connection.vendor == "postgresql":
        return _AnyOf(F("pk"), ids)
    return Q(pk__in=ids)


def claim_due_reminders(*, now: datetime, limit: int) -> tuple[list[int], list[Due]]:
    """Locks up to `limit` unsent reminders due by `now` of open tasks, with their tasks,
    skipping any row another transaction holds, and reads those tasks. Returns the
    reminders' ids and the tasks (one each, however many of its reminders are due),
    soonest due first. Must run inside the transaction that marks them sent."""
    rows = list(
        # The task rows are locked too, before anything else: a task being closed or
        # escalated at this moment is skipped (never waited for), and closing a task (task
        # row, then its reminders) can never deadlock with this.
        TaskReminder.objects.select_for_update(skip_locked=True)
        .filter(sent_at__isnull=True, cancelled_at__isnull=True, remind_at__lte=now, task__state=TaskState.OPEN)
        .order_by("remind_at", "id")
        .values_list("id", *(f"task__{field}" for field in _TASK_FIELDS))[:limit]
    )
    # Several reminders of one task due together make one message.
    tasks = sorted({row[1]: row[1:] for row in rows}.values(), key=lambda task: (task[2], task[0]))
    return [row[0] for row in rows], _tasks(tasks)


def mark_reminders_sent(ids: list[int], *, now: datetime) -> None:
    TaskReminder.objects.filter(_pk_among(ids), sent_at__isnull=True).update(sent_at=now)


def claim_overdue(*, now: datetime, limit: int) -> list[Due]:
    """Locks and reads up to `limit` open, unescalated tasks due before `now`, skipping
    any another transaction holds, soonest due first. Must run inside the transaction
    that marks them escalated."""
    return _tasks(
        list(
            Task.objects.select_for_update(skip_locked=True)
            .filter(state=TaskState.OPEN, escalated_at__isnull=True, due_at__lt=now)
            .order_by("due_at", "id")
            .values_list(*_TASK_FIELDS)[:limit]
        )
    )


def mark_escalated(task_ids: list[int], *, to: int | None, now: datetime) -> None:
    Task.objects.filter(_pk_among(task_ids), escalated_at__isnull=True).update(escalated_at=now, escalated_to_id=to)


NOTIFICATION_COLUMNS = ("user_id", "kind", "task_id", "text", "link", "created_at")


def insert_notifications(rows: list[tuple]) -> None:
    """Notifications (rows of NOTIFICATION_COLUMNS) by the database's bulk path (COPY on
    PostgreSQL, one prepared INSERT on SQLite), as audit/bulk.py does: in a backlog of
    thousands, bulk_create's per-value compiling costs more than the rest of the sweep.
    Every column is a plain int, text or UTC datetime, prepared the way the backend
    stores it."""
    if not rows:
        return
    table = connection.ops.quote_name(Notification._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(column) for column in NOTIFICATION_COLUMNS)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        # Adapted once per moment, not once per row: a batch is all one moment.
        stored = {moment: connection.ops.adapt_datetimefield_value(moment) for moment in {row[-1] for row in rows}}
        prepared = [(*row[:-1], stored[row[-1]]) for row in rows]
        placeholders = ", ".join(["%s"] * len(NOTIFICATION_COLUMNS))
        cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({placeholders})", prepared)  # noqa: S608
