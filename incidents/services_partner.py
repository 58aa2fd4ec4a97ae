"""Summoning a support partner (issue 8, "Support partner"; DA Plan, Section A).

One press of "Summon support partner" raises an alert to the on-duty support group
(incidents/recipients.py). It never blocks the worker: raising it is one short
transaction and the guided screen carries on. The first recipient to accept joins the
incident as its partner; nobody accepting by `escalate_at` sends it to the team leader
and deputy manager as well. Every step is audited, and the screens that follow hear of
it after the commit (incidents/live.py: ids only, never the customer's words).
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from audit.services import audit_record
from core.errors import HavenError, NotAllowed
from core.system import system_actor
from incidents import effects, live, permissions, runs
from incidents.models import AlertRecipient, AlertState, Incident, SupportAlert
from incidents.recipients import leaders_of, recipients_for
from incidents.services import incident_person_ref

SUMMON = "summon_support_partner"
OPEN_STATES = (AlertState.WAITING, AlertState.ESCALATED)


def escalate_after() -> timedelta:
    return timedelta(seconds=settings.HAVEN_SUPPORT_ALERT_ESCALATE_SECONDS)


def _reason(incident: Incident) -> str:
    """Why help is needed, in the plan's words (never the customer's): the summon effect
    of the step the worker is on, else one already raised."""
    definition = runs.definition_of(incident)
    step = definition.step_map.get(incident.current_step)
    for effect in getattr(step, "effects", []):
        if effect.type == SUMMON:
            return effect.reason
    for raised in runs.run_of(incident).effects:
        if raised.effect.type == SUMMON:
            return raised.effect.reason
    return ""


def _notify(alert: SupportAlert, user_ids, kind: str = "alert") -> None:
    for user_id in user_ids:
        live.publish_to_user(user_id, kind, alert=alert.pk, state=alert.state)


def alert_raise(*, actor, incident: Incident) -> tuple[SupportAlert, bool]:
    """The worker summons a support partner. Returns (alert, raised): pressing again while
    an alert waits returns that alert and sends nothing new. Marks the protocol's pending
    summon_support_partner action done."""
    if not permissions.is_worker(actor, incident):
        raise NotAllowed("Only the worker handling this incident summons a support partner.")
    with transaction.atomic(durable=True):
        locked = Incident.objects.select_for_update(of=("self",)).select_related("team", "partner").get(pk=incident.pk)
        if not locked.is_open:
            raise HavenError("This incident is closed, so no support partner is needed.")
        if locked.partner_id is not None:
            raise HavenError(f"{locked.partner.display_name} has already joined as your support partner.")
        waiting = SupportAlert.objects.filter(incident=locked, state__in=OPEN_STATES).first()
        if waiting is not None:
            return waiting, False
        chosen = recipients_for(locked)
        now = timezone.now()
        alert = SupportAlert.objects.create(
            incident=locked,
            raised_by=actor,
            raised_at=now,
            reason=_reason(locked)[:300],
            support_group=chosen.support_group,
            team_id=chosen.team_id,
            escalate_at=now + escalate_after(),
            state=AlertState.ESCALATED if chosen.escalated else AlertState.WAITING,
            escalated_at=now if chosen.escalated else None,
        )
        AlertRecipient.objects.bulk_create(
            AlertRecipient(alert=alert, user=user, notified_at=now, by_escalation=chosen.escalated)
            for user in chosen.users
        )
        effects.action_done(locked, SUMMON, actor=actor, result=f"incidents.supportalert:{alert.pk}")
        audit_record(
            actor=actor,
            action="incident.partner_summoned",
            target=locked,
            person_ref=incident_person_ref(locked),
            summary=chosen.note[:300],
            changes={
                "alert": alert.pk,
                "recipients": [user.pk for user in chosen.users],
                "support_group": chosen.support_group.pk if chosen.support_group else None,
                "team": chosen.team_id,
                "escalated": chosen.escalated,
            },
        )
        _notify(alert, [user.pk for user in chosen.users])
        live.publish(locked, "alert", alert=alert.pk, state=alert.state)
    return alert, True


def _already_joined(partner) -> str:
    return f"{partner.display_name} has already joined this incident as the support partner."


def alert_accept(*, actor, alert: SupportAlert) -> SupportAlert:
    """A recipient accepts: the first to accept joins the incident as its support partner
    (its witness notes are theirs from now on). Anyone later is told who joined, and
    nothing changes."""
    with transaction.atomic(durable=True):
        locked = SupportAlert.objects.select_for_update(of=("self",)).select_related("accepted_by").get(pk=alert.pk)
        incident = Incident.objects.select_for_update(of=("self",)).select_related("partner").get(pk=locked.incident_id)
        recipient = AlertRecipient.objects.filter(alert=locked, user_id=actor.pk).first()
        if recipient is None or not actor.can_be_support_partner or actor.pk == incident.worker_id:
            raise NotAllowed("This alert was not sent to you, so you cannot accept it.")
        if locked.state == AlertState.ACCEPTED:
            if locked.accepted_by_id == actor.pk:
                return locked
            raise HavenError(_already_joined(locked.accepted_by))
        if locked.state == AlertState.CANCELLED or not incident.is_open:
            raise HavenError("This incident has closed, so no support partner is needed now.")
        if incident.partner_id is not None:
            raise HavenError(_already_joined(incident.partner))
        now = timezone.now()
        locked.state, locked.accepted_by, locked.accepted_at = AlertState.ACCEPTED, actor, now
        locked.save(update_fields=["state", "accepted_by", "accepted_at", "updated_at"])
        recipient.seen_at = recipient.seen_at or now
        recipient.save(update_fields=["seen_at"])
        # Not the incident's `version`: that locks the steps, and the worker answering a
        # step while the partner joins must not be told someone changed it.
        incident.partner, incident.partner_joined_at = actor, now
        incident.save(update_fields=["partner", "partner_joined_at", "updated_at"])
        effects.action_done(incident, SUMMON, actor=actor, result=f"incidents.supportalert:{locked.pk}")
        audit_record(
            actor=actor,
            action="incident.partner_joined",
            target=incident,
            person_ref=incident_person_ref(incident),
            changes={"alert": locked.pk, "waited_seconds": round((now - locked.raised_at).total_seconds(), 1)},
        )
        others = AlertRecipient.objects.filter(alert=locked).exclude(user_id=actor.pk).values_list("user_id", flat=True)
        _notify(locked, list(others), kind="alert-closed")
        live.publish(incident, "partner", alert=locked.pk, partner=actor.pk)
    return locked


def _escalate(alert_id: int, *, now, trigger: str) -> bool:
    """Escalates one alert if it still waits and is due. Its own transaction."""
    with transaction.atomic(durable=True):
        alert = (
            SupportAlert.objects.select_for_update()
            .filter(pk=alert_id, state=AlertState.WAITING, escalate_at__lte=now)
            .first()
        )
        if alert is None:
            return False
        incident = Incident.objects.get(pk=alert.incident_id)
        already = set(AlertRecipient.objects.filter(alert=alert).values_list("user_id", flat=True))
        leaders = [user for user in leaders_of(incident) if user.pk not in already]
        AlertRecipient.objects.bulk_create(
            AlertRecipient(alert=alert, user=user, notified_at=now, by_escalation=True) for user in leaders
        )
        alert.state, alert.escalated_at = AlertState.ESCALATED, now
        alert.save(update_fields=["state", "escalated_at", "updated_at"])
        audit_record(
            actor=system_actor(),
            action="incident.partner_alert_escalated",
            target=incident,
            person_ref=incident_person_ref(incident),
            summary="Nobody accepted the support-partner alert in time"
            + ("" if leaders else "; the team has no team leader or deputy manager to send it to"),
            changes={"alert": alert.pk, "recipients": [user.pk for user in leaders], "trigger": trigger},
        )
        _notify(alert, [user.pk for user in leaders])
        live.publish(incident, "alert", alert=alert.pk, state=alert.state)
    return True


def alerts_escalate_due(*, now=None, trigger: str = "schedule") -> int:
    """Every waiting alert whose time is up goes to the team leader and deputy manager too.
    Idempotent: an alert escalates once, however often this runs. Returns how many did."""
    now = now or timezone.now()
    due = SupportAlert.objects.filter(state=AlertState.WAITING, escalate_at__lte=now).values_list("pk", flat=True)
    return sum(_escalate(pk, now=now, trigger=trigger) for pk in list(due))


def escalate_due_job() -> int:
    """The django-q2 schedule's entry point (work's setup_schedules: every minute)."""
    return alerts_escalate_due()


def alert_escalate_if_due(*, actor, alert: SupportAlert, now=None) -> SupportAlert:
    """The worker's page calls this when its timer reaches `escalate_at`, so escalation
    happens on time rather than at the next run of the schedule. Early calls change nothing."""
    incident = Incident.objects.get(pk=alert.incident_id)
    if not permissions.is_worker(actor, incident):
        raise NotAllowed("Only the worker who summoned help can ask for the alert to escalate.")
    _escalate(alert.pk, now=now or timezone.now(), trigger="worker's page")
    return SupportAlert.objects.get(pk=alert.pk)
