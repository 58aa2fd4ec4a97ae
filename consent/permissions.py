"""Who may see and record authorities and access records. Deny by default.

Staff who work with customers (and those who oversee them) see a customer's authorities
in their own organisation; caseworkers and the managers above them record, revoke and
act under them. Only the adviser an authority names may record an access under it
(checked in the service). Administrators manage staff, not customers, so none of these
includes them.
"""

from accounts.roles import Role
from core.access import Policy, staff_with_roles
from people.permissions import EDITOR_ROLES, READER_ROLES

AUTHORITY_READERS = Policy(
    name="authority-readers",
    description="Staff who work with customers, and those who oversee them, see authorities and access records.",
    allows=staff_with_roles(READER_ROLES),
)
AUTHORITY_RECORDERS = Policy(
    name="authority-recorders",
    description="Caseworkers, team leaders, deputy managers and safeguarding leads record and revoke authorities.",
    allows=staff_with_roles(EDITOR_ROLES),
)
# The signed form itself: those who act on it, and the data protection officer; not auditors.
EVIDENCE_READERS = Policy(
    name="authority-evidence-readers",
    description="Caseworkers, their managers and data protection officers open the signed form.",
    allows=staff_with_roles((*EDITOR_ROLES, Role.DATA_PROTECTION_OFFICER)),
)
ADVISERS = Policy(
    name="advisers",
    description="Advisers (caseworkers, and the managers above them) record what they did under an authority.",
    allows=staff_with_roles(EDITOR_ROLES),
)
