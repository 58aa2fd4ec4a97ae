"""Every page declares who may see it (the GOV.UK Notify pattern): a new view that forgets
`@access(POLICY)` fails here before it can ship unprotected."""

from django.urls import URLPattern, URLResolver, get_resolver, include, path

from core.access import SIGNED_IN, THIRD_PARTY_VIEW_MODULES, Policy, access

# The JSON API's endpoints are checked by the API's own walk (api/tests), against its
# token authentication and per-endpoint policies.
API_PREFIX = "api/v1/"
# Django admin: every view in the "admin" namespace is wrapped by AdminSite.admin_view,
# which lets in only active is_staff users (who reached it through Haven's sign-in, MFA
# included: accounts.middleware sends admin's own login form there).
ADMIN_NAMESPACE = "admin"


def walk(patterns, prefix: str = "", namespace: str = ""):
    """Yields (route, namespace, URLPattern) for every pattern, through every include."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace or ""
            yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), inner or namespace)
        else:
            yield prefix + str(pattern.pattern), namespace, pattern


def _view_module(pattern: URLPattern) -> str:
    callback = pattern.callback
    view_class = getattr(callback, "view_class", None)
    return (view_class or callback).__module__ or ""


def unprotected(patterns) -> list[str]:
    problems = []
    for route, namespace, pattern in walk(patterns):
        if route.startswith(API_PREFIX) or namespace == ADMIN_NAMESPACE:
            continue
        policy = getattr(pattern.callback, "access_policy", None)
        if isinstance(policy, Policy):
            continue
        module = _view_module(pattern)
        if any(module == known.rstrip(".") or module.startswith(known) for known in THIRD_PARTY_VIEW_MODULES):
            continue
        problems.append(f"/{route} ({module}.{getattr(pattern.callback, '__name__', '?')}) has no access policy")
    return problems


def test_every_url_has_a_declared_access_policy():
    assert unprotected(get_resolver().url_patterns) == []


def test_the_walk_reaches_pages_inside_includes():
    routes = {route for route, _, _ in walk(get_resolver().url_patterns)}

    assert "accounts/login/" in routes
    assert "staff/account" in routes
    assert "audit/" in routes


def test_a_view_without_a_policy_is_caught_even_inside_an_include():
    def forgotten(request):
        raise AssertionError("never called")

    @access(SIGNED_IN)
    def guarded(request):
        raise AssertionError("never called")

    cases = path("cases/", include(([path("new", forgotten), path("", guarded)], "cases")))

    assert unprotected([cases]) == [f"/cases/new ({__name__}.forgotten) has no access policy"]


def test_a_view_that_only_looks_third_party_is_not_excused():
    def imposter(request):
        raise AssertionError("never called")

    imposter.__module__ = "allauthentic.views"

    assert unprotected([path("x", imposter)]) == ["/x (allauthentic.views.imposter) has no access policy"]
