"""Live incidents over the API (the guided screen part): start, read the state, answer
and change steps, save and list notes, link the customer, close. The same selectors,
services and policies as the pages. An incident the caller may not open is "not found"
(404); a stale `version` answers 409 with the current version; broken rules 400."""

from datetime import datetime
from typing import Any
from uuid import UUID

from ninja import Router, Schema

from api.access import api_access
from core.errors import NotAllowed
from incidents import selectors, services, services_notes
from incidents.permissions import INCIDENT_READERS, INCIDENT_STARTERS
from incidents.selectors_guided import note_data, state_data
from people import selectors as people_selectors

router = Router(tags=["Incidents"])


class StartIn(Schema):
    channel: str
    protocol: str
    customer_id: int | None = None
    caller_description: str = ""
    said: str = ""


class AnswerIn(Schema):
    step: str
    value: Any = None
    version: int | None = None
    role: str | None = None
    note: str | None = None


class ChangeIn(Schema):
    value: Any = None
    version: int | None = None
    role: str | None = None
    note: str | None = None


class NoteIn(Schema):
    entry: UUID
    revision: int
    text: str


class LinkIn(Schema):
    customer_id: int
    version: int | None = None


class VersionIn(Schema):
    version: int | None = None


class SummaryRowOut(Schema):
    step: str
    text: str
    kind: str
    answer: Any
    label: str
    role: str | None
    reason: str | None
    at: datetime | None
    by: str | None
    changed: bool


class ActionOut(Schema):
    id: int
    kind: str
    step: str
    state: str
    title: str


class NoteOut(Schema):
    id: int
    entry: UUID
    revision: int
    author_id: int
    author: str
    witness: bool
    saved_at: datetime
    text: str


class IncidentOut(Schema):
    id: int
    reference: str
    version: int
    state: str
    current_step: str
    current_step_text: str
    finished: bool
    customer_id: int | None
    partner_id: int | None
    can_answer: bool
    summary: list[SummaryRowOut]
    actions: list[ActionOut]
    notes: list[NoteOut]


def _incident(request, incident_id: int):
    return selectors.incident_for_change(user=request.auth, incident_id=incident_id)


def _state(request, incident):
    return state_data(user=request.auth, incident=incident)


def _customer(request, customer_id: int):
    try:
        return people_selectors.customer_get_for_change(user=request.auth, customer_id=customer_id)
    except people_selectors.RestrictedRecord as exc:
        raise NotAllowed(exc.message) from exc


@router.post("", response={201: IncidentOut}, summary="Start an incident")
@api_access(INCIDENT_STARTERS)
def incident_start(request, payload: StartIn):
    """On the active version of the plan, pinned from now on. Without `customer_id`, for a
    caller not yet identified: `caller_description` says who they are until linked."""
    customer = _customer(request, payload.customer_id) if payload.customer_id is not None else None
    incident = services.incident_start(
        actor=request.auth,
        channel=payload.channel,
        protocol_id=payload.protocol,
        customer=customer,
        caller_description=payload.caller_description,
        summary_text=payload.said,
    )
    return 201, _state(request, incident)


@router.get("/{incident_id}", response=IncidentOut, summary="An incident's state (an audited read)")
@api_access(INCIDENT_READERS)
def incident_get(request, incident_id: int):
    incident = selectors.incident_open(user=request.auth, incident_id=incident_id)
    return _state(request, incident)


@router.post("/{incident_id}/answer", response=IncidentOut, summary="Answer the current step")
@api_access(INCIDENT_STARTERS)
def step_answer(request, incident_id: int, payload: AnswerIn):
    """`step` must be the current step; instructions take "done", information "given"."""
    incident = services.step_answer(
        actor=request.auth,
        incident=_incident(request, incident_id),
        step=payload.step,
        value=payload.value,
        version=payload.version,
        role=payload.role,
        note=payload.note,
    )
    return _state(request, incident)


@router.post("/{incident_id}/steps/{step}/change", response=IncidentOut, summary="Change an earlier answer")
@api_access(INCIDENT_STARTERS)
def step_change(request, incident_id: int, step: str, payload: ChangeIn):
    incident = services.step_change(
        actor=request.auth,
        incident=_incident(request, incident_id),
        step=step,
        value=payload.value,
        version=payload.version,
        role=payload.role,
        note=payload.note,
    )
    return _state(request, incident)


@router.get("/{incident_id}/notes", response=list[NoteOut], summary="The incident's notes (latest revisions)")
@api_access(INCIDENT_READERS)
def notes_list(request, incident_id: int, after: int = 0):
    incident = _incident(request, incident_id)
    return [note_data(note) for note in selectors.latest_notes(incident, after_id=after)]


@router.post("/{incident_id}/notes", response=NoteOut, summary="Save a revision of a note (idempotent)")
@api_access(INCIDENT_READERS)
def note_save(request, incident_id: int, payload: NoteIn):
    """A retry of the same entry and revision answers with the revision already stored."""
    note = services_notes.note_save(
        actor=request.auth,
        incident=_incident(request, incident_id),
        entry=payload.entry,
        revision=payload.revision,
        text=payload.text,
    )
    return note_data(note)


@router.post("/{incident_id}/link", response=IncidentOut, summary="Link the caller to their customer record")
@api_access(INCIDENT_STARTERS)
def link_customer(request, incident_id: int, payload: LinkIn):
    incident = services.incident_link_customer(
        actor=request.auth,
        incident=_incident(request, incident_id),
        customer=_customer(request, payload.customer_id),
        version=payload.version,
    )
    return _state(request, incident)


@router.post("/{incident_id}/close", response=IncidentOut, summary="Close the incident (kept six years)")
@api_access(INCIDENT_STARTERS)
def incident_close(request, incident_id: int, payload: VersionIn):
    incident = services.incident_close(
        actor=request.auth, incident=_incident(request, incident_id), version=payload.version
    )
    return _state(request, incident)
