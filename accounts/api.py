"""Staff accounts over the API: the same services and policies as the administration pages."""

from django.http import Http404
from ninja import Query, Router, Schema
from ninja.pagination import PageNumberPagination, paginate

from accounts import selectors, services
from accounts.models import Team, User
from accounts.permissions import ADMINISTRATORS
from api.access import api_access
from core.errors import HavenError

router = Router(tags=["Staff"])

PAGE_SIZE = 50


class StaffOut(Schema):
    id: int
    username: str
    first_name: str
    last_name: str
    email: str
    phone: str
    role: str
    team_id: int | None
    team: str | None
    is_home_based: bool
    is_active: bool

    @staticmethod
    def resolve_team(user: User) -> str | None:
        return user.team.name if user.team_id else None


class StaffFilters(Schema):
    query: str = ""
    role: str = ""
    active: bool | None = None


class StaffIn(Schema):
    username: str
    password: str
    first_name: str
    last_name: str
    role: str
    team_id: int | None = None
    email: str = ""
    phone: str = ""
    is_home_based: bool = False


def _team(team_id: int | None) -> Team | None:
    if team_id is None:
        return None
    team = selectors.teams_for_choice().filter(pk=team_id).first()
    if team is None:
        raise HavenError("Select a team that exists", field="team_id")
    return team


def _staff_member(*, user, user_id: int) -> User:
    try:
        return selectors.staff_get(user=user, pk=user_id)
    except User.DoesNotExist as exc:
        raise Http404 from exc


@router.get("", response=list[StaffOut], summary="List staff")
@api_access(ADMINISTRATORS)
@paginate(PageNumberPagination, page_size=PAGE_SIZE)
def staff_list(request, filters: Query[StaffFilters]):
    """By surname. `query` is part of a name or username; `role` a role code; `active`
    true or false."""
    return selectors.staff_search(user=request.auth, query=filters.query, role=filters.role, active=filters.active)


@router.post("", response={201: StaffOut}, summary="Create a staff account")
@api_access(ADMINISTRATORS)
def staff_create(request, payload: StaffIn):
    """The new member of staff enrols an authenticator app when they first sign in."""
    fields = payload.dict(exclude={"team_id"})
    user = services.staff_create(actor=request.auth, team=_team(payload.team_id), **fields)
    return user


@router.post("/{user_id}/deactivate", response=StaffOut, summary="Deactivate a staff account")
@api_access(ADMINISTRATORS)
def staff_deactivate(request, user_id: int):
    """Ends every session of the person and stops their API tokens at once."""
    return services.staff_deactivate(actor=request.auth, user=_staff_member(user=request.auth, user_id=user_id))
