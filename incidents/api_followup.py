"""What follows an incident, over the API: the records the plan requires (read, save,
complete, PDF), the review, wellbeing, a UCB report, referrals and their outcome. The same
services, permissions and audit as the pages; an incident the caller may not open is
"not found"."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Router

from accounts.models import User
from api.access import api_access
from core.errors import HavenError, NotFound
from incidents import pdf, runs, selectors, services_records, services_referrals, services_review, services_wellbeing
from incidents.api_followup_schemas import (
    OutcomeIn,
    RecordIn,
    RecordOut,
    RecordSummaryOut,
    ReferralIn,
    ReferralOut,
    ReviewIn,
    ReviewOut,
    TimeAwayIn,
    UCBIn,
    UCBOut,
    WellbeingOut,
)
from incidents.models import IncidentRecord, IncidentReview, Referral
from incidents.permissions import INCIDENT_READERS

router = Router(tags=["Incident follow-up"])


def _open(request, incident_id: int, *, audit: bool = True):
    return selectors.incident_open(user=request.auth, incident_id=incident_id, audit=audit)


def _record_out(incident, record_id: str) -> dict:
    try:
        definition = services_records.record_definition(incident, record_id)
    except HavenError as exc:
        raise NotFound("This incident's plan does not ask for that record.") from exc
    stored = (
        IncidentRecord.objects.filter(incident=incident, record_id=record_id).select_related("completed_by").first()
    )
    values = services_records.values_of(stored) if stored else []
    return {
        "record_id": record_id,
        "title": definition.title,
        "items": list(definition.items),
        "values": values + [""] * (len(definition.items) - len(values)),
        "version": stored.version if stored else 1,
        "completed_at": stored.completed_at if stored else None,
        "completed_by": str(stored.completed_by) if stored and stored.completed_by else None,
        "keep_until": incident.keep_until,
    }


@router.get("/{incident_id}/records", response=list[RecordSummaryOut], summary="The records the plan requires")
@api_access(INCIDENT_READERS)
def records_list(request, incident_id: int):
    incident = _open(request, incident_id)
    run = runs.run_of(incident)
    stored = {r.record_id: r for r in IncidentRecord.objects.filter(incident=incident)}
    return [
        {
            "record_id": d.id,
            "title": d.title,
            "state": "complete" if d.id in run.completed_records else ("draft" if d.id in stored else "to-do"),
            "version": stored[d.id].version if d.id in stored else None,
        }
        for d in run.required_records()
    ]


@router.get("/{incident_id}/records/{record_id}", response=RecordOut, summary="One record, item by item")
@api_access(INCIDENT_READERS)
def record_get(request, incident_id: int, record_id: str):
    return _record_out(_open(request, incident_id), record_id)


@router.put("/{incident_id}/records/{record_id}", response=RecordOut, summary="Save a record as a draft")
@api_access(INCIDENT_READERS)
def record_save(request, incident_id: int, record_id: str, payload: RecordIn):
    """`values` in the order of `items`; `version` as last read (409 with theirs if it moved)."""
    incident = _open(request, incident_id, audit=False)
    services_records.record_save(
        actor=request.auth, incident=incident, record_id=record_id, values=payload.values, version=payload.version
    )
    return _record_out(incident, record_id)


@router.post("/{incident_id}/records/{record_id}/complete", response=RecordOut, summary="Complete a record")
@api_access(INCIDENT_READERS)
def record_complete(request, incident_id: int, record_id: str, payload: RecordIn):
    """Every item needs an answer; the plan's run marks the record done."""
    incident = _open(request, incident_id, audit=False)
    services_records.record_complete(
        actor=request.auth, incident=incident, record_id=record_id, values=payload.values, version=payload.version
    )
    return _record_out(incident, record_id)


@router.get("/{incident_id}/records/{record_id}/pdf", summary="A record as a PDF (audited download)")
@api_access(INCIDENT_READERS)
def record_pdf(request, incident_id: int, record_id: str) -> HttpResponse:
    incident = _open(request, incident_id, audit=False)
    stored = IncidentRecord.objects.filter(incident=incident, record_id=record_id).first()
    if stored is None:
        raise NotFound("That record has not been started.")
    services_records.record_downloaded(actor=request.auth, incident=incident, record=stored)
    return pdf.response(pdf.record_pdf(incident, stored), pdf.filename(incident, stored))


def _review_out(incident) -> dict:
    review = IncidentReview.objects.filter(incident=incident).select_related("task", "reviewed_by", "copied_to").first()
    if review is None:
        raise NotFound("This incident has no review yet.")
    return {
        **{name: getattr(review, name) or "" for name in services_review.REVIEW_FIELDS},
        "version": review.version,
        "due_on": review.task.due_on if review.task else None,
        "completed_at": review.completed_at,
        "reviewed_by": str(review.reviewed_by) if review.reviewed_by else None,
        "copied_to": str(review.copied_to) if review.copied_to else None,
    }


@router.get("/{incident_id}/review", response=ReviewOut, summary="The incident review")
@api_access(INCIDENT_READERS)
def review_get(request, incident_id: int):
    return _review_out(_open(request, incident_id))


@router.put("/{incident_id}/review", response=ReviewOut, summary="Save the review as a draft")
@api_access(INCIDENT_READERS)
def review_save(request, incident_id: int, payload: ReviewIn):
    incident = _open(request, incident_id, audit=False)
    fields = payload.dict(exclude={"version"})
    services_review.review_save(actor=request.auth, incident=incident, fields=fields, version=payload.version)
    return _review_out(incident)


@router.post("/{incident_id}/review/complete", response=ReviewOut, summary="Complete the review")
@api_access(INCIDENT_READERS)
def review_complete(request, incident_id: int, payload: ReviewIn):
    """The team leader: closes the review tasks and copies the manager for local plans."""
    incident = _open(request, incident_id, audit=False)
    fields = payload.dict(exclude={"version"})
    services_review.review_complete(actor=request.auth, incident=incident, fields=fields, version=payload.version)
    return _review_out(incident)


def _wellbeing_out(incident, record) -> dict:
    contacts = [c.model_dump() for c in services_wellbeing.eap_contacts(incident)]
    return {
        "user_id": record.user_id,
        "eap_shown_at": record.eap_shown_at,
        "time_away_agreed": record.time_away_agreed,
        "eap": contacts,
    }


@router.post("/{incident_id}/wellbeing/eap-shown", response=WellbeingOut, summary="The EAP details, shown to you")
@api_access(INCIDENT_READERS)
def eap_shown(request, incident_id: int):
    incident = _open(request, incident_id, audit=False)
    return _wellbeing_out(incident, services_wellbeing.eap_shown(actor=request.auth, incident=incident))


@router.post("/{incident_id}/wellbeing/time-away", response=WellbeingOut, summary="Record time away agreed")
@api_access(INCIDENT_READERS)
def time_away(request, incident_id: int, payload: TimeAwayIn):
    incident = _open(request, incident_id, audit=False)
    user = User.objects.filter(pk=payload.user_id).first()
    record = services_wellbeing.time_away_agree(
        actor=request.auth, incident=incident, user=user, details=payload.details
    )
    return _wellbeing_out(incident, record)


@router.post("/{incident_id}/ucb-reports", response={201: UCBOut}, summary="Make a UCB report")
@api_access(INCIDENT_READERS)
def ucb_report(request, incident_id: int, payload: UCBIn):
    incident = _open(request, incident_id, audit=False)
    return 201, services_referrals.ucb_report(
        actor=request.auth, incident=incident, what_happened=payload.what_happened
    )


@router.post("/{incident_id}/referrals", response={201: ReferralOut}, summary="Refer to an ACSSL or the SSL")
@api_access(INCIDENT_READERS)
def referral_make(request, incident_id: int, payload: ReferralIn):
    incident = _open(request, incident_id, audit=False)
    referred_to = services_referrals.safeguarding_leads(incident).filter(pk=payload.referred_to_id).first()
    referral = services_referrals.referral_make(
        actor=request.auth, incident=incident, kind=payload.kind, reason=payload.reason, referred_to=referred_to
    )
    return 201, referral


@router.post(
    "/{incident_id}/referrals/{referral_id}/outcome", response=ReferralOut, summary="Record a referral's outcome"
)
@api_access(INCIDENT_READERS)
def referral_outcome(request, incident_id: int, referral_id: int, payload: OutcomeIn):
    """Written into the customer's contact notes."""
    incident = _open(request, incident_id, audit=False)
    referral = get_object_or_404(Referral, pk=referral_id, incident=incident)
    return services_referrals.referral_outcome(
        actor=request.auth, referral=referral, outcome=payload.outcome, note=payload.note, version=payload.version
    )
