"""Referrals the plan offers (its offer_referral effects): to an Advanced Customer Support
Senior Leader (ACSSL) or the Senior Safeguarding Leader, with the outcome written into the
customer's contact notes (DA Plan, "Consider Referral to an ACSSL"); and the Unacceptable
Customer Behaviour report offered when the worker felt threatened (Six Point Plan, para 25),
which is also always available from the follow-up panel."""

import json

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from audit.services import audit_record
from consent.guard import require_no_credentials
from core.errors import EditConflict, HavenError, InvalidInput, NotAllowed
from incidents import effects, live, runs
from incidents.models import (
    Incident,
    IncidentAction,
    IncidentRecord,
    Referral,
    ReferralKind,
    ReferralOutcome,
    UCBReport,
)
from incidents.permissions_followup import may_record_outcome, may_refer, may_report_ucb
from incidents.services import incident_person_ref
from incidents.services_records import complete_record_within
from people.services_contact_notes import contact_note_add_within

UCB_FORM = "ucb-report"
ACSSL_RECORD = "acssl-outcome"


def offers(incident: Incident, form: str, *, pending_only: bool = True) -> list[IncidentAction]:
    actions = IncidentAction.objects.filter(incident=incident, kind="offer_referral")
    if pending_only:
        actions = actions.filter(state=IncidentAction.State.PENDING)
    return [a for a in actions if a.effect.get("effect", {}).get("form") == form]


def _offers_done(incident: Incident, form: str, *, actor, result: str) -> None:
    for action in IncidentAction.objects.select_for_update().filter(pk__in=[a.pk for a in offers(incident, form)]):
        effects.mark_done(action, actor, result=result)


def safeguarding_leads(incident: Incident):
    """Who a referral can go to: the organisation's safeguarding leads (ACSSLs and the
    Senior Safeguarding Leader hold that role in Haven)."""
    return User.objects.filter(
        role=Role.SAFEGUARDING_LEAD, is_active=True, team__office__region__organisation_id=incident.organisation_id
    ).order_by("last_name", "first_name", "pk")


def _text(value: str, field: str, missing: str, limit: int = 5000) -> str:
    value = (value or "").strip()
    if not value:
        raise HavenError(missing, field=field)
    if len(value) > limit:
        raise HavenError(f"This must be {limit:,} characters or fewer", field=field)
    return value


def ucb_report(*, actor, incident: Incident, what_happened: str) -> UCBReport:
    """The worker (or the partner who witnessed it) reports unacceptable customer behaviour."""
    if not may_report_ucb(actor, incident):
        raise NotAllowed("Only the worker or their support partner makes the UCB report.")
    require_no_credentials(what_happened=what_happened)
    what_happened = _text(what_happened, "what_happened", "Describe what happened, and how you were threatened")
    with transaction.atomic(durable=True):
        report = UCBReport.objects.create(
            incident=incident, reported_by=actor, what_happened=what_happened, reported_at=timezone.now()
        )
        _offers_done(incident, UCB_FORM, actor=actor, result=f"incidents.ucbreport:{report.pk}")
        audit_record(
            actor=actor, action="incident.ucb_reported", target=report, person_ref=incident_person_ref(incident)
        )
        live.publish(incident, "ucb")
    return report


def referral_make(*, actor, incident: Incident, kind: str, reason: str, referred_to: User | None) -> Referral:
    """The worker (or their team leader) refers the case, after discussing it with the
    senior team leader, to a safeguarding lead of the organisation."""
    if not may_refer(actor, incident):
        raise NotAllowed("Only the worker or their team leader refers the incident.")
    require_no_credentials(reason=reason)
    errors = {}
    if kind not in ReferralKind.values:
        errors["kind"] = "Choose who the referral is to: an ACSSL or the Senior Safeguarding Leader"
    if not (reason or "").strip():
        errors["reason"] = "Enter why the customer needs further support"
    if referred_to is None or not safeguarding_leads(incident).filter(pk=referred_to.pk).exists():
        errors["referred_to"] = "Choose the safeguarding lead the referral goes to"
    if errors:
        raise InvalidInput(errors)
    reason = _text(reason, "reason", errors.get("reason", ""))
    with transaction.atomic(durable=True):
        referral = Referral.objects.create(
            incident=incident, kind=kind, reason=reason, referred_by=actor, referred_to=referred_to,
            referred_at=timezone.now(),
        )  # fmt: skip
        _offers_done(incident, kind, actor=actor, result=f"incidents.referral:{referral.pk}")
        audit_record(
            actor=actor,
            action="incident.referral_made",
            target=referral,
            person_ref=incident_person_ref(incident),
            changes={"kind": kind, "referred_to": referred_to.pk},
        )
        live.publish(incident, "referral", referral=referral.pk)
    return referral


def _contact_note(referral: Referral, outcome: str, note: str) -> str:
    incident = referral.incident
    label = ReferralOutcome(outcome).label
    to = referral.referred_to.get_full_name() if referral.referred_to else ""
    lines = [
        f"{ReferralKind(referral.kind).label} referral from incident {incident.reference} "
        f"({incident.protocol_title}), referred to {to} on {timezone.localtime(referral.referred_at):%-d %B %Y}.",
        f"Outcome: {label}.",
    ]
    if note:
        lines.append(note)
    return "\n".join(lines)


def _outcome_record(actor, referral: Referral, text: str) -> None:
    """The DA Plan's "ACSSL referral outcome" record holds what the contact note says, and
    is complete once the outcome is known (its one item is the ACSSL's advice)."""
    incident = Incident.objects.select_for_update().get(pk=referral.incident_id)
    if referral.kind != ReferralKind.ACSSL or ACSSL_RECORD not in {
        r.id for r in runs.run_of(incident).required_records()
    }:
        return
    record, _ = IncidentRecord.objects.select_for_update().get_or_create(
        incident=incident, record_id=ACSSL_RECORD,
        defaults={"title": runs.definition_of(incident).record_map[ACSSL_RECORD].title,
                  "items": list(runs.definition_of(incident).record_map[ACSSL_RECORD].items)},
    )  # fmt: skip
    record.values, record.version = json.dumps([text]), record.version + 1
    record.completed_by, record.completed_at = actor, record.completed_at or timezone.now()
    record.save()
    complete_record_within(actor=actor, locked=incident, record_id=ACSSL_RECORD)


def referral_outcome(*, actor, referral: Referral, outcome: str, note: str, version: int | None) -> Referral:
    """The person referred to, or the worker, records the outcome: no further action,
    advice, or the case taken over. It goes into the customer's contact notes in the same
    transaction (a caller not yet linked to a customer has no contact notes yet: the
    outcome stays on the referral and is refused until the customer is linked)."""
    if not may_record_outcome(actor, referral):
        raise NotAllowed("Only the person referred to, or the worker, records the outcome.")
    require_no_credentials(note=note)
    if outcome not in ReferralOutcome.values:
        raise HavenError("Choose the outcome: no further action, advice, or the case taken over", field="outcome")
    note = (note or "").strip()
    if outcome == ReferralOutcome.ADVICE and not note:
        raise HavenError("Enter the advice given", field="note")
    incident = referral.incident
    if incident.customer_id is None:
        raise HavenError("Link the caller to their customer record first: the outcome goes in their contact notes.")
    with transaction.atomic(durable=True):
        locked = (
            Referral.objects.select_for_update(of=("self",))
            .select_related("incident__customer", "referred_to")
            .get(pk=referral.pk)
        )
        if version is not None and locked.version != int(version):
            raise EditConflict(current={"version": str(locked.version), "outcome": locked.get_outcome_display()})
        if locked.outcome:
            raise HavenError("The outcome of this referral is already recorded.", field="outcome")
        locked.outcome, locked.outcome_note, locked.outcome_by = outcome, note, actor
        locked.outcome_at, locked.version = timezone.now(), locked.version + 1
        locked.save()
        contact_note_add_within(
            actor=actor, customer=locked.incident.customer, text=_contact_note(locked, outcome, note), source=locked
        )
        _outcome_record(actor, locked, _contact_note(locked, outcome, note))
        audit_record(
            actor=actor,
            action="incident.referral_outcome",
            target=locked,
            person_ref=incident_person_ref(locked.incident),
            changes={"outcome": outcome},
        )
        live.publish(locked.incident, "referral", referral=locked.pk)
    return locked


def offer_decline(*, actor, incident: Incident, action: IncidentAction, note: str) -> IncidentAction:
    """The worker records that a referral the plan offered is not needed, and why."""
    if not may_refer(actor, incident) or action.incident_id != incident.pk or action.kind != "offer_referral":
        raise NotAllowed("Only the worker or their team leader answers the plan's referral offers.")
    require_no_credentials(note=note)
    note = _text(note, "note", "Enter why the referral is not needed", limit=300)
    with transaction.atomic(durable=True):
        locked = IncidentAction.objects.select_for_update().get(pk=action.pk)
        if locked.state != IncidentAction.State.PENDING:
            raise HavenError("This offer has already been answered.")
        effects.action_declined(locked, actor=actor, note=note)
        audit_record(
            actor=actor,
            action="incident.referral_declined",
            target=incident,
            person_ref=incident_person_ref(incident),
            changes={"form": locked.effect.get("effect", {}).get("form", ""), "note_length": len(note)},
        )
        live.publish(incident, "action", action=locked.pk)
    return locked
