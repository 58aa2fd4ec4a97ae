"""The API app's own endpoints: who the token belongs to."""

from ninja import Router, Schema

from api.access import api_access
from api.permissions import TOKEN_HOLDERS

router = Router(tags=["You"])


class MeOut(Schema):
    username: str
    name: str
    role: str
    role_label: str
    team: str | None


@router.get("/me", response=MeOut, summary="Who the token belongs to")
@api_access(TOKEN_HOLDERS)
def me(request):
    user = request.auth
    return MeOut(
        username=user.username,
        name=user.display_name,
        role=user.role,
        role_label=user.get_role_display(),
        team=user.team.name if user.team_id else None,
    )
