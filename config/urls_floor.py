"""Haven's URLs plus the floor benchmark's bare views (config.settings.floor only)."""

from django.urls import path

from config import floor_views
from config.urls import handler403, handler404
from config.urls import urlpatterns as haven_urlpatterns

urlpatterns = [
    *haven_urlpatterns,
    path("floor/empty", floor_views.empty, name="floor_empty"),
    path("floor/sql/<slug:operation>", floor_views.sql, name="floor_sql"),
]

__all__ = ["handler403", "handler404", "urlpatterns"]
