from django.contrib import admin
from django.urls import include, path

from api.urls import api_urls
from core import views as core_views

urlpatterns = [
    path("", core_views.home, name="home"),
    path("health", core_views.health, name="health"),
    path("accounts/", include("allauth.urls")),
    path("staff/", include("accounts.urls")),
    path("customers/", include("people.urls")),
    path("audit/", include("audit.urls")),
    path("protocols/", include("protocols.urls")),
    path("work/", include("work.urls")),
    path("consent/", include("consent.urls")),
    path("disclosures/", include("disclosures.urls")),
    path("directory/", include("directory.urls")),
    path("incidents/", include("incidents.urls")),
    path("api-tokens/", include("api.page_urls")),
    path("api/v1/", api_urls()),
    path("django-admin/", admin.site.urls),
]

handler403 = "core.views.forbidden"
handler404 = "core.views.not_found"
