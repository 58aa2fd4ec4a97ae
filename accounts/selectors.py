"""Reading staff and organisation records.

Administrators see every organisation: they set Haven up for all of them. Home-based
workers see only their own organisation's support groups. Each selector takes the person
asking and refuses anyone its policy does not allow, so a page or API endpoint that
forgets its own check still cannot leak the records.
"""

from dataclasses import dataclass
from datetime import date

from django.core.paginator import Page, Paginator
from django.db.models import Count, Prefetch, Q, QuerySet

from accounts.models import Office, Organisation, Region, SupportGroup, SupportGroupMembership, Team, User
from accounts.permissions import ADMINISTRATORS, HOME_BASED_WORKERS
from accounts.roles import Role
from core.errors import NotAllowed

STAFF_PAGE_SIZE = 50


def _require_administrator(user) -> None:
    if not ADMINISTRATORS.allows(user):
        raise NotAllowed


def organisation_list(*, user) -> QuerySet[Organisation]:
    _require_administrator(user)
    return Organisation.objects.annotate(region_count=Count("regions", distinct=True)).order_by("name")


def region_list(*, user) -> QuerySet[Region]:
    _require_administrator(user)
    return (
        Region.objects.select_related("organisation")
        .annotate(office_count=Count("offices", distinct=True))
        .order_by("organisation__name", "name")
    )


def office_list(*, user) -> QuerySet[Office]:
    _require_administrator(user)
    return (
        Office.objects.select_related("region__organisation")
        .annotate(team_count=Count("teams", distinct=True))
        .order_by("region__organisation__name", "region__name", "name")
    )


def team_list(*, user) -> QuerySet[Team]:
    _require_administrator(user)
    return (
        Team.objects.select_related("office__region__organisation")
        .annotate(member_count=Count("members", filter=Q(members__is_active=True), distinct=True))
        .order_by("office__region__organisation__name", "office__name", "name")
    )


def support_group_list(*, user) -> QuerySet[SupportGroup]:
    _require_administrator(user)
    return SupportGroup.objects.select_related("organisation").order_by("organisation__name", "name")


def organisation_tree(*, user) -> list[Organisation]:
    """Organisation → region → office → team, each team with its count of active staff,
    in four queries whatever the size of the tree."""
    _require_administrator(user)
    teams = Team.objects.annotate(
        member_count=Count("members", filter=Q(members__is_active=True), distinct=True)
    ).order_by("name")
    return list(
        Organisation.objects.prefetch_related(
            Prefetch(
                "regions",
                queryset=Region.objects.order_by("name").prefetch_related(
                    Prefetch(
                        "offices",
                        queryset=Office.objects.order_by("name").prefetch_related(Prefetch("teams", queryset=teams)),
                    )
                ),
            )
        ).order_by("name")
    )


@dataclass(frozen=True)
class AdminCounts:
    organisations: int
    regions: int
    offices: int
    teams: int
    support_groups: int
    active_staff: int
    deactivated_staff: int


def admin_counts(*, user) -> AdminCounts:
    _require_administrator(user)
    staff = _staff().aggregate(
        active=Count("pk", filter=Q(is_active=True)), deactivated=Count("pk", filter=Q(is_active=False))
    )
    return AdminCounts(
        organisations=Organisation.objects.count(),
        regions=Region.objects.count(),
        offices=Office.objects.count(),
        teams=Team.objects.count(),
        support_groups=SupportGroup.objects.count(),
        active_staff=staff["active"],
        deactivated_staff=staff["deactivated"],
    )


def _staff() -> QuerySet[User]:
    # Haven's own system actor is not a member of staff: it cannot be edited or shown.
    return User.objects.filter(is_system=False)


def staff_get(*, user, pk: int) -> User:
    """One member of staff, for the administration pages. Raises User.DoesNotExist."""
    _require_administrator(user)
    return _staff().select_related("team__office__region__organisation").get(pk=pk)


def staff_search(
    *, user, query: str = "", role: str = "", team: Team | None = None, active: bool | None = None
) -> QuerySet[User]:
    """Staff matching every filter given: `query` is part of a name or username."""
    _require_administrator(user)
    staff = _staff().select_related("team__office__region__organisation")
    for word in query.split():
        staff = staff.filter(Q(username__icontains=word) | Q(first_name__icontains=word) | Q(last_name__icontains=word))
    if role:
        staff = staff.filter(role=role)
    if team is not None:
        staff = staff.filter(team=team)
    if active is not None:
        staff = staff.filter(is_active=active)
    return staff.order_by("last_name", "first_name", "username")


def staff_page(*, user, page_number, **filters) -> Page:
    """One page of `staff_search`, STAFF_PAGE_SIZE a page; a page number out of range
    gives the nearest page rather than an error."""
    return Paginator(staff_search(user=user, **filters), STAFF_PAGE_SIZE).get_page(page_number)


def teams_for_choice() -> QuerySet[Team]:
    """Every team, labelled by its office and organisation, for choosing a person's team
    (the staff forms and the API; both are for administrators only)."""
    return Team.objects.select_related("office__region__organisation").order_by(
        "office__region__organisation__name", "office__name", "name"
    )


def support_groups_for(*, user) -> QuerySet[SupportGroup]:
    """The support groups a home-based worker may join: their own organisation's."""
    if not HOME_BASED_WORKERS.allows(user):
        raise NotAllowed
    organisation = user.organisation
    if organisation is None:
        return SupportGroup.objects.none()
    return SupportGroup.objects.filter(organisation=organisation).order_by("name")


def support_group_membership_on(*, user, day: date) -> SupportGroupMembership | None:
    """The support group the worker joined for `day`, if they have joined one."""
    if not HOME_BASED_WORKERS.allows(user):
        raise NotAllowed
    return SupportGroupMembership.objects.select_related("group").filter(user=user, day=day).first()


def team_leader_of(team_id: int | None, *, exclude_id: int | None = None) -> User | None:
    """Who answers for a team: its team leader, or its deputy manager if it has none
    (DA Plan: Report Threat "allocated to the team leader (the deputy if none)")."""
    if team_id is None:
        return None
    staff = User.objects.filter(team_id=team_id, is_active=True, role__in=(Role.TEAM_LEADER, Role.DEPUTY_MANAGER))
    if exclude_id is not None:
        staff = staff.exclude(pk=exclude_id)
    ranked = sorted(staff, key=lambda user: (user.role != Role.TEAM_LEADER, user.pk))
    return ranked[0] if ranked else None
