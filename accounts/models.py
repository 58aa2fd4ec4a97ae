"""Staff, and the organisation they work in: organisation → region → office → team."""

from django.contrib.auth.models import AbstractUser
from django.db import models

from accounts.roles import SUPPORT_PARTNER_ROLES, Role
from core.models import TimeStampedModel
from core.nations import Nation


class Organisation(TimeStampedModel):
    name = models.CharField(max_length=200, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Region(TimeStampedModel):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="regions")
    name = models.CharField(max_length=200)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="region_name_unique_in_org")]

    def __str__(self) -> str:
        return self.name


class Office(TimeStampedModel):
    """A site: a contact centre, a jobcentre, an advice office."""

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="offices")
    name = models.CharField(max_length=200)
    nation = models.CharField(max_length=20, choices=Nation.choices)
    # The manager responsible for local plans: gets a copy of every incident review
    # (Six Point Plan, Records; DA Plan, Review). The deputy manager when not set.
    local_plans_manager = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["region", "name"], name="office_name_unique_in_region")]

    def __str__(self) -> str:
        return self.name


class Team(TimeStampedModel):
    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="teams")
    name = models.CharField(max_length=200)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["office", "name"], name="team_name_unique_in_office")]

    def __str__(self) -> str:
        return f"{self.name}, {self.office.name}"


class SupportGroup(TimeStampedModel):
    """The real-time support group that home-based workers join at the start of the day
    (DA Plan, Section A; Six Point Plan, home working)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="support_groups")
    name = models.CharField(max_length=200)
    description = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="support_group_name_unique_in_org")
        ]

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """A member of staff. Users are never deleted, only deactivated: the audit trail
    names them for six years and more."""

    PERSONAL_DATA_FIELDS = ("username", "first_name", "last_name", "email", "phone")

    role = models.CharField(max_length=30, choices=Role.choices, default=Role.CASEWORKER)
    team = models.ForeignKey(Team, on_delete=models.PROTECT, null=True, blank=True, related_name="members")
    is_home_based = models.BooleanField(default=False)
    phone = models.CharField(max_length=30, blank=True)
    is_system = models.BooleanField(default=False, help_text="The actor Haven's own jobs act as.")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["last_name", "first_name", "username"]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username

    @property
    def organisation(self) -> Organisation | None:
        if self.team_id is None:
            return None
        return self.team.office.region.organisation

    def has_role(self, *roles: str) -> bool:
        return self.is_active and self.role in roles

    @property
    def can_be_support_partner(self) -> bool:
        return self.is_active and self.role in SUPPORT_PARTNER_ROLES


class SupportGroupMembership(TimeStampedModel):
    """A home-based worker's support group for one working day."""

    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="support_group_days")
    group = models.ForeignKey(SupportGroup, on_delete=models.PROTECT, related_name="memberships")
    day = models.DateField()

    class Meta:
        ordering = ["-day"]
        constraints = [models.UniqueConstraint(fields=["user", "day"], name="one_support_group_a_day")]
