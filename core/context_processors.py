"""Role-aware navigation for the page header."""

from django.conf import settings
from django.utils.functional import SimpleLazyObject

from core import navigation as nav


def navigation(request):
    # Lazy: worked out only when a template shows the header, not for the fragments the
    # guided screen swaps in after each step.
    return {
        "service_name": settings.HAVEN_SERVICE_NAME,
        "navigation_items": SimpleLazyObject(lambda: nav.items_for(request.user, current_path=request.path)),
    }
