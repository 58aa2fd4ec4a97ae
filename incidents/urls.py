from django.urls import include, path

from incidents import urls_emergency, urls_followup, urls_guided, urls_partner

app_name = "incidents"

# One module per stage, so each stays small: the guided screen; the support partner;
# the emergency call, disclosure and Report Threat; the records and reviews that follow.
urlpatterns = [
    path("", include(urls_guided)),
    path("", include(urls_partner)),
    path("", include(urls_emergency)),
    path("", include(urls_followup)),
]
