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
    # API
    "api_token.created": "A member of staff created a personal API token.",
    "api_token.revoked": "A personal API token was revoked.",
    # The audit trail itself
    "audit.searched": "Someone searched the audit trail (who searched and with which filters).",
    "audit.verified": "The audit chain was verified from the command line.",
}


def is_known(action: str) -> bool:
    return action in ACTIONS
