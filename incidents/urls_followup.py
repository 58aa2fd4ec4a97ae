"""What follows an incident: its records and their PDFs, the review, wellbeing, the UCB
report and referrals (the follow-up part)."""

from django.urls import path

from incidents import views_followup, views_followup_records

urlpatterns = [
    path("<int:incident_id>/follow-up", views_followup.follow_up, name="follow_up"),
    path("<int:incident_id>/records/<slug:record_id>", views_followup_records.record, name="record"),
    path("<int:incident_id>/records/<slug:record_id>/pdf", views_followup_records.record_pdf, name="record_pdf"),
    path("<int:incident_id>/review", views_followup_records.review, name="review"),
    path("<int:incident_id>/time-away", views_followup.time_away, name="time_away"),
    path("<int:incident_id>/ucb-report", views_followup.ucb, name="ucb"),
    path("<int:incident_id>/referral", views_followup.referral, name="referral"),
    path(
        "<int:incident_id>/referrals/<int:referral_id>/outcome",
        views_followup.referral_outcome,
        name="referral_outcome",
    ),
    path("<int:incident_id>/offers/<int:action_id>/decline", views_followup.offer_decline, name="offer_decline"),
]
