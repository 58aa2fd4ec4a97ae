"""{% signposting_panel customer need="domestic-abuse" %}: the side panel on any page
about a customer (with `incident=incident` on the guided screen, so lists given there are
linked to the incident). Load directory/panel.js on the page as well (see _panel.html)."""

from django import template

from directory import panel
from directory.permissions import DIRECTORY_READERS

register = template.Library()


@register.inclusion_tag("directory/_panel.html", takes_context=True)
def signposting_panel(context, customer, need: str = "", incident=None):
    request = context["request"]
    if not DIRECTORY_READERS.allows(request.user):
        return {"panel_hidden": True}
    values = panel.context(
        user=request.user, customer=customer, need=need, incident_id=incident.pk if incident is not None else None
    )
    values.update({"request": request, "csrf_token": context.get("csrf_token"), "next": request.get_full_path()})
    return values
