"""What Haven already knows about an emergency call from the steps the worker answered,
so the record form starts filled in (DA Plan, "Call the Emergency Services": the answers
to es-* and the record_emergency_call effect's filled answers), and what a disclosure
decision opened from a recorded call starts with. Reads only; nothing here changes data.
"""

import datetime as dt

from django.utils import timezone

from accounts.models import User
from incidents import runs
from incidents.effects import assignee_for
from incidents.models import ConsentAnswer, EmergencyCall, EmergencyDecider, EmergencyService, Incident
from work.calendar import LONDON

# es-ask-consent's answers, as the call record's consent.
CONSENT_FROM_STEP = {
    "consents": ConsentAnswer.GIVEN,
    "refuses": ConsentAnswer.REFUSED,
    "no-response": ConsentAnswer.NO_RESPONSE,
}
# The call record's consent, as the disclosure decision's (disclosures.lawful_basis.Consent).
DISCLOSURE_CONSENT = {
    ConsentAnswer.GIVEN: "given",
    ConsentAnswer.REFUSED: "refused",
    ConsentAnswer.NO_RESPONSE: "not-obtainable",
    ConsentAnswer.NOT_ASKED: "not-sought",
}
# Who was phoned, as the disclosure's recipient kind (disclosures.models.Recipient).
RECIPIENT_FROM_SERVICE = {
    EmergencyService.POLICE: "police",
    EmergencyService.AMBULANCE: "ambulance",
    EmergencyService.MENTAL_HEALTH_CRISIS_TEAM: "cmht",
    EmergencyService.EMERGENCY_SERVICES: "other",
    EmergencyService.FOREIGN_OFFICE: "other",
}
DECISION_STEPS = ("es-decision", "b-decision")


def parse_time(value, *, on: dt.date) -> dt.datetime | None:
    """A `time` answer ("14:30", or "2026-11-22T14:30") as an aware UTC moment, read in
    UK time; a bare time is on the day the incident started."""
    if not value or not isinstance(value, str):
        return None
    try:
        if "T" in value:
            moment = dt.datetime.fromisoformat(value)
        else:
            hours, minutes = value.split(":")[:2]
            moment = dt.datetime.combine(on, dt.time(int(hours), int(minutes)))
    except ValueError:
        return None
    if timezone.is_naive(moment):
        moment = moment.replace(tzinfo=LONDON)
    return moment.astimezone(dt.UTC)


def _location_text(value) -> str:
    if isinstance(value, dict):
        return ", ".join(part for part in (value.get("description"), value.get("postcode")) if part)
    return str(value or "")


def _events_on_path(run) -> dict[str, dict]:
    return {step: run.events[index] for step, _, index in run.path if index >= 0}


def _decision(run, events: dict[str, dict], incident: Incident) -> dict:
    answers = run.answers
    if answers.get("es-urgent") == "urgent":
        return {"decided_by_kind": EmergencyDecider.WORKER_URGENT, "decided_by": incident.worker}
    for step in DECISION_STEPS:
        if answers.get(step) == "call":
            role = events[step].get("role") or "team-leader"
            kind = EmergencyDecider.DEPUTY_MANAGER if role == "deputy-manager" else EmergencyDecider.TEAM_LEADER
            who = assignee_for(incident, "deputy-manager" if role == "deputy-manager" else "team-leader")
            return {"decided_by_kind": kind, "decided_by": who, "decision_reason": events[step].get("note") or ""}
    if answers.get("es-ask-consent") == "consents":
        return {"decided_by_kind": EmergencyDecider.CUSTOMER_CONSENTED}
    return {}


def _consent(answers: dict) -> dict:
    if "es-ask-consent" in answers:
        return {"asked_whether_we_phone": True, "consent": CONSENT_FROM_STEP.get(answers["es-ask-consent"], "")}
    if answers.get("es-ask-to-phone-999") == "no-response":
        return {"asked_whether_we_phone": False, "consent": ConsentAnswer.NO_RESPONSE}
    return {}


def _pending_call_effect(incident: Incident) -> dict:
    action = incident.actions.filter(kind="record_emergency_call").order_by("-state", "-created_at").first()
    return action.effect if action is not None else {}


def call_prefill(incident: Incident) -> dict:
    """The emergency call record's fields as far as the answered steps tell them."""
    run = runs.run_of(incident)
    answers, events = run.answers, _events_on_path(run)
    raised = _pending_call_effect(incident)
    filled = raised.get("filled") or {}
    started_on = incident.started_at.astimezone(LONDON).date()
    values: dict = {"made_by": None}
    if "es-ask-to-phone-999" in answers:
        values["asked_customer_to_phone"] = True
    values.update(_consent(answers))
    values.update(_decision(run, events, incident))
    if raised:
        values["service"] = raised["effect"].get("service", "")
    called_at = parse_time(filled.get("called_at"), on=started_on)
    if called_at is not None:
        values["called_at"] = called_at
    if filled.get("reference"):
        values["police_reference"] = str(filled["reference"])
    if filled.get("location"):
        values["location_given"] = _location_text(filled["location"])
    if answers.get("es-national-centre"):
        values["from_national_centre"] = answers["es-national-centre"] == "told-national-centre"
    if answers.get("es-tell-customer"):
        values["customer_told"] = answers["es-tell-customer"] == "told"
    if incident.protocol_id == "suicide-self-harm":
        values.update(_six_point_plan(answers, incident))
    return values


def _six_point_plan(answers: dict, incident: Incident) -> dict:
    """Six Point Plan, point 5: consent is not needed and the worker acts at once, telling
    the customer what is happening and why; working from home, the support partner calls
    999 from the contact centre for the customer's area."""
    values: dict = {
        "asked_customer_to_phone": False,
        "asked_whether_we_phone": False,
        "consent": ConsentAnswer.NOT_ASKED,
        "decided_by_kind": EmergencyDecider.WORKER_URGENT,
        "decided_by": incident.worker,
        "decision_reason": "Six Point Plan, point 5: the customer is at serious risk or in immediate danger of "
        "suicide or self-harm; consent is not needed and there must be no delay.",
    }
    if "tell-customer" in answers:
        values["customer_told"] = True
    if "partner-calls" in answers:
        values["from_national_centre"] = True
        if incident.partner_id:
            values["made_by"] = incident.partner
    return values


def _disclosure_purpose(incident: Incident) -> str:
    action = incident.actions.filter(kind="open_disclosure_decision").order_by("-state", "-created_at").first()
    if action is not None and action.effect.get("effect", {}).get("purpose"):
        return action.effect["effect"]["purpose"]
    return f"An emergency call during incident {incident.reference} ({incident.protocol_title})"


def disclosure_prefill(call: EmergencyCall) -> dict:
    """The disclosure decision's starting values from a recorded call: who was phoned and
    when, the reference, why (the plan's purpose), the consent, whether it was decided
    alone in an emergency and whether the customer was told. The lawful basis is left
    to the decider, who checks every answer before confirming."""
    decided_alone = call.decided_by_kind == EmergencyDecider.WORKER_URGENT
    adviser: User | None = call.decided_by if call.decided_by_kind in ("team-leader", "deputy-manager") else None
    return {
        "at_risk": "customer",
        "recipient_kind": RECIPIENT_FROM_SERVICE.get(call.service, "other"),
        "recipient_organisation": call.get_service_display(),
        "method": "phone",
        "shared_at": call.called_at,
        "items": ["name"],
        "purpose": _disclosure_purpose(call.incident),
        "reference_number": call.police_reference,
        "consent": DISCLOSURE_CONSENT.get(call.consent, ""),
        "risk_to_life": True,
        "emergency": decided_alone,
        "second_opinion_by": adviser.pk if adviser else None,
        "person_told": bool(call.customer_told),
        "not_told_reason": call.not_told_reason or "",
    }


def incident_disclosure(*, user, incident_id: int, customer) -> tuple[Incident, dict]:
    """For the disclosure form's `?incident=`: the incident (if `user` may open it and it
    is about `customer`) and the values from its latest call not yet given a decision."""
    from core.errors import NotFound
    from incidents.selectors import incident_for_change

    incident = incident_for_change(user=user, incident_id=incident_id)
    if incident.customer_id != customer.pk:
        raise NotFound("That incident is not about this customer.")
    call = incident.emergency_calls.filter(disclosure__isnull=True).order_by("-called_at", "-id").first()
    return incident, disclosure_prefill(call) if call is not None else {}
