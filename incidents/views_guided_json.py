"""The guided screen's JSON: the incident's state (what the live contract refreshes from)
and the notes box's autosave. Same selectors and services as the pages and the API.

The state endpoint is read every 15 seconds and on every live event, by someone who has
already opened the incident (an audited read, `incident.opened`): it re-reads through the
same permission check, without an audit event per poll."""

import json

from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.template.loader import render_to_string
from django.views.decorators.http import require_GET, require_POST

from consent import guard
from core.access import access
from core.errors import HavenError, NotAllowed, NotFound, field_errors
from incidents import selectors, services_notes
from incidents.permissions import INCIDENT_READERS
from incidents.selectors_guided import state_data
from incidents.views_guided_screen import screen_context


def _incident(request, pk: int):
    try:
        return selectors.incident_for_change(user=request.user, incident_id=pk)
    except NotFound as exc:
        raise Http404 from exc


def _after(request) -> int:
    value = request.GET.get("notes_after", "")
    return int(value) if value.isdigit() else 0


@access(INCIDENT_READERS)
@require_GET
def state(request, pk: int):
    """GET /incidents/<id>/state?notes_after=<note id>: version, current step, summary,
    actions, notes saved since that id, and the screen's regions as HTML to swap in."""
    incident = _incident(request, pk)
    data = state_data(user=request.user, incident=incident, notes_after=_after(request))
    context = screen_context(request, incident, regions_only=True)  # state_data has the notes
    data["html"] = {
        "summary": render_to_string("incidents/includes/summary.html", context, request=request),
        "actions": render_to_string("incidents/includes/actions.html", context, request=request),
        "step": render_to_string("incidents/includes/step.html", context, request=request),
        # Calls recorded by the partner, Report Threat's allocation and the records due
        # after the call can change without a step: these panels are refreshed as they are.
        "emergency": render_to_string("incidents/panels/emergency.html", context, request=request),
        "followup": render_to_string("incidents/panels/followup.html", context, request=request),
    }
    return JsonResponse(data)


def _body(request) -> dict:
    try:
        body = json.loads(request.body or b"{}")
    except (ValueError, UnicodeDecodeError):
        return {}
    return body if isinstance(body, dict) else {}


@access(INCIDENT_READERS)
@require_POST
def note_save(request, pk: int):
    """Autosave: one revision of one note entry, JSON {entry, revision, text}. A retry of
    the same revision is answered with the revision already stored."""
    incident = _incident(request, pk)
    body = _body(request)
    try:
        note = services_notes.note_save(
            actor=request.user,
            incident=incident,
            entry=body.get("entry"),
            revision=body.get("revision"),
            text=body.get("text") if isinstance(body.get("text"), str) else "",
        )
    except NotAllowed as exc:
        raise PermissionDenied from exc
    except HavenError as exc:
        errors = field_errors(exc)
        # A refused credential is dropped from the browser's copy too (notes.js).
        credential = guard.MESSAGE in errors.values()
        return JsonResponse({"detail": exc.message, "errors": errors, "credential": credential}, status=400)
    return JsonResponse(
        {
            "id": note.pk,
            "entry": str(note.entry),
            "revision": note.revision,
            "witness": note.is_witness,
            "saved_at": note.saved_at.isoformat(),
        }
    )
