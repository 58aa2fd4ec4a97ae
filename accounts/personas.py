"""The demo organisation and its named personas.

`make run` loads these so a newcomer can sign in within a minute, and the tests build
the same people through the same services, so what a test proves is what a demo shows.
"""

import time
from dataclasses import dataclass

from allauth.mfa import app_settings
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value
from allauth.mfa.utils import decrypt
from django.db import transaction

from accounts import services
from accounts.models import Organisation, SupportGroup, Team, User
from accounts.roles import Role
from core.nations import Nation
from core.system import system_actor

DEMO_PASSWORD = "haven-demo-sign-in-2026"
ORGANISATION = "Department for Work and Pensions (demo)"
OTHER_ORGANISATION = "Citizens Advice Riverside (demo)"


@dataclass(frozen=True)
class Persona:
    username: str
    first_name: str
    last_name: str
    role: str
    team: str
    is_home_based: bool = False
    organisation: str = ORGANISATION

    @property
    def description(self) -> str:
        where = "home-based" if self.is_home_based else "office-based"
        return f"{Role(self.role).label}, {where}, {self.team}"


PERSONAS = (
    Persona("cara", "Cara", "Okafor", Role.CASEWORKER, "Contact Centre Team A"),
    Persona("hana", "Hana", "Price", Role.CASEWORKER, "Contact Centre Team A", is_home_based=True),
    # Cara's usual support partner: an office-based colleague on the same team.
    Persona("nia", "Nia", "Evans", Role.CASEWORKER, "Contact Centre Team A"),
    Persona("tom", "Tom", "Leary", Role.TEAM_LEADER, "Contact Centre Team A"),
    Persona("dee", "Dee", "Marsh", Role.DEPUTY_MANAGER, "Contact Centre Team A"),
    Persona("sam", "Sam", "Adeyemi", Role.SAFEGUARDING_LEAD, "Safeguarding Team"),
    Persona("priya", "Priya", "Shah", Role.DATA_PROTECTION_OFFICER, "Information Governance"),
    Persona("aled", "Aled", "Jones", Role.AUDITOR, "Information Governance"),
    Persona("ada", "Ada", "Quinn", Role.ADMINISTRATOR, "Information Governance"),
    Persona("wren", "Wren", "Ellis", Role.CASEWORKER, "Welfare Rights", organisation=OTHER_ORGANISATION),
)

# The structure each organisation gets: region → office (with its nation) → teams.
STRUCTURE = {
    ORGANISATION: {
        "region": "North East and Cumbria",
        "office": ("Newcastle Contact Centre", Nation.ENGLAND),
        "teams": ("Contact Centre Team A", "Safeguarding Team", "Information Governance"),
        "support_group": "Home-working support group",
    },
    OTHER_ORGANISATION: {
        "region": "Scotland",
        "office": ("Glasgow Advice Office", Nation.SCOTLAND),
        "teams": ("Welfare Rights",),
        "support_group": "Advisers' support group",
    },
}


def _build_structure(actor) -> dict[str, Team]:
    teams: dict[str, Team] = {}
    for org_name, shape in STRUCTURE.items():
        organisation = Organisation.objects.filter(name=org_name).first() or services.organisation_create(
            actor=actor, name=org_name
        )
        region = organisation.regions.filter(name=shape["region"]).first() or services.region_create(
            actor=actor, organisation=organisation, name=shape["region"]
        )
        office_name, nation = shape["office"]
        office = region.offices.filter(name=office_name).first() or services.office_create(
            actor=actor, region=region, name=office_name, nation=nation
        )
        for team_name in shape["teams"]:
            teams[team_name] = office.teams.filter(name=team_name).first() or services.team_create(
                actor=actor, office=office, name=team_name
            )
        if not SupportGroup.objects.filter(organisation=organisation, name=shape["support_group"]).exists():
            services.support_group_create(actor=actor, organisation=organisation, name=shape["support_group"])
    return teams


def create_persona(persona: Persona, *, teams: dict[str, Team], actor, with_mfa: bool = True) -> User:
    user = User.objects.filter(username=persona.username).first()
    if user is None:
        user = services.staff_create(
            actor=actor,
            username=persona.username,
            password=DEMO_PASSWORD,
            first_name=persona.first_name,
            last_name=persona.last_name,
            role=persona.role,
            team=teams[persona.team],
            email=f"{persona.username}@haven.invalid",
            is_home_based=persona.is_home_based,
        )
    if with_mfa and not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        with transaction.atomic():
            TOTP.activate(user, generate_totp_secret())
            RecoveryCodes.activate(user)
    return user


def load_demo() -> list[User]:
    """Idempotent: running it again changes nothing that is already there."""
    actor = system_actor()
    teams = _build_structure(actor)
    return [create_persona(persona, teams=teams, actor=actor) for persona in PERSONAS]


def current_code(user: User) -> str:
    """The code the person's authenticator app would show now."""
    authenticator = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
    counter = int(time.time()) // app_settings.TOTP_PERIOD
    return format_hotp_value(hotp_value(decrypt(authenticator.data["secret"]), counter))
