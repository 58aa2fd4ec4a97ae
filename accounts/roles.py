"""Staff roles, in the words the users use (domain brief, "Users and their words")."""

from django.db import models


class Role(models.TextChoices):
    CASEWORKER = "caseworker", "Caseworker or adviser"
    TEAM_LEADER = "team-leader", "Team leader"
    DEPUTY_MANAGER = "deputy-manager", "Deputy manager"
    SAFEGUARDING_LEAD = "safeguarding-lead", "Safeguarding lead (ACSSL, Senior Safeguarding Leader)"
    DATA_PROTECTION_OFFICER = "data-protection-officer", "Data protection officer"
    AUDITOR = "auditor", "Auditor"
    ADMINISTRATOR = "administrator", "Administrator"


# Roles whose holders can act as a support partner: any caseworker can, and so can the
# managers above them (DA Plan, Section A: "team leader or colleague").
SUPPORT_PARTNER_ROLES = frozenset({Role.CASEWORKER, Role.TEAM_LEADER, Role.DEPUTY_MANAGER, Role.SAFEGUARDING_LEAD})
