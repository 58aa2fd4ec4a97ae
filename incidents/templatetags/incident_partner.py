"""Template tags of the support-partner part: the partner panel on the guided screen,
the alert script every page loads for staff who may be summoned, and the URL of an
incident's event stream (empty where streams cannot stream)."""

from django import template
from django.urls import reverse

from incidents import permissions, selectors_partner
from incidents.live import streams_available
from incidents.permissions_partner import ALERT_RECEIVERS

register = template.Library()


@register.simple_tag(takes_context=True)
def incident_events_url(context, incident) -> str:
    """For `data-incident-events-url`: the stream live.js opens for this incident."""
    request = context.get("request")
    if request is None or not streams_available(request):
        return ""
    return reverse("incidents:events", args=[incident.pk])


@register.inclusion_tag("incidents/partner/alerts_script.html", takes_context=True)
def support_alerts_script(context):
    request = context.get("request")
    user = getattr(request, "user", None)
    wanted = bool(request is not None and ALERT_RECEIVERS.allows(user) and streams_available(request))
    return {"wanted": wanted, "request": request}


@register.inclusion_tag("incidents/partner/panel.html", takes_context=True)
def partner_panel(context, incident):
    request = context["request"]
    user = context.get("user") or request.user
    alert = selectors_partner.latest_alert(incident)
    return {
        "request": request,
        "incident": incident,
        "alert": alert,
        "where": selectors_partner.where_it_went(alert) if alert else "",
        "can_summon": permissions.can_answer_steps(user, incident) and incident.partner_id is None,
        "is_partner": permissions.is_partner(user, incident),
        "events_url": incident_events_url(context, incident),
    }
