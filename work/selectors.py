"""Reading tasks: each selector returns only what the user may see (work/permissions.py)."""

from dataclasses import dataclass

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from core.errors import NotFound
from work import permissions
from work.models import Notification, Task, TaskState
from work.rules import known_rules

STATE_FILTERS = ("open", "done", "cancelled", "all")


@dataclass(frozen=True)
class TaskFilters:
    state: str = "open"
    overdue: bool = False
    rule: str = ""

    @classmethod
    def from_query(cls, query) -> "TaskFilters":
        state = query.get("state", "open")
        return cls(
            state=state if state in STATE_FILTERS else "open",
            overdue=query.get("overdue") in {"1", "true", "on", "yes"},
            rule=(query.get("rule") or "").strip()[:80],
        )


def task_get(*, user, task_id: int) -> Task:
    """The task if `user` may see it; NotFound otherwise (even its existence may say
    something about a customer)."""
    task = (
        Task.objects.select_related("assignee", "team", "holder_team", "escalated_to", "closed_by", "created_by")
        .filter(pk=task_id)
        .first()
    )
    if task is None or not permissions.can_view(user, task):
        raise NotFound("That task was not found.")
    return task


def _filtered(queryset: QuerySet, filters: TaskFilters) -> QuerySet:
    now = timezone.now()
    if filters.state != "all":
        queryset = queryset.filter(state=filters.state)
    if filters.overdue:
        queryset = queryset.filter(state=TaskState.OPEN, due_at__lt=now)
    if filters.rule:
        queryset = queryset.filter(rule_code=filters.rule)
    if filters.state == "open":
        # Soonest first puts overdue work first: it is due earliest.
        return queryset.order_by("due_at", "id")
    # Mixed states: open (overdue first), then closed, most recent first.
    rank = Case(When(state=TaskState.OPEN, then=Value(0)), default=Value(1), output_field=IntegerField())
    return queryset.annotate(rank=rank).order_by("rank", "due_at", "id")


# What a queue row shows, and no more: a page of 50 rows reads 11 columns, not 60.
ROW_FIELDS = (
    "id",
    "title",
    "due_at",
    "state",
    "rule_code",
    "assignee_id",
    "team_id",
    "version",
    "assignee__username",
    "assignee__first_name",
    "assignee__last_name",
    "team__name",
)


def _with_people(queryset: QuerySet) -> QuerySet:
    return queryset.select_related("assignee", "team").only(*ROW_FIELDS)


def tasks_mine(*, user, filters: TaskFilters = TaskFilters()) -> QuerySet:
    return _with_people(_filtered(Task.objects.filter(assignee=user), filters))


def team_scope(user) -> Q:
    """Team leaders and deputies: their team's tasks (its queue and its members').
    Safeguarding leads: their organisation's."""
    if user.has_role(Role.SAFEGUARDING_LEAD):
        return Q(organisation_id=user.team.office.region.organisation_id)
    return Q(holder_team_id=user.team_id)


def tasks_team(*, user, filters: TaskFilters = TaskFilters()) -> QuerySet:
    return _with_people(_filtered(Task.objects.filter(team_scope(user)), filters))


def open_counts(queryset: QuerySet) -> dict[str, int]:
    """Open and overdue in one query, over the same scope as the list."""
    # Two index-only counts: the overdue one reads only the overdue range of the index,
    # where one COUNT ... FILTER would read every open task of the team.
    open_tasks = queryset.filter(state=TaskState.OPEN)
    return {"open": open_tasks.count(), "overdue": open_tasks.filter(due_at__lt=timezone.now()).count()}


def rule_choices() -> list[tuple[str, str]]:
    """The declared rules (work/rules.py and each module's own), not a scan of the tasks:
    a DISTINCT over a big team's tasks would cost more than the rest of the page."""
    return [(rule.code, rule.source or rule.code) for rule in known_rules()]


def my_open_count(user) -> int:
    """The number beside "My work" in the header: one indexed count."""
    return Task.objects.filter(assignee=user, state=TaskState.OPEN).count()


def unread_notifications(user, limit: int = 10) -> list[Notification]:
    return list(Notification.objects.filter(user=user, read_at__isnull=True).select_related("task")[:limit])


def team_members(user) -> QuerySet:
    """Who a leader may give work to: active caseworkers and leaders of their own team."""
    return User.objects.filter(team_id=user.team_id, is_active=True, role__in=permissions.WORKER_ROLES).order_by(
        "last_name", "first_name"
    )
