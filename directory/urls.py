from django.urls import path

from directory import views, views_entries

app_name = "directory"

urlpatterns = [
    path("", views.search, name="search"),
    path("panel", views.panel_fragment, name="panel"),
    path("send", views.send, name="send"),
    path("sends/<int:pk>/print", views.print_list, name="print"),
    path("entries/new", views_entries.entry_add, name="entry_add"),
    path("entries/<int:pk>/", views_entries.entry_detail, name="entry"),
    path("entries/<int:pk>/change", views_entries.entry_change, name="entry_change"),
    path("entries/<int:pk>/verify", views_entries.entry_verify, name="entry_verify"),
    path("entries/<int:pk>/withdraw", views_entries.entry_withdraw, name="entry_withdraw"),
    path("export.csv", views_entries.export_csv, name="export"),
    path("import", views_entries.import_csv, name="import"),
]
