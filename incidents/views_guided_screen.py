"""The guided screen: one step at a time, its guidance beside it, the running summary,
the actions waiting and the panels of the other stages. Answering and changing a step
work as ordinary form posts; guided.js sends the same posts with `X-Haven-Fragment: 1`
and swaps in the regions that come back, so the page (and the note being typed) stays.
Thin: selectors read, services change."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_POST

from core.access import access
from core.errors import EditConflict, HavenError, NotAllowed, NotFound
from incidents import permissions, runs, selectors, services
from incidents.forms_guided import NoteForm, StepForm
from incidents.live import streams_available
from incidents.permissions import INCIDENT_READERS, INCIDENT_STARTERS
from incidents.selectors_guided import guidance_of, screen

FRAGMENT_HEADER = "HTTP_X_HAVEN_FRAGMENT"


def _incident(request, pk: int):
    try:
        return selectors.incident_for_change(user=request.user, incident_id=pk)
    except NotFound as exc:
        raise Http404 from exc


def _wants_fragment(request) -> bool:
    return request.META.get(FRAGMENT_HEADER) == "1"


def screen_context(
    request, incident, *, form=None, changing=None, conflict=None, typed=None, regions_only=None
) -> dict:
    """The guided screen's context. `changing`: the earlier step being changed (its form
    replaces the current step's); `conflict`: the message when someone else's version won;
    `regions_only`: only the step, summary and actions regions are rendered, not the whole
    page with its notes (by default, when guided.js asks for the fragment)."""
    if regions_only is None:
        regions_only = _wants_fragment(request)
    context = screen(user=request.user, incident=incident, with_notes=not regions_only)
    step = changing or context["step"]
    if form is None and context["can_answer"] and not context["run"].finished:
        form = StepForm(step=step, initial=_initial_for(context["run"], step) if changing else None)
    context.update(
        form=form,
        form_step=step,
        note_form=NoteForm(witness=request.user.pk == incident.partner_id),
        form_guidance=guidance_of(step),
        changing=changing,
        conflict=conflict,
        typed=typed or [],
        # Only under ASGI, where the stream really streams; under WSGI the page polls.
        events_url=reverse("incidents:events", args=[incident.pk]) if streams_available(request) else "",
        state_url=reverse("incidents:state", args=[incident.pk]),
        notes_url=reverse("incidents:notes", args=[incident.pk]),
        action_url=(
            reverse("incidents:change", args=[incident.pk, changing.id])
            if changing
            else reverse("incidents:answer", args=[incident.pk])
        ),
    )
    return context


def _initial_for(run, step) -> dict:
    for step_id, value, index in run.path:
        if step_id == step.id:
            return StepForm.initial_for(step, value, run.events[index])
    return {}


def _page(request, context, *, status=200):
    if _wants_fragment(request):
        return HttpResponse(
            render_to_string("incidents/includes/regions.html", context, request=request), status=status
        )
    return render(request, "incidents/guided.html", context, status=status)


@access(INCIDENT_READERS)
def guided(request, pk: int):
    """The incident. Opening it is an audited read (incident.opened)."""
    try:
        incident = selectors.incident_open(user=request.user, incident_id=pk)
    except NotFound as exc:
        raise Http404 from exc
    return _page(request, screen_context(request, incident))


def _typed(form) -> list[str]:
    """What the worker had entered, to show beside someone else's version (nothing lost)."""
    return [f"{form.fields[name].label}: {value}" for name, value in form.data.items() if name in form.fields and value]


def _submit(request, incident, *, step, act, changing=None):
    form = StepForm(request.POST, step=step)
    if not form.is_valid():
        return _page(request, screen_context(request, incident, form=form, changing=changing), status=400)
    try:
        incident = act(form.answer_for_service())
    except NotAllowed as exc:
        raise PermissionDenied from exc
    except EditConflict as exc:
        fresh = _incident(request, incident.pk)
        same_step = fresh.current_step == step.id and changing is None
        context = screen_context(
            request, fresh, form=form if same_step else None, conflict=exc.message, typed=_typed(form)
        )
        return _page(request, context, status=409)
    except HavenError as exc:
        form.add_haven_error(exc)
        return _page(request, screen_context(request, incident, form=form, changing=changing), status=400)
    if _wants_fragment(request):
        return _page(request, screen_context(request, incident))
    return redirect(reverse("incidents:guided", args=[incident.pk]) + "#incident-step")


@access(INCIDENT_STARTERS)
@require_POST
def answer(request, pk: int):
    """Answers the step the page showed (`step`), against the version it showed (`version`)."""
    incident = _incident(request, pk)
    if not permissions.can_answer_steps(request.user, incident):
        raise PermissionDenied
    definition = runs.definition_of(incident)
    shown = request.POST.get("step", "")
    if shown not in definition.step_map:
        raise Http404
    step = definition.step_map[shown]

    def act(answer):
        return services.step_answer(
            actor=request.user, incident=incident, step=shown, version=request.POST.get("version"), **answer
        )

    return _submit(request, incident, step=step, act=act)


@access(INCIDENT_STARTERS)
def change(request, pk: int, step: str):
    """Goes back to an answered step ("Change" in the summary): the later steps are walked again."""
    incident = _incident(request, pk)
    if not permissions.can_answer_steps(request.user, incident):
        raise PermissionDenied
    run = runs.run_of(incident)
    if step not in run.answers:
        raise Http404
    changing = run.definition.step_map[step]
    if request.method != "POST":
        return _page(request, screen_context(request, incident, changing=changing))

    def act(answer):
        return services.step_change(
            actor=request.user, incident=incident, step=step, version=request.POST.get("version"), **answer
        )

    return _submit(request, incident, step=changing, act=act, changing=changing)


@access(INCIDENT_STARTERS)
@require_POST
def close(request, pk: int):
    """Closes the incident at the end of its plan; it is kept six years from today."""
    incident = _incident(request, pk)
    try:
        services.incident_close(actor=request.user, incident=incident, version=request.POST.get("version"))
    except NotAllowed as exc:
        raise PermissionDenied from exc
    except EditConflict:
        messages.info(request, "Someone changed this incident just now: check it, then close it")
    except HavenError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"Incident {incident.reference} closed. It is kept for six years.")
    return redirect("incidents:guided", pk=pk)
