"""How an API request says who is asking: `Authorization: Bearer <personal token>`.

This is the only way in. The session cookie is never consulted, so a page open in a
browser cannot be used to drive the API (and the API needs no CSRF protection).
"""

from ninja.security import HttpBearer

from api import selectors, services


class ApiTokenAuth(HttpBearer):
    def authenticate(self, request, token: str):
        found = selectors.api_token_for_secret(secret=token)
        if found is None or not found.is_usable():
            return None
        owner = found.owner
        # Checked on every request, so deactivating someone stops their tokens at once.
        if not owner.is_active or owner.is_system:
            return None
        services.api_token_record_use(token=found)
        request.api_token = found
        # Anything downstream that reads request.user sees the token's owner, never
        # whoever the browser's session cookie belongs to.
        request.user = owner
        return owner
