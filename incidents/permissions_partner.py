"""Who may receive and accept support-partner alerts, and follow the streams of events.
Each alert then checks that it was sent to the person (selectors_partner.alert_for_recipient)."""

from accounts.roles import SUPPORT_PARTNER_ROLES
from core.access import Policy, staff_with_roles

ALERT_RECEIVERS = Policy(
    name="support-partner-alert-receivers",
    description="Staff who can be summoned as a support partner (caseworkers, team leaders, deputy "
    "managers, safeguarding leads). Each alert can be accepted only by those it was sent to.",
    allows=staff_with_roles(tuple(SUPPORT_PARTNER_ROLES)),
)
