"""Tasks over the API: the same selectors, services and policies as the work pages.

A task the caller may not see is "not found" (404). Broken rules answer 400; a stale
`version` answers 409 with what is there now; the wrong role answers 403 (api/errors.py).
"""

from datetime import datetime

from django.core.paginator import Paginator
from ninja import Router, Schema

from api.access import api_access
from core.errors import HavenError, InvalidInput, NotAllowed
from work import permissions, selectors, services
from work.models import Task
from work.permissions import TASK_WORKERS, TEAM_WORK_MANAGERS, TEAM_WORK_VIEWERS

router = Router(tags=["Tasks"])
PAGE_SIZE = 100


class TaskOut(Schema):
    id: int
    title: str
    description: str
    rule_code: str
    rule_source: str
    state: str
    due_at: datetime
    assignee_id: int | None
    team_id: int | None
    customer_id: int | None
    subject_type: str
    subject_id: str
    outcome: str
    cancel_reason: str
    escalated_at: datetime | None
    version: int


class TaskPageOut(Schema):
    count: int
    overdue: int
    page: int
    pages: int
    tasks: list[TaskOut]


class CompleteIn(Schema):
    outcome: str
    version: int | None = None


class CancelIn(Schema):
    reason: str
    version: int | None = None


class ReassignIn(Schema):
    """Give `assignee_id` (someone in your team), or `to_queue: true`."""

    assignee_id: int | None = None
    to_queue: bool = False
    version: int | None = None


def _page(queryset, scope, page: int) -> dict:
    paginator = Paginator(queryset, PAGE_SIZE)
    current = paginator.get_page(page)
    return {
        "count": paginator.count,
        "overdue": selectors.open_counts(scope)["overdue"],
        "page": current.number,
        "pages": paginator.num_pages,
        "tasks": list(current),
    }


def _filters(state: str, overdue: bool, rule: str) -> selectors.TaskFilters:
    return selectors.TaskFilters.from_query({"state": state, "overdue": "1" if overdue else "", "rule": rule})


@router.get("/mine", response=TaskPageOut, summary="My tasks")
@api_access(TASK_WORKERS)
def tasks_mine(request, state: str = "open", overdue: bool = False, rule: str = "", page: int = 1):
    """The caller's tasks, soonest (so overdue) first, 100 a page."""
    user = request.auth
    queryset = selectors.tasks_mine(user=user, filters=_filters(state, overdue, rule))
    return _page(queryset, selectors.tasks_mine(user=user), page)


@router.get("/team", response=TaskPageOut, summary="My team's tasks")
@api_access(TEAM_WORK_VIEWERS)
def tasks_team(request, state: str = "open", overdue: bool = False, rule: str = "", page: int = 1):
    """Team leaders and deputies: their team's tasks, with its queue. Safeguarding leads:
    their organisation's."""
    user = request.auth
    queryset = selectors.tasks_team(user=user, filters=_filters(state, overdue, rule))
    return _page(queryset, selectors.tasks_team(user=user), page)


@router.get("/{task_id}", response=TaskOut, summary="A task")
@api_access(TASK_WORKERS)
def task_get(request, task_id: int):
    return selectors.task_get(user=request.auth, task_id=task_id)


def _task(request, task_id: int) -> Task:
    return selectors.task_get(user=request.auth, task_id=task_id)


@router.post("/{task_id}/complete", response=TaskOut, summary="Mark a task as done")
@api_access(TASK_WORKERS)
def task_complete(request, task_id: int, payload: CompleteIn):
    task = _task(request, task_id)
    return services.task_complete(actor=request.auth, task=task, outcome=payload.outcome, version=payload.version)


@router.post("/{task_id}/cancel", response=TaskOut, summary="Cancel a task")
@api_access(TASK_WORKERS)
def task_cancel(request, task_id: int, payload: CancelIn):
    task = _task(request, task_id)
    return services.task_cancel(actor=request.auth, task=task, reason=payload.reason, version=payload.version)


@router.post("/{task_id}/reassign", response=TaskOut, summary="Reassign a task within your team")
@api_access(TEAM_WORK_MANAGERS)
def task_reassign(request, task_id: int, payload: ReassignIn):
    task = _task(request, task_id)
    if not permissions.can_reassign(request.auth, task):
        raise NotAllowed("Only a team leader or deputy manager of the task's team can reassign it.")
    assignee = None
    if not payload.to_queue:
        assignee = selectors.team_members(request.auth).filter(pk=payload.assignee_id).first()
        if assignee is None:
            raise InvalidInput({"assignee_id": "Choose someone in your team"})
    try:
        return services.task_reassign(
            actor=request.auth, task=task, assignee=assignee, to_queue=payload.to_queue, version=payload.version
        )
    except HavenError as exc:
        if exc.field == "assignee":
            raise InvalidInput({"assignee_id": exc.message}) from exc
        raise
