"""Starting, running and closing an incident (issue 8). Pages and the API call these;
each change and its audit event commit together, and screens following the incident
hear of it after the commit (incidents/live.py).

Answers to steps are structured fields under an optimistic lock: the page sends the
incident's `version` it was showing, and a step answered against an older version is
refused with what the other person recorded (EditConflict), never silently applied.
"""

from django.db import transaction
from django.utils import timezone

from audit.services import audit_record
from consent.guard import require_no_credentials
from core.errors import EditConflict, HavenError, InvalidInput, NotAllowed
from incidents import definitions, effects, live, permissions, runs
from incidents.models import Channel, Incident, IncidentState
from people.models import Customer
from people.permissions import same_organisation
from people.services import person_ref
from people.services_access import may_open
from protocols.engine import AnswerError, Run, RunError
from work import deadlines


def incident_person_ref(incident: Incident) -> str:
    return person_ref(incident.customer) if incident.customer_id else ""


def _require_customer(actor, customer: Customer) -> None:
    if not same_organisation(actor, customer) or not may_open(actor, customer):
        raise NotAllowed("You cannot start an incident for this customer.")


def incident_start(
    *,
    actor,
    channel: str,
    protocol_id: str,
    customer: Customer | None = None,
    caller_description: str = "",
    summary_text: str = "",
) -> Incident:
    """Starts an incident on the active version of a plan, pinned from now on. For a caller
    not yet identified, `caller_description` says who they are until the customer is linked."""
    if not permissions.INCIDENT_STARTERS.allows(actor):
        raise NotAllowed("Your role cannot start incidents.")
    if customer is not None:
        _require_customer(actor, customer)
    require_no_credentials(caller_description=caller_description, summary_text=summary_text)
    errors = {}
    if channel not in Channel.values:
        errors["channel"] = "Choose how the customer told you"
    if customer is None and not (caller_description or "").strip():
        errors["caller_description"] = "Describe the caller (for example, the name they gave) until you can link them"
    if protocol_id not in definitions.PROTOCOLS:
        errors["protocol"] = "Choose which plan to follow"
    if errors:
        raise InvalidInput(errors)
    definition = definitions.active(protocol_id)
    now = timezone.now()
    incident = Incident(
        organisation_id=actor.organisation.pk,
        customer=customer,
        caller_description=(caller_description or "").strip(),
        channel=channel,
        protocol_id=definition.id,
        protocol_version=definition.version,
        protocol_title=definition.title,
        summary_text=(summary_text or "").strip(),
        worker=actor,
        team_id=actor.team_id,
        worker_home_based=actor.is_home_based,
        started_at=now,
    )
    run = Run.start(definition)
    answered_channel = answer_channel_step(run, channel, by=actor.username, at=now)
    runs.store(incident, run)
    with transaction.atomic(durable=True):
        incident.save()
        if answered_channel:
            effects.record_raised(incident, definition, run.effects, actor=actor)
        audit_record(
            actor=actor,
            action="incident.started",
            target=incident,
            person_ref=incident_person_ref(incident),
            summary=f"{definition.title} ({channel})",
            changes={"protocol": definition.ref, "channel": channel, "customer": customer.pk if customer else None},
        )
    return incident


# A plan that opens by asking how the declaration reached us (the Six Point Plan's
# `channel`) is answered from the channel the start page recorded, so the worker on a
# call is not asked the same thing twice. Its answer history says where it came from,
# and "Change" in the summary walks it again as for any answer.
CHANNEL_STEP = "channel"
CHANNEL_ANSWERS = {
    Channel.TELEPHONE: "office",
    Channel.FACE_TO_FACE: "office",
    Channel.HOME_VISIT: "home-visit",
    Channel.HOME_WORKING: "home-working",
    Channel.LETTER: "in-writing",
    Channel.JOURNAL_OR_EMAIL: "in-writing",
    Channel.SOCIAL_MEDIA: "social-media",
    Channel.THIRD_PARTY: "third-party",
}


def answer_channel_step(run: Run, channel: str, *, by: str, at) -> bool:
    """Answers a just-started run's channel question from the incident's channel, if the
    plan opens with one; whether it did. Pure: the bulk seeding path calls it too."""
    if run.current != CHANNEL_STEP or run.step.kind != "question":
        return False
    value = CHANNEL_ANSWERS.get(channel)
    if value not in {option.value for option in run.step.options()}:
        return False
    run.answer(value, step=CHANNEL_STEP, note="Recorded on the start page", by=by, at=at.isoformat())
    return True


def _locked(incident: Incident, version: int | None) -> Incident:
    # OF self: PostgreSQL refuses FOR UPDATE on the nullable side of the customer join.
    related = Incident.objects.select_related("team__office", "customer")
    locked = related.select_for_update(of=("self",)).get(pk=incident.pk)
    if version is not None and locked.version != int(version):
        raise EditConflict(
            current={"version": str(locked.version), "current_step": locked.current_step},
            message="Someone changed this incident while you were on this step. Their version is shown: "
            "check it, then carry on from there.",
        )
    return locked


def _step_event(*, actor, incident: Incident, version: int | None, act, action: str) -> Incident:
    if not permissions.can_answer_steps(actor, incident):
        raise NotAllowed("Only the worker handling this incident answers its steps.")
    with transaction.atomic(durable=True):
        locked = _locked(incident, version)
        if not locked.is_open:
            raise HavenError("This incident is closed, so its steps cannot change.")
        run = runs.run_of(locked)
        effects_before = len(run.effects)
        step_id = act(run)
        runs.store(locked, run)
        locked.version += 1
        locked.save(update_fields=["run", "current_step", "version", "updated_at"])
        effects.record_raised(locked, runs.definition_of(locked), run.effects[effects_before:], actor=actor)
        step = runs.definition_of(locked).step_map[step_id]
        audit_record(
            actor=actor,
            action=action,
            target=locked,
            person_ref=incident_person_ref(locked),
            summary=f"{step_id}"[:300],
            # The step and the kind of answer; the answer's words stay in the encrypted run.
            changes={"step": step_id, "kind": step.kind, "now_at": run.current, "version": locked.version},
        )
        live.publish(locked, "step", step=step_id, current=run.current)
    return locked


def _answer_problem(exc: AnswerError | RunError) -> HavenError:
    return HavenError(exc.message, field="answer")


def step_answer(
    *,
    actor,
    incident: Incident,
    step: str,
    value,
    version: int | None,
    role: str | None = None,
    note: str | None = None,
) -> Incident:
    """Answers the current step (confirming an instruction is answering it with 'done').
    `step` must be the step the page showed, so a page submitted twice never answers the next one."""
    require_no_credentials(answer=value if isinstance(value, str) else None, note=note)

    def act(run: Run) -> str:
        try:
            run.answer(value, step=step, role=role, note=note, by=actor.username, at=timezone.now().isoformat())
        except (AnswerError, RunError) as exc:
            raise _answer_problem(exc) from exc
        return step

    return _step_event(actor=actor, incident=incident, version=version, act=act, action="incident.step_answered")


def step_change(
    *,
    actor,
    incident: Incident,
    step: str,
    value,
    version: int | None,
    role: str | None = None,
    note: str | None = None,
) -> Incident:
    """Goes back to change an earlier answer: a new event; the steps after it are walked again."""
    require_no_credentials(answer=value if isinstance(value, str) else None, note=note)

    def act(run: Run) -> str:
        try:
            run.change(step, value, role=role, note=note, by=actor.username, at=timezone.now().isoformat())
        except (AnswerError, RunError) as exc:
            raise _answer_problem(exc) from exc
        return step

    return _step_event(actor=actor, incident=incident, version=version, act=act, action="incident.step_changed")


def can_link_customer(user, incident: Incident) -> bool:
    """The worker or their team leader links a caller to their record, or closes the incident."""
    return permissions.is_worker(user, incident) or permissions.leads_team(user, incident)


def incident_link_customer(*, actor, incident: Incident, customer: Customer, version: int | None = None) -> Incident:
    """Links a caller who was not identified when the incident started to their record."""
    if not can_link_customer(actor, incident):
        raise NotAllowed("Only the worker or their team leader links the customer.")
    _require_customer(actor, customer)
    with transaction.atomic(durable=True):
        locked = _locked(incident, version)
        if locked.customer_id is not None:
            raise HavenError("This incident is already linked to a customer.", field="customer")
        if customer.organisation_id != locked.organisation_id:
            raise NotAllowed("This customer belongs to another organisation.")
        locked.customer, locked.version = customer, locked.version + 1
        locked.save(update_fields=["customer", "version", "updated_at"])
        # Markers the plan set while the caller was unknown are set now (emergency part).
        from incidents.services_report_threat import customer_linked_within

        customer_linked_within(actor=actor, incident=locked)
        audit_record(
            actor=actor,
            action="incident.customer_linked",
            target=locked,
            person_ref=person_ref(customer),
            changes={"customer": customer.pk},
        )
        live.publish(locked, "incident")
    return locked


def incident_close(*, actor, incident: Incident, version: int | None = None) -> Incident:
    """Closes an incident whose plan has reached its end. It is kept six years from today."""
    if not permissions.is_worker(actor, incident) and not permissions.leads_team(actor, incident):
        raise NotAllowed("Only the worker or their team leader closes the incident.")
    with transaction.atomic(durable=True):
        locked = _locked(incident, version)
        if not locked.is_open:
            raise HavenError("This incident is already closed.")
        if not runs.run_of(locked).finished:
            raise HavenError("Finish the plan's steps before closing the incident.")
        now = timezone.now()
        locked.state, locked.closed_at, locked.closed_by = IncidentState.CLOSED, now, actor
        locked.keep_until = deadlines.retain_until(timezone.localdate(now))
        locked.version += 1
        locked.save(update_fields=["state", "closed_at", "closed_by", "keep_until", "version", "updated_at"])
        # A home-based worker's supported call is followed by a video-call check-in.
        from incidents.services_review import supported_call_follow_up

        supported_call_follow_up(locked, actor=actor)
        audit_record(
            actor=actor,
            action="incident.closed",
            target=locked,
            person_ref=incident_person_ref(locked),
            changes={"keep_until": locked.keep_until},
        )
        live.publish(locked, "incident")
    return locked
