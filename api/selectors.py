"""Reading personal API tokens: each selector returns only what the user may see."""

from accounts.permissions import ADMINISTRATORS
from api import tokens
from api.models import ApiToken


def api_tokens_for_owner(*, user):
    """The person's own tokens, newest first, including revoked and expired ones."""
    return ApiToken.objects.filter(owner=user).select_related("revoked_by")


def api_token_for_revoking(*, user, token_id: int) -> ApiToken | None:
    """A token the user may revoke: their own, or anyone's for an administrator. Others get
    None, so the page answers 404 and does not say whether the token exists."""
    queryset = ApiToken.objects.select_related("owner")
    if not ADMINISTRATORS.allows(user):
        queryset = queryset.filter(owner=user)
    return queryset.filter(pk=token_id).first()


def api_token_for_secret(*, secret: str) -> ApiToken | None:
    """The token a request presents, if it exists; the caller checks it is usable."""
    if not tokens.looks_like_a_token(secret):
        return None
    return ApiToken.objects.select_related("owner").filter(token_hash=tokens.digest_of(secret)).first()
