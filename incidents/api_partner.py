"""Support partner over the API: summon, my waiting alerts, accept, escalate-if-due. The
same services, selectors and policies as the pages (views_partner.py)."""

from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from api.access import api_access
from core.errors import NotFound
from incidents import selectors, selectors_partner, services_partner
from incidents.models import SupportAlert
from incidents.permissions import INCIDENT_STARTERS, can_open
from incidents.permissions_partner import ALERT_RECEIVERS
from incidents.views_partner import status_of

router = Router(tags=["Incidents: support partner"])


class WaitingAlertOut(Schema):
    id: int
    incident: int
    state: str
    headline: str
    detail: str
    raised_at: str
    escalate_at: str


class AcceptedOut(Schema):
    incident: int
    alert: int
    partner_id: int


@router.post("/{incident_id}/support-alerts", response={200: dict, 201: dict})
@api_access(INCIDENT_STARTERS)
def summon(request, incident_id: int):
    """Summon a support partner (the worker only). Again while one waits: that alert, 200."""
    incident = selectors.incident_for_change(user=request.auth, incident_id=incident_id)
    _, raised = services_partner.alert_raise(actor=request.auth, incident=incident)
    incident.refresh_from_db()
    return (201 if raised else 200), {**status_of(incident), "raised": raised}


@router.get("/support-alerts/waiting", response=list[WaitingAlertOut])
@api_access(ALERT_RECEIVERS)
def waiting(request):
    """Alerts sent to me that nobody has accepted yet."""
    return [view.as_json() for view in selectors_partner.alerts_waiting_for(user=request.auth)]


@router.post("/support-alerts/{alert_id}/accept", response=AcceptedOut)
@api_access(ALERT_RECEIVERS)
def accept(request, alert_id: int):
    """Accept an alert sent to me: the first to accept joins the incident as its partner."""
    alert = selectors_partner.alert_for_recipient(user=request.auth, alert_id=alert_id)
    alert = services_partner.alert_accept(actor=request.auth, alert=alert)
    return {"incident": alert.incident_id, "alert": alert.pk, "partner_id": alert.accepted_by_id}


@router.post("/support-alerts/{alert_id}/escalate-if-due", response=dict)
@api_access(INCIDENT_STARTERS)
def escalate_if_due(request, alert_id: int):
    """Escalate the alert now if its time has come (the worker only); early calls change nothing."""
    alert = get_object_or_404(SupportAlert.objects.select_related("incident"), pk=alert_id)
    if not can_open(request.auth, alert.incident):
        raise NotFound("That alert was not found.")
    services_partner.alert_escalate_if_due(actor=request.auth, alert=alert)
    return status_of(selectors.incident_for_change(user=request.auth, incident_id=alert.incident_id))
