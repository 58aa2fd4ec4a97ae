"""The emergency call, the disclosure decision it opens, and Report Threat (issue 8)."""

from django.urls import path

from incidents import views_emergency

urlpatterns: list = [
    path("<int:pk>/emergency-call", views_emergency.emergency_call, name="emergency_call"),
    path("<int:pk>/emergency-calls/<int:call_id>", views_emergency.emergency_call_detail, name="emergency_call_detail"),
    path("<int:pk>/report-threat", views_emergency.report_threat, name="report_threat"),
    path("<int:pk>/report-threat/tick", views_emergency.report_threat_tick_view, name="report_threat_tick"),
]
