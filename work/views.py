"""My work, Team work and the task page (issue 5). Thin: selectors read, services change."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from core.access import access
from core.errors import HavenError, NotAllowed, NotFound
from work import permissions, selectors, services
from work.forms import BulkReassignForm, CancelForm, CompleteForm, FilterForm, ReassignForm
from work.permissions import TASK_WORKERS, TEAM_WORK_MANAGERS, TEAM_WORK_VIEWERS

PAGE_SIZE = 50


def _queue_context(request, queryset, scope):
    """What both queue pages show: counts over the scope, filters, one page of tasks."""
    filters = selectors.TaskFilters.from_query(request.GET)
    form = FilterForm(request.GET or None, rules=selectors.rule_choices())
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return {
        "counts": selectors.open_counts(scope),
        "filters": filters,
        "filter_form": form,
        "page": page,
        "query": query.urlencode(),
        "now": timezone.now(),
        # One reverse() for the page rather than one a row.
        "task_url_prefix": reverse("work:task", args=[0])[:-1],
    }


@access(TASK_WORKERS)
def mine(request):
    """The person's own tasks, overdue first, and their unread reminders."""
    filters = selectors.TaskFilters.from_query(request.GET)
    context = _queue_context(
        request, selectors.tasks_mine(user=request.user, filters=filters), selectors.tasks_mine(user=request.user)
    )
    context["notifications"] = selectors.unread_notifications(request.user)
    return render(request, "work/mine.html", context)


@access(TASK_WORKERS)
@require_POST
def notifications_read(request):
    services.notifications_mark_read(actor=request.user)
    return redirect("work:mine")


def _team_page(request, bulk_form=None, status=200):
    user = request.user
    filters = selectors.TaskFilters.from_query(request.GET)
    scope = selectors.tasks_team(user=user)
    context = _queue_context(request, selectors.tasks_team(user=user, filters=filters), scope)
    can_reassign = TEAM_WORK_MANAGERS.allows(user)
    if can_reassign and bulk_form is None:
        bulk_form = BulkReassignForm(members=selectors.team_members(user))
    context.update({"can_reassign": can_reassign, "form": bulk_form})
    return render(request, "work/team.html", context, status=status)


@access(TEAM_WORK_VIEWERS)
def team(request):
    """Team leaders and deputies: their team's tasks, including its queue. Safeguarding
    leads: every task in their organisation."""
    return _team_page(request)


@access(TEAM_WORK_MANAGERS)
@require_POST
def team_reassign(request):
    """Bulk reassignment: the ticked tasks to one person in the team, or the queue."""
    form = BulkReassignForm(request.POST, members=selectors.team_members(request.user))
    if form.is_valid():
        try:
            moved = services.tasks_reassign_bulk(
                actor=request.user, task_ids=form.cleaned_data["tasks"], **form.target()
            )
        except NotAllowed as exc:
            raise PermissionDenied from exc
        except HavenError as exc:
            form.add_haven_error(exc)
        else:
            messages.success(request, f"{moved} task{'s' if moved != 1 else ''} reassigned")
            return redirect("work:team")
    return _team_page(request, bulk_form=form, status=400)


def _task_or_404(request, pk: int):
    try:
        return selectors.task_get(user=request.user, task_id=pk)
    except NotFound as exc:
        raise Http404 from exc


def _task_page(request, task, *, failed=None, status=200):
    user = request.user
    forms = {
        "complete_form": CompleteForm(initial={"version": task.version}),
        "cancel_form": CancelForm(initial={"version": task.version}),
        "reassign_form": ReassignForm(initial={"version": task.version}, members=selectors.team_members(user))
        if permissions.can_reassign(user, task)
        else None,
    }
    if failed is not None:
        forms[failed[0]] = failed[1]
    return render(
        request,
        "work/task.html",
        {
            "task": task,
            "form": failed[1] if failed else None,  # the error summary reads `form`
            "can_work": task.is_open and permissions.can_work(user, task),
            "can_claim": task.is_open and permissions.can_claim(user, task),
            "reminders": list(task.reminders.all()),
            **forms,
        },
        status=status,
    )


@access(TASK_WORKERS)
def task(request, pk: int):
    return _task_page(request, _task_or_404(request, pk))


def _act(request, pk: int, form_class, name: str, act, done: str, **form_kwargs):
    """Runs one action of the task page: the service decides; a broken rule shows the
    page again with the message beside the field and what was typed kept."""
    task = _task_or_404(request, pk)
    form = form_class(request.POST, **form_kwargs)
    if form.is_valid():
        try:
            act(task, form)
        except NotAllowed as exc:
            raise PermissionDenied from exc
        except HavenError as exc:
            form.add_haven_error(exc)
        else:
            messages.success(request, done)
            return redirect("work:task", pk=pk)
    return _task_page(request, task, failed=(name, form), status=400)


@access(TASK_WORKERS)
@require_POST
def task_complete(request, pk: int):
    return _act(
        request,
        pk,
        CompleteForm,
        "complete_form",
        lambda task, form: services.task_complete(
            actor=request.user, task=task, outcome=form.cleaned_data["outcome"], version=form.cleaned_data["version"]
        ),
        "Task done",
    )


@access(TASK_WORKERS)
@require_POST
def task_cancel(request, pk: int):
    return _act(
        request,
        pk,
        CancelForm,
        "cancel_form",
        lambda task, form: services.task_cancel(
            actor=request.user, task=task, reason=form.cleaned_data["reason"], version=form.cleaned_data["version"]
        ),
        "Task cancelled",
    )


@access(TEAM_WORK_MANAGERS)
@require_POST
def task_reassign(request, pk: int):
    return _act(
        request,
        pk,
        ReassignForm,
        "reassign_form",
        lambda task, form: services.task_reassign(
            actor=request.user, task=task, version=form.cleaned_data["version"], **form.target()
        ),
        "Task reassigned",
        members=selectors.team_members(request.user),
    )


@access(TASK_WORKERS)
@require_POST
def task_claim(request, pk: int):
    task = _task_or_404(request, pk)
    try:
        services.task_claim(actor=request.user, task=task)
    except NotAllowed as exc:
        raise PermissionDenied from exc
    except HavenError as exc:
        messages.info(request, exc.message)
    else:
        messages.success(request, "The task is yours now")
    return redirect("work:task", pk=pk)
