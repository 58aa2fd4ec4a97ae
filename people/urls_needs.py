"""A customer's needs: safe contact, privacy, markers, people around, restriction and break glass."""

from django.urls import path

from people.views import needs, needs_access, needs_markers, needs_people

urlpatterns = [
    path("<int:pk>/safe-contact", needs.safe_contact, name="safe_contact"),
    path("<int:pk>/privacy", needs.privacy, name="privacy"),
    path("<int:pk>/markers", needs_markers.markers, name="markers"),
    path("<int:pk>/markers/new", needs_markers.marker_add, name="marker_add"),
    path("<int:pk>/markers/<int:marker_id>/remove", needs_markers.marker_remove, name="marker_remove"),
    path("marker-types", needs_markers.marker_types, name="marker_types"),
    path(
        "marker-types/<int:marker_type_id>/in-use",
        needs_markers.marker_type_set_active,
        name="marker_type_set_active",
    ),
    path("<int:pk>/people/new", needs_people.person_around_add, name="person_around_add"),
    path("<int:pk>/people/<int:person_id>/edit", needs_people.person_around_edit, name="person_around_edit"),
    path("<int:pk>/people/<int:person_id>/end", needs_people.person_around_end, name="person_around_end"),
    path("<int:pk>/access", needs_access.customer_access, name="access"),
    path("<int:pk>/break-glass", needs_access.break_glass, name="break_glass"),
]
