"""Who may start, open and act on a live incident. Deny by default.

Issue 8: only the worker, the support partner who joined, their team leader (and deputy
manager), safeguarding leads and auditors (read-only) can open an incident, and every
opening is audited. Only the worker answers the protocol's steps; the partner adds
witness notes and records an emergency call made on the worker's behalf.
"""

from accounts.roles import Role
from core.access import Policy, staff_with_roles

WORKER_ROLES = (Role.CASEWORKER, Role.TEAM_LEADER, Role.DEPUTY_MANAGER, Role.SAFEGUARDING_LEAD)
LEADER_ROLES = (Role.TEAM_LEADER, Role.DEPUTY_MANAGER)
READ_ONLY_ROLES = (Role.AUDITOR,)

INCIDENT_STARTERS = Policy(
    name="incident-starters",
    description="Caseworkers, team leaders, deputy managers and safeguarding leads start incidents.",
    allows=staff_with_roles(WORKER_ROLES),
)
INCIDENT_READERS = Policy(
    name="incident-readers",
    description="Those who may open some incident: the staff above, and auditors read-only. "
    "Each incident then checks that the person is its worker, partner, team leader, a safeguarding lead or an auditor.",
    allows=staff_with_roles((*WORKER_ROLES, *READ_ONLY_ROLES)),
    hide_existence=True,
)


def _same_organisation(user, incident) -> bool:
    organisation = getattr(user, "organisation", None)
    return organisation is not None and organisation.pk == incident.organisation_id


def leads_team(user, incident) -> bool:
    return user.role in LEADER_ROLES and user.team_id == incident.team_id


def can_open(user, incident) -> bool:
    if not INCIDENT_READERS.allows(user) or not _same_organisation(user, incident):
        return False
    return (
        user.pk in (incident.worker_id, incident.partner_id)
        or leads_team(user, incident)
        or user.role in (Role.SAFEGUARDING_LEAD, Role.AUDITOR)
    )


def is_worker(user, incident) -> bool:
    return can_open(user, incident) and user.pk == incident.worker_id


def is_partner(user, incident) -> bool:
    return can_open(user, incident) and incident.partner_id is not None and user.pk == incident.partner_id


def can_write_notes(user, incident) -> bool:
    """The worker and the partner write notes while it is open; team leaders and
    safeguarding leads may add notes too (a team leader listening in). Auditors never."""
    if not can_open(user, incident) or user.role == Role.AUDITOR:
        return False
    return incident.is_open or user.pk in (incident.worker_id, incident.partner_id)


def can_answer_steps(user, incident) -> bool:
    return is_worker(user, incident) and incident.is_open
