"""Who may record, read and oversee disclosure decisions. Deny by default.

- Staff who change customer records (caseworkers, team leaders, deputy managers,
  safeguarding leads) record disclosures for customers of their organisation.
- Anyone who may open the customer's record reads its disclosures (an audited read).
- A second opinion comes from a team leader, deputy manager or safeguarding lead (issue 7).
- The organisation-wide register is for data protection officers.
"""

from accounts.roles import Role
from core.access import Policy, staff_with_roles
from people.permissions import CUSTOMER_READERS, EDITOR_ROLES

SECOND_OPINION_ROLES = (Role.TEAM_LEADER, Role.DEPUTY_MANAGER, Role.SAFEGUARDING_LEAD)


DISCLOSURE_RECORDERS = Policy(
    name="disclosure-recorders",
    description="Caseworkers, team leaders, deputy managers and safeguarding leads record disclosure decisions.",
    allows=staff_with_roles(EDITOR_ROLES),
)
DISCLOSURE_READERS = Policy(
    name="disclosure-readers",
    description="Staff who may open the customer's record read its disclosure decisions (audited).",
    allows=CUSTOMER_READERS.allows,
)
DISCLOSURE_REGISTER = Policy(
    name="disclosure-register",
    description="Data protection officers see, filter and export their organisation's register of disclosures.",
    allows=staff_with_roles((Role.DATA_PROTECTION_OFFICER,)),
)


def can_give_second_opinion(user) -> bool:
    return bool(user is not None and user.is_active and user.has_role(*SECOND_OPINION_ROLES) and user.team_id)
