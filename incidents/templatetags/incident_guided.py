"""{% incident_start_card customer %}: the "Start an incident" card at the top of a
customer's record (issue 8: starting takes at most two clicks from the customer's page)."""

from django import template

from incidents.permissions import INCIDENT_STARTERS

register = template.Library()


@register.inclusion_tag("incidents/includes/start_card.html", takes_context=True)
def incident_start_card(context, customer):
    request = context["request"]
    return {"customer": customer, "can_start": INCIDENT_STARTERS.allows(request.user)}
