"""Composes each app's API router into one NinjaAPI at /api/v1/."""

from ninja import NinjaAPI


def build_api() -> NinjaAPI:
    return NinjaAPI(title="Haven API", version="1", urls_namespace="api")


def api_urls():
    api = build_api()
    patterns, app_name, namespace = api.urls
    # The API signs people in with personal tokens, not the session: Django's
    # LoginRequiredMiddleware must let requests through to the token check.
    for pattern in patterns:
        pattern.callback.login_required = False
    return patterns, app_name, namespace
