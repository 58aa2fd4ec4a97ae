"""Carrying out what a protocol's effects ask for (protocols/README.md, "Effects").

Each raised effect becomes one `IncidentAction`, in the transaction of the step that
raised it. Effects Haven can carry out alone (a review task, a marker, Report Threat)
run at once through `AUTOMATIC`; the rest wait on the guided screen as things to do
(summon a support partner, record the emergency call, open the disclosure decision,
offer a referral, send the signposting list) and are marked done by the service that
does them (`action_done`). An effect is raised once per run, so it is acted on once.
"""

import hashlib
from collections.abc import Callable

from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from accounts.selectors import team_leader_of
from core.errors import HavenError
from core.system import system_actor
from incidents.models import Incident, IncidentAction
from protocols.engine import RaisedEffect
from work import calendar
from work import services as work_services
from work.rules import Rule

INCIDENT_TASK = Rule("incidents.protocol-task", "A task the incident's protocol sets (issue 8)")


def effect_key(raised: RaisedEffect, definition) -> str:
    return hashlib.sha256(definition.effect_key(raised.effect).encode()).hexdigest()


def jurisdiction_of(incident: Incident):
    """Working days are counted where the customer lives, or where the worker's office is."""
    nation = incident.customer.nation if incident.customer_id else incident.team.office.nation
    return calendar.jurisdiction_for_nation(nation)


def due_after_working_days(incident: Incident, days: int):
    start = calendar.london_date(incident.started_at)
    return calendar.end_of_london_day_utc(calendar.add_working_days(start, days, jurisdiction_of(incident)))


def assignee_for(incident: Incident, who: str) -> User | None:
    if who == "worker":
        return incident.worker
    if who == "team-leader":
        return team_leader_of(incident.team_id, exclude_id=incident.worker_id)
    if who == "deputy-manager":
        return (
            User.objects.filter(team_id=incident.team_id, role=Role.DEPUTY_MANAGER, is_active=True)
            .order_by("pk")
            .first()
        )
    if who == "safeguarding-lead":
        return (
            User.objects.filter(
                role=Role.SAFEGUARDING_LEAD,
                is_active=True,
                team__office__region__organisation_id=incident.organisation_id,
            )
            .order_by("pk")
            .first()
        )
    raise HavenError(f"Unknown assignee {who!r}")


def _create_task(action: IncidentAction, incident: Incident, actor) -> str:
    effect = action.effect["effect"]
    assignee = assignee_for(incident, effect["assignee"])
    task = work_services.task_create_within(
        actor=system_actor(),
        title=effect["title"],
        rule=INCIDENT_TASK,
        due_at=due_after_working_days(incident, effect["due_working_days"]),
        assignee=assignee,
        team=None if assignee else incident.team,
        about=incident,
        customer=incident.customer,
        description=f"From incident {incident.reference} ({incident.protocol_title}), step '{action.step}'.",
    )
    return f"work.task:{task.pk}"


def _task_or_review(action: IncidentAction, incident: Incident, actor) -> str:
    """The review's create_task becomes the review with its two tasks (services_review)."""
    from incidents import services_review

    if services_review.raises_review(action, incident):
        return services_review.review_from_effect(action, incident, actor)
    return _create_task(action, incident, actor)


# A handler that cannot act yet (a marker for a caller not yet identified) returns
# PENDING: the action stays to do, and is carried out later (incident_link_customer).
PENDING = "pending"


def _report_threat(action: IncidentAction, incident: Incident, actor) -> str:
    from incidents.services_report_threat import report_threat_create_within

    return report_threat_create_within(action=action, incident=incident, actor=actor)


def _add_marker(action: IncidentAction, incident: Incident, actor) -> str:
    from incidents.services_report_threat import marker_action_within

    return marker_action_within(action=action, incident=incident, actor=actor)


# Effect type -> handler(action, incident, actor) returning what it made ("app.model:pk").
# A handler runs inside the step's transaction; raising HavenError refuses the step.
AUTOMATIC: dict[str, Callable[[IncidentAction, Incident, object], str]] = {
    "create_task": _task_or_review,
    "report_threat": _report_threat,
    "add_marker": _add_marker,
}


def record_raised(incident: Incident, definition, raised: list[RaisedEffect], *, actor) -> list[IncidentAction]:
    """New IncidentActions for effects raised by one step, carrying out the automatic ones."""
    actions = []
    for effect in raised:
        action, created = IncidentAction.objects.get_or_create(
            incident=incident,
            key=effect_key(effect, definition),
            defaults={"kind": effect.effect.type, "step": effect.step, "effect": effect.as_dict()},
        )
        if not created:
            continue
        handler = AUTOMATIC.get(action.kind)
        if handler is not None:
            result = handler(action, incident, actor)
            if result != PENDING:
                mark_done(action, actor, result=result or "")
        actions.append(action)
    return actions


def mark_done(
    action: IncidentAction, actor, *, result: str = "", state=IncidentAction.State.DONE, note: str = ""
) -> None:
    """Marks one action done (or declined), inside the caller's transaction: for a service
    that carries out one particular action (an ACSSL offer, not a UCB one, say)."""
    action.state, action.done_at, action.done_by = state, timezone.now(), actor
    action.result, action.note = result[:80], note[:300]
    action.save(update_fields=["state", "done_at", "done_by", "result", "note", "updated_at"])


def action_done(incident: Incident, kind: str, *, actor, result: str = "", note: str = "") -> list[IncidentAction]:
    """Marks every pending action of `kind` done (a service did what they asked). Inside
    the caller's transaction."""
    pending = list(IncidentAction.objects.select_for_update().filter(incident=incident, kind=kind, state="pending"))
    for action in pending:
        mark_done(action, actor, result=result, note=note)
    return pending


def action_declined(action: IncidentAction, *, actor, note: str) -> None:
    mark_done(action, actor, state=IncidentAction.State.DECLINED, note=note)
