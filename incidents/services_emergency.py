"""Recording the call to emergency services (issue 8; DA Plan, "Call the Emergency
Services"), and linking the disclosure decision it opens.

The record follows the plan's order: asked the customer to phone 999; asked whether we
should phone for them; their consent; who decided (the customer by consenting, a team
leader or deputy manager of the worker's team, or the worker alone because it was
urgent) and why; the call; whether it was made from a national centre for a customer in
another area; and whether the customer was told. The worker records it, or the support
partner who made the call on the worker's behalf.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from audit.services import audit_record
from consent.guard import require_no_credentials
from core.errors import EditConflict, HavenError, InvalidInput, NotAllowed
from incidents import effects, live, permissions
from incidents.models import ConsentAnswer, EmergencyCall, EmergencyDecider, EmergencyService, Incident, IncidentAction
from incidents.services import incident_person_ref

FREE_TEXT = ("decision_reason", "police_reference", "location_given", "customer_area", "not_told_reason")
FIELDS = (
    "asked_customer_to_phone",
    "asked_whether_we_phone",
    "consent",
    "decided_by_kind",
    "decided_by",
    "decision_reason",
    "service",
    "called_at",
    "police_reference",
    "location_given",
    "from_national_centre",
    "customer_area",
    "customer_told",
    "not_told_reason",
)
# What the audit trail copies: codes, times and yes/no, never the words.
AUDITED = tuple(name for name in FIELDS if name not in FREE_TEXT and name != "decided_by")
DECIDER_ROLES = {EmergencyDecider.TEAM_LEADER: Role.TEAM_LEADER, EmergencyDecider.DEPUTY_MANAGER: Role.DEPUTY_MANAGER}
FUTURE_GRACE = timedelta(minutes=10)


def can_record(user, incident: Incident) -> bool:
    """The worker, or the support partner who joined, while the incident is open."""
    return incident.is_open and (permissions.is_worker(user, incident) or permissions.is_partner(user, incident))


def decider_choices(incident: Incident):
    """Who may decide on the team's behalf: its team leaders and deputy managers."""
    return User.objects.filter(
        team_id=incident.team_id, is_active=True, role__in=tuple(DECIDER_ROLES.values())
    ).order_by("role", "pk")


def _clean(data: dict) -> dict:
    clean = {name: data.get(name) for name in FIELDS}
    for name in FREE_TEXT:
        clean[name] = (clean[name] or "").strip()
    clean["from_national_centre"] = bool(clean["from_national_centre"])
    return clean


def _sequence_problems(data: dict) -> dict[str, str]:
    errors = {}
    if data["asked_customer_to_phone"] is None:
        errors["asked_customer_to_phone"] = "Say whether you asked the customer to phone 999 themselves"
    if data["asked_whether_we_phone"] is None:
        errors["asked_whether_we_phone"] = "Say whether you asked the customer if we should phone for them"
    consent = data["consent"]
    if consent not in ConsentAnswer.values:
        errors["consent"] = "Choose whether the customer gave consent"
    elif data["asked_whether_we_phone"] is False and consent in (ConsentAnswer.GIVEN, ConsentAnswer.REFUSED):
        errors["consent"] = "The customer can only give or refuse consent if you asked them: choose another answer"
    elif data["asked_whether_we_phone"] and consent == ConsentAnswer.NOT_ASKED:
        errors["consent"] = "You asked the customer, so choose what they said"
    return errors


def _decision_problems(data: dict, incident: Incident) -> dict[str, str]:
    errors = {}
    kind = data["decided_by_kind"]
    if kind not in EmergencyDecider.values:
        return {"decided_by_kind": "Choose who decided to call the emergency services"}
    if kind == EmergencyDecider.CUSTOMER_CONSENTED and data["consent"] != ConsentAnswer.GIVEN:
        errors["decided_by_kind"] = "The customer did not consent: choose who decided"
    if kind in DECIDER_ROLES:
        decider = data["decided_by"]
        if decider is None:
            errors["decided_by"] = "Choose the team leader or deputy manager who decided"
        elif not decider_choices(incident).filter(pk=decider.pk, role=DECIDER_ROLES[kind]).exists():
            errors["decided_by"] = f"Choose a {DECIDER_ROLES[kind].label.lower()} of the worker's team"
    if data["consent"] != ConsentAnswer.GIVEN and not data["decision_reason"]:
        errors["decision_reason"] = "The customer did not consent: enter the reason for the decision to call"
    return errors


def _call_problems(data: dict) -> dict[str, str]:
    errors = {}
    if data["service"] not in EmergencyService.values:
        errors["service"] = "Choose which service you called"
    called_at = data["called_at"]
    if called_at is None:
        errors["called_at"] = "Enter the date and time of the call"
    elif called_at > timezone.now() + FUTURE_GRACE:
        errors["called_at"] = "The time of the call must not be in the future"
    if len(data["police_reference"]) > 60:
        errors["police_reference"] = "The police reference must be 60 characters or fewer"
    if not data["location_given"]:
        errors["location_given"] = "Enter the location you gave for the customer"
    if data["from_national_centre"] and not data["customer_area"]:
        errors["customer_area"] = "Enter the area the customer lives in"
    if data["customer_told"] is None:
        errors["customer_told"] = "Say whether the customer was told what is happening and why"
    elif data["customer_told"] is False and not data["not_told_reason"]:
        errors["not_told_reason"] = "Enter why the customer was not told"
    return errors


def checked(data: dict, incident: Incident) -> dict:
    """Normalised data, with every problem at once (each beside its field)."""
    require_no_credentials(**{name: data.get(name) for name in FREE_TEXT})
    data = _clean(data)
    errors = {**_sequence_problems(data), **_decision_problems(data, incident), **_call_problems(data)}
    if errors:
        raise InvalidInput(errors)
    if data["decided_by_kind"] == EmergencyDecider.WORKER_URGENT:
        data["decided_by"] = incident.worker
    elif data["decided_by_kind"] == EmergencyDecider.CUSTOMER_CONSENTED:
        data["decided_by"] = None
    if not data["from_national_centre"]:
        data["customer_area"] = ""
    if data["customer_told"]:
        data["not_told_reason"] = ""
    return data


def _made_by(actor, incident: Incident, made_by) -> User:
    if made_by is None:
        return actor
    if made_by.pk not in (incident.worker_id, incident.partner_id):
        raise InvalidInput({"made_by": "The call was made by the worker or their support partner"})
    return made_by


def _audited(call: EmergencyCall) -> dict:
    changes = {name: getattr(call, name) for name in AUDITED}
    changes.update(decided_by=call.decided_by_id, made_by=call.made_by_id, version=call.version)
    return changes


def _mark_call_actions(incident: Incident, call: EmergencyCall, actor) -> None:
    """The plan's record_emergency_call actions for this service are done (any of them,
    if the plan asked for a call to another service: the worker recorded what happened)."""
    pending = list(
        IncidentAction.objects.select_for_update().filter(
            incident=incident, kind="record_emergency_call", state="pending"
        )
    )
    matching = [action for action in pending if action.effect.get("effect", {}).get("service") == call.service]
    for action in matching or pending[:1]:
        effects.mark_done(action, actor, result=f"incidents.emergencycall:{call.pk}")


def emergency_call_record(*, actor, incident: Incident, data: dict) -> EmergencyCall:
    """The worker, or the support partner on the worker's behalf, records the call to
    emergency services. The plan's "record the emergency call" action is done; the page
    then opens the disclosure decision prefilled from this record (it waits until the
    customer is linked, for a caller not yet identified)."""
    if not can_record(actor, incident):
        raise NotAllowed("Only the worker or their support partner records the emergency call, while it is open.")
    made_by = _made_by(actor, incident, data.get("made_by"))
    data = checked(data, incident)
    with transaction.atomic(durable=True):
        locked = Incident.objects.select_for_update().get(pk=incident.pk)
        if not locked.is_open:
            raise HavenError("This incident is closed, so no call can be recorded on it.")
        call = EmergencyCall.objects.create(incident=locked, recorded_by=actor, made_by=made_by, **data)
        _mark_call_actions(locked, call, actor)
        audit_record(
            actor=actor,
            action="incident.emergency_call_recorded",
            target=call,
            person_ref=incident_person_ref(locked),
            summary=f"{call.get_service_display()} for {locked.reference}",
            changes=_audited(call),
        )
        live.publish(locked, "emergency_call", call=call.pk)
    return call


def emergency_call_update(*, actor, call: EmergencyCall, data: dict, version: int | None) -> EmergencyCall:
    """Corrects the record while the incident is open, against the version the page showed:
    if someone changed it since, nothing is saved and their version is shown."""
    incident = call.incident
    if not can_record(actor, incident):
        raise NotAllowed("Only the worker or their support partner changes the emergency call, while it is open.")
    made_by = _made_by(actor, incident, data.get("made_by")) if data.get("made_by") else call.made_by
    data = checked(data, incident)
    with transaction.atomic(durable=True):
        locked = EmergencyCall.objects.select_for_update(of=("self",)).select_related("incident").get(pk=call.pk)
        if version is not None and locked.version != int(version):
            raise EditConflict(
                current={"version": str(locked.version), **{name: str(getattr(locked, name)) for name in AUDITED}},
                message="Someone changed this emergency call record while you were editing it. Their version is "
                "shown: check it, then make your change again.",
            )
        for name, value in data.items():
            setattr(locked, name, value)
        locked.made_by, locked.version = made_by, locked.version + 1
        locked.save()
        audit_record(
            actor=actor,
            action="incident.emergency_call_changed",
            target=locked,
            person_ref=incident_person_ref(locked.incident),
            changes=_audited(locked),
        )
        live.publish(locked.incident, "emergency_call", call=locked.pk)
    return locked


def disclosure_linked_within(*, actor, incident: Incident, disclosure) -> EmergencyCall | None:
    """Called by disclosures.services.disclosure_draft, in its transaction, when a decision
    is drafted from an incident: the latest call without a decision is linked to it, and
    the plan's "open the disclosure decision" actions are done."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("disclosure_linked_within must run inside the caller's transaction.")
    if disclosure.customer_id != incident.customer_id or not permissions.can_open(actor, incident):
        raise NotAllowed("This disclosure cannot be linked to that incident.")
    call = (
        EmergencyCall.objects.select_for_update()
        .filter(incident=incident, disclosure__isnull=True)
        .order_by("-called_at", "-id")
        .first()
    )
    if call is not None:
        call.disclosure = disclosure
        call.save(update_fields=["disclosure", "updated_at"])
    effects.action_done(
        incident, "open_disclosure_decision", actor=actor, result=f"disclosures.disclosure:{disclosure.pk}"
    )
    audit_record(
        actor=actor,
        action="incident.disclosure_linked",
        target=incident,
        person_ref=incident_person_ref(incident),
        changes={"disclosure": disclosure.pk, "call": call.pk if call else None},
    )
    live.publish(incident, "disclosure", disclosure=disclosure.pk)
    return call
