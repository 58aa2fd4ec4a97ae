"""Reading support-partner alerts. An alert tells its recipients who needs help and
under which plan, never who the customer is or what they said: a recipient who has not
joined cannot open the incident (permissions.can_open), so the alert is all they see."""

from dataclasses import dataclass

from django.utils import timezone

from accounts.models import SupportGroupMembership
from core.errors import NotFound
from incidents.models import AlertState, Incident, SupportAlert
from incidents.services_partner import OPEN_STATES


@dataclass(frozen=True)
class AlertView:
    alert: SupportAlert
    headline: str
    detail: str

    def as_json(self) -> dict:
        alert = self.alert
        return {
            "id": alert.pk,
            "incident": alert.incident_id,
            "state": alert.state,
            "headline": self.headline,
            "detail": self.detail,
            "raised_at": alert.raised_at.isoformat(),
            "escalate_at": alert.escalate_at.isoformat(),
        }


def _plan_name(incident: Incident) -> str:
    return incident.protocol_title.removeprefix("The ")


def describe(alert: SupportAlert) -> AlertView:
    worker = alert.raised_by.display_name
    incident = alert.incident
    headline = f"{worker} needs a support partner now ({_plan_name(incident)})"
    detail = alert.reason or f"{worker} is following {incident.protocol_title} with a customer."
    if alert.state == AlertState.ESCALATED:
        detail += " Nobody has accepted yet."
    return AlertView(alert=alert, headline=headline, detail=detail)


def alerts_waiting_for(*, user) -> list[AlertView]:
    """Alerts sent to `user` that nobody has accepted yet, newest first."""
    if not getattr(user, "is_authenticated", False) or not user.can_be_support_partner:
        return []
    alerts = (
        SupportAlert.objects.filter(recipients__user=user, state__in=OPEN_STATES, incident__state="open")
        .select_related("incident", "raised_by")
        .order_by("-raised_at", "-id")
    )
    return [describe(alert) for alert in alerts]


def alert_for_recipient(*, user, alert_id: int) -> SupportAlert:
    """An alert sent to `user`; to anyone else it was not found."""
    alert = SupportAlert.objects.filter(pk=alert_id, recipients__user_id=getattr(user, "pk", None)).first()
    if alert is None:
        raise NotFound("That alert was not found, or it was not sent to you.")
    return alert


def latest_alert(incident: Incident) -> SupportAlert | None:
    return (
        SupportAlert.objects.filter(incident=incident)
        .select_related("accepted_by", "support_group", "team")
        .prefetch_related("recipients__user")
        .order_by("-raised_at", "-id")
        .first()
    )


def where_it_went(alert: SupportAlert) -> str:
    """In words, for the worker: who the alert went to, and why there if not the obvious place."""
    names = [r.user.display_name for r in alert.recipients.all() if not r.by_escalation]
    escalated = [r.user.display_name for r in alert.recipients.all() if r.by_escalation]
    parts = []
    if alert.support_group_id:
        parts.append(f"Sent to {alert.support_group.name}: {', '.join(names)}.")
    elif names:
        parts.append(f"Sent to {alert.team.name if alert.team_id else 'your team'}: {', '.join(names)}.")
    incident = alert.incident
    if incident.worker_home_based and not alert.support_group_id and names:
        joined = SupportGroupMembership.objects.filter(
            user_id=incident.worker_id, day=timezone.localdate(alert.raised_at)
        ).exists()
        parts.append(
            "Nobody else had joined your support group today, so it went to your team."
            if joined
            else "You had not joined a support group today, so it went to your team."
        )
    if escalated:
        parts.append(f"Escalated to {', '.join(escalated)}.")
    return " ".join(parts)
