from django.urls import path

from protocols import views

app_name = "protocols"

urlpatterns = [
    path("", views.protocol_list, name="list"),
    path("<slug:protocol_id>/compare", views.compare, name="compare"),
    path("<slug:protocol_id>/<str:version>/", views.version_detail, name="version"),
]
