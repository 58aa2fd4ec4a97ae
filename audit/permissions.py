"""Who may read the audit trail: auditors and data protection officers only."""

from accounts.roles import Role
from core.access import Policy

AUDIT_READERS = Policy(
    name="audit-readers",
    description="Auditors (read-only) and data protection officers search the audit trail.",
    allows=lambda user: bool(
        getattr(user, "is_authenticated", False) and user.has_role(Role.AUDITOR, Role.DATA_PROTECTION_OFFICER)
    ),
)
