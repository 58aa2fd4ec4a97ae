from django.urls import path

from work import views
from work.urls_appeals import urlpatterns as appeals_urlpatterns

app_name = "work"

urlpatterns = [
    path("mine", views.mine, name="mine"),
    path("mine/notifications/read", views.notifications_read, name="notifications_read"),
    path("team", views.team, name="team"),
    path("team/reassign", views.team_reassign, name="team_reassign"),
    path("tasks/<int:pk>", views.task, name="task"),
    path("tasks/<int:pk>/complete", views.task_complete, name="task_complete"),
    path("tasks/<int:pk>/cancel", views.task_cancel, name="task_cancel"),
    path("tasks/<int:pk>/reassign", views.task_reassign, name="task_reassign"),
    path("tasks/<int:pk>/claim", views.task_claim, name="task_claim"),
    *appeals_urlpatterns,
]
