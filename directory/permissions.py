"""Who may use and change the signposting directory. Deny by default.

Everyone on the staff may look things up (staff wellbeing is in here too). Giving a list
to a customer is casework. Keeping entries right is for the people who lead an office:
team leaders, deputy managers, safeguarding leads, and administrators.
"""

from accounts.roles import Role
from core.access import Policy
from people.permissions import EDITOR_ROLES

EDITOR_ROLES_DIRECTORY = (Role.TEAM_LEADER, Role.DEPUTY_MANAGER, Role.SAFEGUARDING_LEAD, Role.ADMINISTRATOR)


def _in_a_team(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active and user.team_id)


DIRECTORY_READERS = Policy(
    name="directory-readers",
    description="Any member of staff in a team looks up support organisations.",
    allows=_in_a_team,
)
DIRECTORY_EDITORS = Policy(
    name="directory-editors",
    description="Team leaders, deputy managers, safeguarding leads and administrators keep entries right.",
    allows=lambda user: _in_a_team(user) and user.has_role(*EDITOR_ROLES_DIRECTORY),
)
SIGNPOST_SENDERS = Policy(
    name="signpost-senders",
    description="Caseworkers and the managers above them give a customer a list of support organisations.",
    allows=lambda user: _in_a_team(user) and user.has_role(*EDITOR_ROLES),
)
