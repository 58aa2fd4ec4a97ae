"""Who may review protocol definitions (issue 4, "Review page"). Deny by default.

- Safeguarding leads own the protocols: they check each version against the policy it
  follows and compare versions before one is made active.
- Data protection officers read them because protocols decide what personal data is
  shared, with whom and on what basis (the disclosure decisions they raise).
- Auditors read them to check an incident against the exact version it pinned.

The pages only read: no one changes a definition here (a new version is a new file,
reviewed like code). Caseworkers, team leaders and deputy managers meet each step as they
follow it in a live incident, so they are not given these pages; administrators manage
staff, not protocols.
"""

from accounts.roles import Role
from core.access import Policy

REVIEWER_ROLES = (Role.SAFEGUARDING_LEAD, Role.DATA_PROTECTION_OFFICER, Role.AUDITOR)

PROTOCOL_REVIEWERS = Policy(
    name="protocol-reviewers",
    description="Safeguarding leads review protocols and their versions; data protection officers and "
    "auditors read them too. Read-only.",
    allows=lambda user: bool(getattr(user, "is_authenticated", False) and user.has_role(*REVIEWER_ROLES)),
)
