"""Who a "Summon support partner" alert goes to (issue 8, "Support partner").

- A home-based worker: the others in the support group they joined today (DA Plan,
  Section A: "contact your real-time support group"). If they joined none, or nobody
  else is in it today, their team instead, and the worker is told so plainly.
- An office-based worker: the active colleagues of their team who can act as a support
  partner, apart from the worker.

The team leader and deputy manager are left out of the first alert: they are who the
alert escalates to when nobody accepts in time (alerts_escalate_due), so escalation
means something. If the team has no one else at all, the alert goes to them at once.
"""

from dataclasses import dataclass, field

from django.utils import timezone

from accounts.models import SupportGroup, SupportGroupMembership, User
from accounts.roles import SUPPORT_PARTNER_ROLES
from incidents.models import Incident
from incidents.permissions import LEADER_ROLES


@dataclass
class Recipients:
    users: list[User]
    support_group: SupportGroup | None = None
    team_id: int | None = None
    # Said to the worker when the alert did not go where they might expect.
    note: str = ""
    # Nobody but the leaders could be asked: the alert is escalated from the start.
    escalated: bool = False
    leaders: list[User] = field(default_factory=list)


def _partners(queryset, incident: Incident):
    return list(
        queryset.filter(is_active=True, role__in=SUPPORT_PARTNER_ROLES)
        .exclude(pk=incident.worker_id)
        .exclude(role__in=LEADER_ROLES)
        .order_by("last_name", "first_name", "pk")
    )


def leaders_of(incident: Incident) -> list[User]:
    """The worker's team leader and deputy manager (whoever of them the team has)."""
    return list(
        User.objects.filter(team_id=incident.team_id, is_active=True, role__in=LEADER_ROLES)
        .exclude(pk=incident.worker_id)
        .order_by("role", "pk")
    )


def recipients_for(incident: Incident) -> Recipients:
    team_name = incident.team.name
    if incident.worker_home_based:
        today = timezone.localdate()
        membership = (
            SupportGroupMembership.objects.select_related("group").filter(user_id=incident.worker_id, day=today).first()
        )
        if membership is not None:
            group_members = User.objects.filter(
                support_group_days__group=membership.group, support_group_days__day=today
            )
            users = _partners(group_members, incident)
            if users:
                return Recipients(users=users, support_group=membership.group)
            note = f"Nobody else has joined {membership.group.name} today, so the alert went to {team_name}."
        else:
            note = f"You have not joined a support group today, so the alert went to {team_name}."
        users = _partners(User.objects.filter(team_id=incident.team_id), incident)
    else:
        note = ""
        users = _partners(User.objects.filter(team_id=incident.team_id), incident)
    if users:
        return Recipients(users=users, team_id=incident.team_id, note=note)
    leaders = leaders_of(incident)
    note = (
        f"Nobody else in {team_name} can be a support partner, "
        "so the alert went to your team leader and deputy manager."
    )
    return Recipients(users=leaders, team_id=incident.team_id, note=note, escalated=True, leaders=leaders)
