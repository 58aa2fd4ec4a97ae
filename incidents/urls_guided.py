from django.urls import path

from incidents import views_guided, views_guided_json, views_guided_screen

# The guided screen part: starting, the list, the screen itself, its steps, its notes and
# its state (the live contract: guided.js refreshes from `state`).
urlpatterns = [
    path("", views_guided.incident_list, name="list"),
    path("start", views_guided.start_unidentified, name="start"),
    path("start/customer/<int:customer_id>", views_guided.start_for_customer, name="start_for_customer"),
    path("proposal", views_guided.proposal, name="proposal"),
    path("<int:pk>/", views_guided_screen.guided, name="guided"),
    path("<int:pk>/answer", views_guided_screen.answer, name="answer"),
    path("<int:pk>/steps/<slug:step>/change", views_guided_screen.change, name="change"),
    path("<int:pk>/close", views_guided_screen.close, name="close"),
    path("<int:pk>/link", views_guided.link_customer, name="link"),
    path("<int:pk>/state", views_guided_json.state, name="state"),
    path("<int:pk>/notes", views_guided_json.note_save, name="notes"),
]
