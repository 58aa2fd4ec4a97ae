"""Support partner pages (issue 8): summon (from the guided screen's partner panel),
the alerts waiting for me, accept, the escalation trigger, and the two event streams.

The panel and the alert banner post with fetch and read JSON, so the worker's screen
never leaves the step they are on; without scripts the same URLs answer with a page."""

from django.contrib import messages
from django.core.handlers.asgi import ASGIRequest
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST
from django_eventstream.views import events

from core.access import access
from core.errors import HavenError, NotAllowed, NotFound
from incidents import live, selectors, selectors_partner, services_partner
from incidents.models import SupportAlert
from incidents.permissions import INCIDENT_READERS, INCIDENT_STARTERS, can_open
from incidents.permissions_partner import ALERT_RECEIVERS


def guided_url(incident_id: int) -> str:
    """The guided screen, where a partner who joined follows the incident live."""
    try:
        return reverse("incidents:guided", args=[incident_id])
    except NoReverseMatch:  # the guided screen is built in its own branch (urls_guided.py)
        return reverse("incidents:alerts")


def _wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _problem(request, exc: HavenError, fallback: str):
    status = 403 if isinstance(exc, NotAllowed) else 404 if isinstance(exc, NotFound) else 400
    if _wants_json(request):
        return JsonResponse({"detail": exc.message}, status=status)
    messages.error(request, exc.message)
    return redirect(fallback)


def status_of(incident) -> dict:
    """What the worker's partner panel shows: the latest alert and who has joined."""
    alert = selectors_partner.latest_alert(incident)
    out = {
        "incident": incident.pk,
        "partner": incident.partner.display_name if incident.partner_id else None,
        "partner_joined_at": incident.partner_joined_at.isoformat() if incident.partner_joined_at else None,
        "alert": None,
    }
    if alert is not None:
        seconds_left = max(0.0, (alert.escalate_at - timezone.now()).total_seconds())
        out["alert"] = {
            "id": alert.pk,
            "state": alert.state,
            "state_label": alert.get_state_display(),
            "where": selectors_partner.where_it_went(alert),
            "escalate_at": alert.escalate_at.isoformat(),
            "seconds_to_escalation": round(seconds_left, 1),
            "escalate_url": reverse("incidents:alert-escalate-if-due", kwargs={"alert_id": alert.pk}),
            "accepted_by": alert.accepted_by.display_name if alert.accepted_by_id else None,
        }
    return out


@require_POST
@access(INCIDENT_STARTERS)
def summon(request, incident_id: int):
    """One press: alert the on-duty support group. The worker stays on their step."""
    back = guided_url(incident_id)
    try:
        incident = selectors.incident_for_change(user=request.user, incident_id=incident_id)
        alert, raised = services_partner.alert_raise(actor=request.user, incident=incident)
    except NotFound as exc:
        raise Http404 from exc
    except HavenError as exc:
        return _problem(request, exc, back)
    incident.refresh_from_db()
    if _wants_json(request):
        return JsonResponse({**status_of(incident), "raised": raised}, status=201 if raised else 200)
    where = selectors_partner.where_it_went(alert)
    waiting = "Your alert is still waiting for a support partner."
    messages.success(request, f"Help is on its way. {where}" if raised else waiting)
    return redirect(back)


@require_GET
@access(INCIDENT_READERS)
def partner_status(request, incident_id: int):
    try:
        incident = selectors.incident_for_change(user=request.user, incident_id=incident_id)
    except NotFound as exc:
        raise Http404 from exc
    return JsonResponse(status_of(incident))


@require_GET
@access(ALERT_RECEIVERS)
def alerts(request):
    """The alerts waiting for me (the banner's list, and the page without scripts)."""
    return render(request, "incidents/alerts.html", {"alerts": selectors_partner.alerts_waiting_for(user=request.user)})


@require_GET
@access(ALERT_RECEIVERS)
def alerts_waiting(request):
    views = selectors_partner.alerts_waiting_for(user=request.user)
    return JsonResponse(
        {
            "alerts": [
                {**view.as_json(), "accept_url": reverse("incidents:alert-accept", kwargs={"alert_id": view.alert.pk})}
                for view in views
            ]
        }
    )


@require_POST
@access(ALERT_RECEIVERS)
def accept(request, alert_id: int):
    """First to accept joins and goes to the guided screen; anyone later is told who joined."""
    try:
        alert = selectors_partner.alert_for_recipient(user=request.user, alert_id=alert_id)
        alert = services_partner.alert_accept(actor=request.user, alert=alert)
    except NotFound as exc:
        raise Http404 from exc
    except HavenError as exc:
        return _problem(request, exc, reverse("incidents:alerts"))
    target = guided_url(alert.incident_id)
    if _wants_json(request):
        return JsonResponse({"incident": alert.incident_id, "url": target})
    messages.success(request, f"You joined as {alert.raised_by.display_name}'s support partner.")
    return redirect(target)


@require_POST
@access(INCIDENT_STARTERS)
def escalate_if_due(request, alert_id: int):
    """The worker's panel calls this when its timer reaches the escalation time."""
    alert = SupportAlert.objects.filter(pk=alert_id).select_related("incident").first()
    if alert is None or not can_open(request.user, alert.incident):
        raise Http404
    try:
        services_partner.alert_escalate_if_due(actor=request.user, alert=alert)
    except HavenError as exc:
        return _problem(request, exc, guided_url(alert.incident_id))
    incident = selectors.incident_for_change(user=request.user, incident_id=alert.incident_id)
    return JsonResponse(status_of(incident))


# Under WSGI (pytest-django's live_server, or runserver) a stream would be buffered for
# ever, holding a thread and never delivering. There the stream answers at once and asks
# the browser not to reconnect for a day; the guided screen's 15-second poll carries on.
NO_STREAMING = ": this server cannot stream events; the page polls instead\nretry: 86400000\n\n"


def _stream(request, channel: str):
    if not isinstance(request, ASGIRequest):
        return HttpResponse(NO_STREAMING, content_type="text/event-stream")
    return events(request, channels=[channel])


@access(INCIDENT_READERS)
def incident_events(request, incident_id: int):
    """Server-sent events for one incident, for those who may open it (and the channel
    manager checks again as the stream opens: incidents/channels.py)."""
    try:
        selectors.incident_for_change(user=request.user, incident_id=incident_id)
    except NotFound as exc:
        raise Http404 from exc
    return _stream(request, live.incident_channel(incident_id))


@access(ALERT_RECEIVERS)
def my_events(request):
    """Server-sent events for the signed-in person only: their support-partner alerts."""
    return _stream(request, live.user_channel(request.user.pk))
