"""The MR tracker's pages, under /work/ (work/urls.py)."""

from django.urls import path

from work import views_appeals as views

urlpatterns = [
    path("customers/<int:customer_pk>/mrs/new", views.mr_new, name="mr_new"),
    path("mrs/<int:pk>", views.mr, name="mr"),
    path("mrs/<int:pk>/mrn", views.mr_mrn, name="mr_mrn"),
    path("mrs/<int:pk>/appeal", views.mr_appeal, name="mr_appeal"),
    path("mrs/<int:pk>/not-appealing", views.mr_decline, name="mr_decline"),
]
