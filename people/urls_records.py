"""Search, create, the record page, identity, names and references (issue 3)."""

from django.urls import path

from people.views import contact_notes, records, records_edit

urlpatterns = [
    path("", records.search, name="search"),
    path("new", records_edit.create, name="create"),
    path("<int:pk>/", records.record, name="record"),
    path("<int:pk>/edit", records_edit.edit, name="edit"),
    path("<int:pk>/names/new", records_edit.name_add, name="name_add"),
    path("<int:pk>/references/new", records_edit.reference_add, name="reference_add"),
    path("<int:pk>/contact-notes", contact_notes.contact_notes, name="contact_notes"),
]
