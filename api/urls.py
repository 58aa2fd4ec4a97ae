"""Composes each app's API router into one NinjaAPI at /api/v1/."""

from ninja import NinjaAPI

from api import errors
from api.auth import ApiTokenAuth

DESCRIPTION = (
    "Haven's JSON API, over the same services and permissions as the pages. "
    "Every call needs a personal API token (create one at /api-tokens/), sent as "
    "`Authorization: Bearer <token>`. It acts as the person who made it."
)


def build_api() -> NinjaAPI:
    from accounts.api import router as accounts_router
    from api.endpoints import router as me_router
    from audit.api import router as audit_router
    from consent.api import router as consent_router
    from directory.api import router as directory_router
    from disclosures.api import router as disclosures_router
    from incidents.api import router as incidents_router
    from incidents.api_emergency import router as incidents_emergency_router
    from incidents.api_followup import router as incidents_followup_router
    from incidents.api_partner import router as incidents_partner_router
    from people.api import router as people_router
    from work.api import router as work_router
    from work.api_appeals import router as appeals_router

    api = NinjaAPI(
        title="Haven API",
        version="1",
        description=DESCRIPTION,
        urls_namespace="api",
        auth=ApiTokenAuth(),
        # The interactive docs page needs "ninja" in INSTALLED_APPS to serve Swagger UI
        # from our own origin; without it Ninja loads it from a CDN, which our Content
        # Security Policy refuses (and we never load third-party assets from elsewhere).
        docs_url=None,
    )
    errors.register(api)
    api.add_router("", me_router)
    api.add_router("/staff", accounts_router)
    api.add_router("/audit", audit_router)
    api.add_router("/customers", people_router)
    api.add_router("/tasks", work_router)
    api.add_router("/mrs", appeals_router)
    api.add_router("/consent", consent_router)
    api.add_router("/disclosures", disclosures_router)
    api.add_router("/directory", directory_router)
    api.add_router("/incidents", incidents_router)
    api.add_router("/incidents", incidents_partner_router)
    api.add_router("/incidents", incidents_emergency_router)
    api.add_router("/incidents", incidents_followup_router)
    return api


def api_urls():
    api = build_api()
    patterns, app_name, namespace = api.urls
    # The API signs people in with personal tokens, not the session: Django's
    # LoginRequiredMiddleware must let requests through to the token check.
    for pattern in patterns:
        pattern.callback.login_required = False
    return patterns, app_name, namespace
