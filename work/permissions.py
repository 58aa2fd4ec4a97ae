"""Who may see and act on tasks. Deny by default.

- A task's assignee works it; anyone in its team's queue may claim it.
- Team leaders and deputy managers answer for their team's tasks: they see them all,
  complete or cancel them, and reassign them within the team.
- Safeguarding leads see every task in their organisation.
Administrators and auditors hold no casework, so they have no work pages.
"""

from accounts.roles import Role
from core.access import Policy, staff_with_roles

WORKER_ROLES = (
    Role.CASEWORKER,
    Role.TEAM_LEADER,
    Role.DEPUTY_MANAGER,
    Role.SAFEGUARDING_LEAD,
    Role.DATA_PROTECTION_OFFICER,
)
LEADER_ROLES = (Role.TEAM_LEADER, Role.DEPUTY_MANAGER)


TASK_WORKERS = Policy(
    name="task-workers",
    description="Staff who hold casework (caseworkers, team leaders, deputy managers, safeguarding leads, DPOs) "
    "see their own work and the tasks they may act on.",
    allows=staff_with_roles(WORKER_ROLES),
)
TEAM_WORK_VIEWERS = Policy(
    name="team-work-viewers",
    description="Team leaders and deputy managers see their team's work; safeguarding leads see their organisation's.",
    allows=staff_with_roles((*LEADER_ROLES, Role.SAFEGUARDING_LEAD)),
)
TEAM_WORK_MANAGERS = Policy(
    name="team-work-managers",
    description="Team leaders and deputy managers reassign their team's tasks.",
    allows=staff_with_roles(LEADER_ROLES),
)


def _org_id(user) -> int | None:
    team = getattr(user, "team", None)
    return team.office.region.organisation_id if team is not None else None


def leads_team(user, team_id: int | None) -> bool:
    """A team leader or deputy manager of this team."""
    return bool(team_id and user.team_id == team_id and user.has_role(*LEADER_ROLES))


def can_view(user, task) -> bool:
    if not TASK_WORKERS.allows(user):
        return False
    if task.assignee_id == user.pk:
        return True
    if task.team_id is not None and task.team_id == user.team_id:
        return True  # the person's own team queue: they may claim from it
    if leads_team(user, task.holder_team_id):
        return True
    return user.has_role(Role.SAFEGUARDING_LEAD) and task.organisation_id == _org_id(user)


def can_work(user, task) -> bool:
    """Complete or cancel: the assignee, or a leader of the team answerable for it."""
    if not TASK_WORKERS.allows(user):
        return False
    return task.assignee_id == user.pk or leads_team(user, task.holder_team_id)


def can_reassign(user, task) -> bool:
    return TEAM_WORK_MANAGERS.allows(user) and leads_team(user, task.holder_team_id)


def can_claim(user, task) -> bool:
    return TASK_WORKERS.allows(user) and task.team_id is not None and task.team_id == user.team_id
