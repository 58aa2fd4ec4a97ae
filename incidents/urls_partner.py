from django.urls import path

from incidents import views_partner

urlpatterns = [
    path("<int:incident_id>/summon", views_partner.summon, name="partner-summon"),
    path("<int:incident_id>/partner-status", views_partner.partner_status, name="partner-status"),
    path("alerts/", views_partner.alerts, name="alerts"),
    path("alerts/waiting", views_partner.alerts_waiting, name="alerts-waiting"),
    path("alerts/<int:alert_id>/accept", views_partner.accept, name="alert-accept"),
    path("alerts/<int:alert_id>/escalate-if-due", views_partner.escalate_if_due, name="alert-escalate-if-due"),
    path("events/incident/<int:incident_id>/", views_partner.incident_events, name="events"),
    path("events/me/", views_partner.my_events, name="events-me"),
]
