"""Who may see and change customer records. Deny by default.

Staff see customers of their own organisation. A restricted record opens only for the
staff named on it, or through break glass with a written reason (issue 3).
"""

from accounts.roles import Role
from core.access import Policy, staff_with_roles

# Everyone who works with customers, and those who oversee that work. Administrators
# manage staff, not customers, so they are not here.
READER_ROLES = (
    Role.CASEWORKER,
    Role.TEAM_LEADER,
    Role.DEPUTY_MANAGER,
    Role.SAFEGUARDING_LEAD,
    Role.DATA_PROTECTION_OFFICER,
    Role.AUDITOR,
)
EDITOR_ROLES = (Role.CASEWORKER, Role.TEAM_LEADER, Role.DEPUTY_MANAGER, Role.SAFEGUARDING_LEAD)
# Deciding who may open a restricted record is a management and safeguarding decision.
RESTRICTION_ROLES = (Role.TEAM_LEADER, Role.DEPUTY_MANAGER, Role.SAFEGUARDING_LEAD, Role.DATA_PROTECTION_OFFICER)


CUSTOMER_READERS = Policy(
    name="customer-readers",
    description="Staff who work with customers, and those who oversee them, in the customer's organisation.",
    allows=staff_with_roles(READER_ROLES),
)
CUSTOMER_EDITORS = Policy(
    name="customer-editors",
    description="Caseworkers, team leaders, deputy managers and safeguarding leads change customer records.",
    allows=staff_with_roles(EDITOR_ROLES),
)
CUSTOMER_RESTRICTERS = Policy(
    name="customer-restricters",
    description="Team leaders, deputy managers, safeguarding leads and DPOs restrict records and name staff.",
    allows=staff_with_roles(RESTRICTION_ROLES),
)
MARKER_TYPE_ADMINISTRATORS = Policy(
    name="marker-type-administrators",
    description="Administrators define the markers beyond the built-in ones.",
    allows=lambda user: bool(getattr(user, "is_authenticated", False) and user.has_role(Role.ADMINISTRATOR)),
)


def same_organisation(user, customer) -> bool:
    organisation = getattr(user, "organisation", None)
    return organisation is not None and customer.organisation_id == organisation.pk
