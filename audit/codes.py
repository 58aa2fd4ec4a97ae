"""Every kind of audit event, with what it means (the cla_backend pattern: a registry of
codes with documented meaning). A data protection officer can read this file to know
what the trail records. `audit_record` refuses a code that is not here."""

ACTIONS: dict[str, str] = {
    # Sign-in and sessions
    "staff.signed_in": "A member of staff signed in with their password and MFA code.",
    "staff.signed_out": "A member of staff signed out; their session was ended on the server.",
    "staff.sign_in_failed": "A sign-in attempt failed (wrong password or code).",
    "staff.locked_out": "Repeated failures locked a username out from one address.",
    "staff.session_expired": "A session ended because it was idle or reached its absolute limit.",
    "staff.mfa_enrolled": "A member of staff set up their authenticator app.",
    "staff.mfa_reset": "An administrator removed a member of staff's authenticator so they enrol again.",
    # Staff and organisation management
    "staff.created": "An administrator created a staff account.",
    "staff.updated": "An administrator changed a staff account's role, team or details.",
    "staff.deactivated": "An administrator deactivated a staff account and ended its sessions.",
    "staff.reactivated": "An administrator reactivated a staff account.",
    "organisation.created": "An administrator created an organisation.",
    "organisation.updated": "An administrator renamed an organisation.",
    "region.created": "An administrator created a region.",
    "region.updated": "An administrator changed a region.",
    "office.created": "An administrator created an office.",
    "office.updated": "An administrator changed an office.",
    "team.created": "An administrator created a team.",
    "team.updated": "An administrator changed a team.",
    "support_group.created": "An administrator created a support group.",
    "support_group.updated": "An administrator changed a support group.",
    "support_group.joined": "A home-based worker joined a support group for the day.",
    # Customers (people/)
    "customer.created": "A worker created a customer record (after the duplicate check).",
    "customer.viewed": "Someone opened a customer's record.",
    "customer.updated": "A worker changed a customer's identity or contact details (old and new values).",
    "customer.name_added": "A worker recorded a previous name or alias for a customer.",
    "customer.reference_added": "A worker recorded a benefit, claim or other reference for a customer.",
    "customer.safe_contact_updated": "A worker changed how a customer may safely be contacted.",
    "customer.privacy_needs_updated": "A worker changed a customer's privacy needs for conversations.",
    "customer.contact_note_added": "Someone added to a customer's contact notes (typed, or copied from an incident).",
    "customer.marker_added": "A worker set a marker (e.g. DOMESTIC ABUSE RISK) on a customer, with a reason.",
    "customer.marker_removed": "A worker removed a marker; the marker and its history are kept.",
    "customer.person_around_added": "A worker recorded someone in a customer's life (appointee, CPN, child...).",
    "customer.person_around_updated": "A worker changed the details of someone in a customer's life.",
    "customer.person_around_ended": "Someone is no longer in a customer's life in that role.",
    "customer.restricted": "A customer's record was restricted to named staff.",
    "customer.unrestricted": "A customer's record was opened to the organisation again.",
    "customer.named_access_granted": "A member of staff was named on a restricted record.",
    "customer.named_access_revoked": "A member of staff was removed from a restricted record.",
    "customer.break_glass": "Someone opened a restricted record they were not named on, with a written reason.",
    "customer.bulk_created": "A batch of synthetic customers was seeded for a demo or benchmark (seed_customers).",
    "marker_type.created": "An administrator defined a new kind of marker.",
    "marker_type.updated": "An administrator withdrew or restored a kind of marker.",
    # Tasks and deadlines (work/)
    "task.created": "A deadline was set: a task for a person or a team queue, the rule behind it, when it is due.",
    "task.completed": "The person a task was for (or their team leader) recorded what was done.",
    "task.cancelled": "A task was cancelled as no longer needed, with the reason.",
    "task.reassigned": "A team leader or deputy manager gave a task to someone else in the team, or to its queue.",
    "task.claimed": "A member of staff took a task from their team's queue.",
    "task.reminder_sent": "The deadline sweep reminded the person (or the queue's leader) that a task is due.",
    "task.escalated": "The deadline sweep told the team leader (or deputy manager) that a task is overdue.",
    "notification.read": "A member of staff marked their reminders and escalations as read.",
    # MR and appeal tracking (work/, issue 5)
    "mr.recorded": "A worker recorded a mandatory reconsideration request for a customer; the MRN chase task was set.",
    "mr.viewed": "Someone opened a mandatory reconsideration (MR) and its timeline.",
    "mr.mrn_recorded": "A worker recorded the MRN (when sent and seen); the appeal deadline and reminders were set.",
    "mr.appeal_lodged": "A worker recorded that the customer's appeal (SSCS1) was lodged; its tasks were closed.",
    "mr.appeal_declined": "A worker recorded that the customer decided not to appeal; its tasks were closed.",
    # Forms of authority and representatives' access (consent/)
    "authority.granted": "A client's authority for an adviser was recorded: scope, duration and evidence.",
    "authority.revoked": "The client revoked an authority; it stopped at once everywhere it is used.",
    "authority.access_recorded": "An adviser recorded acting under an authority: when, what was viewed and done.",
    "authority.access_refused": "An adviser tried to act outside an authority's scope or period and was refused.",
    "authority.listed": "Someone opened the list of a customer's authorities.",
    "authority.viewed": "Someone opened an authority and its access records.",
    "authority.evidence_opened": "Someone downloaded the signed form of authority.",
    "authority.receipt_issued": "A consent receipt (PDF) was produced for the client.",
    "authority.statement_issued": "The client's statement of every access under their authorities was produced.",
    # Disclosure decisions (disclosures/)
    "disclosure.drafted": "A worker recorded a decision to share a customer's data with a third party, as a draft.",
    "disclosure.draft_changed": "The decider changed their draft disclosure before confirming it.",
    "disclosure.corrected": "A worker started a correction of a confirmed disclosure: a new draft linked to it.",
    "disclosure.confirmed": "The decider confirmed a disclosure after checking it; it can no longer change.",
    "disclosure.viewed": "Someone opened a disclosure decision.",
    "disclosure.history_viewed": "Someone read a customer's list of disclosures through the API.",
    "disclosure.reviewed": "A team leader recorded the retrospective review of an emergency disclosure made alone.",
    "disclosure.register_viewed": "A data protection officer looked at the disclosure register, with the filters used.",
    "disclosure.register_exported": "A data protection officer exported the disclosure register as CSV.",
    # Signposting directory (directory/)
    "directory.seeded": "The seeded support organisations were loaded into an organisation's directory.",
    "directory.entry_created": "An office added an entry to its directory (a local entry for its area).",
    "directory.entry_updated": "Someone corrected a directory entry (old and new values).",
    "directory.entry_verified": "Someone confirmed a directory entry is still right; its next review is due in a year.",
    "directory.entry_withdrawn": "A directory entry was taken out of searches (the organisation closed or moved).",
    "directory.imported": "Directory entries were added or updated from a CSV file (Open Referral UK fields).",
    "directory.list_sent": "A worker gave a customer a list of support organisations by text, email or print.",
    # Live incidents (incidents/)
    "incident.started": "A worker started a live incident on a pinned protocol version, with the channel.",
    "incident.opened": "Someone opened an incident (every opening is recorded).",
    "incident.step_answered": "The worker answered a step of the plan (the words stay in the encrypted record).",
    "incident.step_changed": "The worker went back and changed an earlier answer; the later steps were walked again.",
    "incident.note_saved": "A note on an incident was saved (autosave: one event per saved revision).",
    "incident.customer_linked": "A caller who was not identified when the incident started was linked to their record.",
    "incident.closed": "An incident was closed; it is kept until six years after.",
    "incident.emergency_call_recorded": "The worker, or their support partner, recorded a call to emergency services: "
    "consent, who decided and why, the time, service and reference (the words stay encrypted).",
    "incident.emergency_call_changed": "An emergency call record was corrected while the incident was open.",
    "incident.disclosure_linked": "A disclosure decision was drafted from an incident's emergency call and "
    "linked to it.",
    "incident.report_threat_created": "Report Threat was allocated to the worker's team leader (the deputy manager "
    "if none), with a task in their work queue.",
    "incident.report_threat_reviewed": "The team leader ticked 'reviewed' on the Report Threat checklist.",
    "incident.report_threat_owned": "The team leader ticked 'taken primary ownership' on the Report Threat checklist.",
    "incident.report_threat_notes_copied": "The team leader copied the incident's notes into the customer's "
    "contact notes (Report Threat checklist).",
    # API
    "api_token.created": "A member of staff created a personal API token.",
    "api_token.revoked": "A personal API token was revoked.",
    # Data protection
    "data.reencrypted": "Sensitive free text was re-encrypted under a new key (key rotation).",
    # The audit trail itself
    "audit.searched": "Someone searched the audit trail (who searched and with which filters).",
    "audit.verified": "The audit chain was verified from the command line.",
}


def is_known(action: str) -> bool:
    return action in ACTIONS
