"""The API's twin of the URL walk: every operation declares its access policy, and every
policy that needs a signed-in person sits behind the personal-token check (and nothing
else, so a session cookie can never stand in for a token)."""

import pytest
from django.urls import resolve, reverse
from ninja import NinjaAPI, Router
from ninja.errors import AuthenticationError

from api.access import api_access
from api.auth import ApiTokenAuth
from core.access import PUBLIC, SIGNED_IN, Policy


def _operations(api: NinjaAPI):
    for bound in api._get_bound_routers():
        for path, path_view in bound.path_operations.items():
            for operation in path_view.operations:
                yield f"{'/'.join(operation.methods)} {bound.prefix}{path}", operation


def problems_with(api: NinjaAPI) -> list[str]:
    problems = []
    for name, operation in _operations(api):
        policy = getattr(operation.view_func, "access_policy", None)
        if not isinstance(policy, Policy):
            problems.append(f"{name} declares no access policy: add @api_access(POLICY)")
            continue
        if not policy.requires_sign_in:
            continue
        callbacks = list(operation.auth_callbacks)
        if not callbacks:
            problems.append(f"{name} needs sign-in but has no token check")
        elif not all(isinstance(callback, ApiTokenAuth) for callback in callbacks):
            problems.append(f"{name} accepts something other than a personal token: {callbacks}")
    return problems


def _served_api() -> NinjaAPI:
    return resolve(reverse("api:openapi-json")).func.keywords["api"]


def test_every_api_operation_declares_its_access_policy_behind_the_token_check():
    api = _served_api()
    names = [name for name, _ in _operations(api)]
    # 22 + 6 MR tracking + 10 consent/ + 9 disclosures/ + 10 directory/
    # + incidents/: 8 guided screen, 13 follow-up, 4 support partner, 9 emergency calls and Report Threat
    assert len(names) == 91, names
    assert problems_with(api) == []


def test_the_walk_catches_an_operation_without_a_policy_or_without_a_token():
    router = Router()

    @router.get("/forgotten")
    def forgotten(request):
        return {}

    @router.get("/open", auth=None)
    @api_access(SIGNED_IN)
    def left_open(request):
        return {}

    @router.get("/cookie", auth=lambda request: request.user)
    @api_access(SIGNED_IN)
    def by_cookie(request):
        return {}

    @router.get("/health", auth=None)
    @api_access(PUBLIC)
    def health(request):
        return {}

    api = NinjaAPI(urls_namespace="walk-test", auth=ApiTokenAuth())
    api.add_router("/t", router)

    problems = problems_with(api)

    assert len(problems) == 3
    assert "GET /t/forgotten declares no access policy" in problems[0]
    assert "GET /t/open needs sign-in but has no token check" in problems[1]
    assert "GET /t/cookie accepts something other than a personal token" in problems[2]


def test_the_api_access_decorator_refuses_a_request_that_reached_it_without_a_token(rf, cara):
    reached = []

    @api_access(SIGNED_IN)
    def view(request):
        reached.append(request)

    request = rf.get("/api/v1/anything")
    request.user = cara  # a session user is not enough

    with pytest.raises(AuthenticationError):
        view(request)
    assert reached == []
