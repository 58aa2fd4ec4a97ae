"""Declared access policies for every API operation: deny by default.

The API twin of core/access.py. Each operation says which `Policy` applies with
`@api_access(POLICY)`, using the same policies as the pages; a test walks every operation
of the NinjaAPI and fails if one has none, or has a policy that needs sign-in but no token
check in front of it.
"""

from functools import wraps

from ninja.errors import AuthenticationError

from core.access import Policy


def api_access(policy: Policy):
    """Declare and enforce the access policy of an API operation.

    Put it directly under the router's decorator. It checks the person the token belongs
    to (`request.auth`), never the session's user.
    """

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            user = getattr(request, "auth", None)
            if policy.requires_sign_in and user is None:
                raise AuthenticationError()
            policy.check(user)
            return view(request, *args, **kwargs)

        wrapped.access_policy = policy
        return wrapped

    return decorator
