"""Emergency calls, the disclosure decision a call opens, and the Report Threat checklist
over the API (issue 8): the same selectors, services and rules as the pages.

An incident the caller may not open is "not found" (404); the wrong role answers 403;
broken rules answer 400 with every problem by its field; a stale version answers 409.
"""

from datetime import date, datetime

from ninja import Router, Schema

from accounts.models import User
from api.access import api_access
from core.errors import InvalidInput, NotFound
from disclosures import services as disclosure_services
from disclosures.api import DisclosureIn, DisclosureRecordOut
from disclosures.api import _data as disclosure_data
from disclosures.api import _out as disclosure_out
from incidents import selectors
from incidents.models import EmergencyCall, ReportThreat
from incidents.permissions import INCIDENT_READERS
from incidents.services_emergency import emergency_call_record, emergency_call_update
from incidents.services_emergency_prefill import call_prefill, disclosure_prefill
from incidents.services_report_threat import can_tick, report_threat_tick

router = Router(tags=["Incidents: emergency calls and Report Threat"])


class EmergencyCallIn(Schema):
    asked_customer_to_phone: bool | None = None
    asked_whether_we_phone: bool | None = None
    consent: str
    decided_by_kind: str
    decided_by_id: int | None = None
    decision_reason: str = ""
    service: str
    called_at: datetime | None = None
    police_reference: str = ""
    location_given: str = ""
    from_national_centre: bool = False
    customer_area: str = ""
    customer_told: bool | None = None
    not_told_reason: str = ""
    made_by_id: int | None = None


class EmergencyCallUpdateIn(EmergencyCallIn):
    version: int | None = None


class EmergencyCallOut(Schema):
    id: int
    incident_id: int
    recorded_by_id: int
    made_by_id: int
    asked_customer_to_phone: bool | None
    asked_whether_we_phone: bool | None
    consent: str
    decided_by_kind: str
    decided_by_id: int | None
    decision_reason: str | None
    service: str
    called_at: datetime
    police_reference: str
    location_given: str | None
    from_national_centre: bool
    customer_area: str | None
    customer_told: bool | None
    not_told_reason: str | None
    disclosure_id: int | None
    version: int


class PrefillOut(Schema):
    """What the plan's answers already say; absent keys are not known yet."""

    values: dict


class ReportThreatOut(Schema):
    id: int
    incident_id: int
    marker: str
    marker_set_on: date
    emergency_called_at: datetime | None
    police_reference: str
    overview: str | None
    allocated_to_id: int
    task_id: int | None
    reviewed_at: datetime | None
    reviewed_by_id: int | None
    owned_at: datetime | None
    primary_owner_id: int | None
    notes_copied_at: datetime | None
    notes_copied_by_id: int | None
    may_tick: bool
    version: int


class TickIn(Schema):
    item: str  # review, ownership or copy-notes
    version: int | None = None


def _incident(request, incident_id: int, *, audit: bool = True):
    return selectors.incident_open(user=request.auth, incident_id=incident_id, audit=audit)


def _call(incident, call_id: int) -> EmergencyCall:
    call = EmergencyCall.objects.filter(incident=incident, pk=call_id).first()
    if call is None:
        raise NotFound("That emergency call was not found on this incident.")
    return call


def _staff(incident, user_id: int | None, field: str) -> User | None:
    if user_id is None:
        return None
    person = User.objects.filter(pk=user_id, organisation_id=incident.organisation_id).first()
    if person is None:
        raise InvalidInput({field: "Choose someone in your organisation"})
    return person


def _data(incident, payload: EmergencyCallIn) -> dict:
    data = payload.dict(exclude={"version"})
    data["decided_by"] = _staff(incident, data.pop("decided_by_id"), "decided_by_id")
    data["made_by"] = _staff(incident, data.pop("made_by_id"), "made_by_id")
    return data


def _plain(values: dict) -> dict:
    return {name: (value.pk if isinstance(value, User) else value) for name, value in values.items()}


@router.get("/{incident_id}/emergency-calls", response=list[EmergencyCallOut], summary="The incident's emergency calls")
@api_access(INCIDENT_READERS)
def calls(request, incident_id: int):
    return list(_incident(request, incident_id).emergency_calls.all())


@router.get("/{incident_id}/emergency-calls/prefill", response=PrefillOut, summary="An emergency call from the plan")
@api_access(INCIDENT_READERS)
def call_values(request, incident_id: int):
    """The fields the plan's answers already give (consent, who decided, time, reference,
    location, national centre, customer told). Staff ids for people."""
    return {"values": _plain(call_prefill(_incident(request, incident_id)))}


@router.post(
    "/{incident_id}/emergency-calls", response={201: EmergencyCallOut}, summary="Record a call to emergency services"
)
@api_access(INCIDENT_READERS)
def call_record(request, incident_id: int, payload: EmergencyCallIn):
    """The worker, or the support partner on their behalf (`made_by_id`), records the call."""
    incident = _incident(request, incident_id, audit=False)
    return 201, emergency_call_record(actor=request.auth, incident=incident, data=_data(incident, payload))


@router.get("/{incident_id}/emergency-calls/{call_id}", response=EmergencyCallOut, summary="One emergency call")
@api_access(INCIDENT_READERS)
def call_get(request, incident_id: int, call_id: int):
    return _call(_incident(request, incident_id), call_id)


@router.put("/{incident_id}/emergency-calls/{call_id}", response=EmergencyCallOut, summary="Correct an emergency call")
@api_access(INCIDENT_READERS)
def call_update(request, incident_id: int, call_id: int, payload: EmergencyCallUpdateIn):
    """Send the `version` you read: if someone changed it since, 409 with their version."""
    incident = _incident(request, incident_id, audit=False)
    call = _call(incident, call_id)
    data = _data(incident, payload)
    if data["made_by"] is None:
        data.pop("made_by")
    return emergency_call_update(actor=request.auth, call=call, data=data, version=payload.version)


@router.get(
    "/{incident_id}/emergency-calls/{call_id}/disclosure",
    response=PrefillOut,
    summary="The disclosure decision a call opens, prefilled",
)
@api_access(INCIDENT_READERS)
def disclosure_values(request, incident_id: int, call_id: int):
    """What a disclosure drafted from this call starts with. The lawful basis is the decider's."""
    values = disclosure_prefill(_call(_incident(request, incident_id), call_id))
    return {"values": values}


@router.post(
    "/{incident_id}/emergency-calls/{call_id}/disclosure",
    response={201: DisclosureRecordOut},
    summary="Draft the disclosure decision a call opened",
)
@api_access(INCIDENT_READERS)
def disclosure_draft(request, incident_id: int, call_id: int, payload: DisclosureIn):
    """Drafts it (then confirm it at /disclosures/{id}/confirm), linked to the incident and
    this call. A caller not yet linked to their record cannot have one yet: link them first."""
    incident = _incident(request, incident_id, audit=False)
    call = _call(incident, call_id)
    if incident.customer_id is None:
        raise InvalidInput({"customer": "Link the caller to their record first: the disclosure waits until then."})
    if call.disclosure_id is not None:
        raise InvalidInput({"call": "This call already has its disclosure decision."})
    disclosure = disclosure_services.disclosure_draft(
        actor=request.auth, customer=incident.customer, data=disclosure_data(request, payload), incident=incident
    )
    return 201, disclosure_out(disclosure)


def _report(incident) -> ReportThreat:
    report = ReportThreat.objects.filter(incident=incident).first()
    if report is None:
        raise NotFound("This incident has no Report Threat.")
    return report


def _report_out(request, report: ReportThreat) -> dict:
    values = {name: getattr(report, name) for name in ReportThreatOut.model_fields if hasattr(report, name)}
    values["may_tick"] = can_tick(request.auth, report)
    return values


@router.get("/{incident_id}/report-threat", response=ReportThreatOut, summary="The Report Threat activity")
@api_access(INCIDENT_READERS)
def report_get(request, incident_id: int):
    return _report_out(request, _report(_incident(request, incident_id)))


@router.post("/{incident_id}/report-threat/tick", response=ReportThreatOut, summary="Tick the team leader's checklist")
@api_access(INCIDENT_READERS)
def report_tick(request, incident_id: int, payload: TickIn):
    """`item`: review, ownership or copy-notes. With all three ticked, the task is done."""
    report = _report(_incident(request, incident_id, audit=False))
    ticked = report_threat_tick(actor=request.auth, report=report, item=payload.item, version=payload.version)
    return _report_out(request, ticked)
