"""Who may write what follows an incident: its records, the review, wellbeing, a UCB report
and referrals. Everyone who may open the incident may read these (incidents.permissions.
can_open); writing is narrower, and auditors never write.

- Records the protocol requires: the worker, and their team leader or deputy manager
  (the team leader completes the "team leader actions" record of the DA Plan).
- The review: the team leader or deputy manager of the incident's team completes it; the
  worker may write their part of it as a draft before the meeting.
- Time away: agreed and recorded by the team leader or deputy manager.
- Referrals: the worker (or their leaders) refers; the outcome is recorded by the person
  referred to or the worker.
"""

from accounts.roles import Role
from incidents.permissions import can_open, leads_team


def may_write_records(user, incident) -> bool:
    return (
        can_open(user, incident)
        and user.role != Role.AUDITOR
        and (user.pk == incident.worker_id or leads_team(user, incident))
    )


def may_draft_review(user, incident) -> bool:
    return may_write_records(user, incident)


def may_complete_review(user, incident) -> bool:
    return can_open(user, incident) and leads_team(user, incident)


def may_agree_time_away(user, incident) -> bool:
    return may_complete_review(user, incident)


def may_report_ucb(user, incident) -> bool:
    """The worker who felt threatened reports; the support partner who witnessed it may too."""
    involved = (incident.worker_id, incident.partner_id)
    return can_open(user, incident) and user.role != Role.AUDITOR and user.pk in involved


def may_refer(user, incident) -> bool:
    return may_write_records(user, incident)


def may_record_outcome(user, referral) -> bool:
    incident = referral.incident
    if not can_open(user, incident) or user.role == Role.AUDITOR:
        return False
    return user.pk in (referral.referred_to_id, incident.worker_id)
