"""Role-aware navigation for the page header."""

from django.conf import settings

from core import navigation as nav


def navigation(request):
    return {
        "service_name": settings.HAVEN_SERVICE_NAME,
        "navigation_items": nav.items_for(request.user, current_path=request.path),
    }
