"""Summoning a support partner: the alert, who it went to, and who accepted it."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from accounts.models import SupportGroup, Team
from core.models import TimeStampedModel
from incidents.models.incident import Incident


class AlertState(models.TextChoices):
    WAITING = "waiting", "Waiting for a support partner"
    ESCALATED = "escalated", "Escalated to the team leader and deputy manager"
    ACCEPTED = "accepted", "Accepted"
    CANCELLED = "cancelled", "Cancelled"


class SupportAlert(TimeStampedModel):
    """One press of "Summon support partner". It goes to the on-duty support group of the
    worker's team (office-based) or to their day's support group (home-based); if nobody
    accepts by `escalate_at` it goes to the team leader and deputy manager as well. The
    first to accept joins the incident; the alert never puts the customer on hold, so the
    worker's screen carries on while it waits."""

    incident = models.ForeignKey(Incident, on_delete=models.PROTECT, related_name="alerts")
    raised_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    raised_at = models.DateTimeField()
    reason = models.CharField(max_length=300, blank=True)
    # Which group it went to: a home-based worker's day group, or the office team.
    support_group = models.ForeignKey(SupportGroup, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    team = models.ForeignKey(Team, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    escalate_at = models.DateTimeField()
    escalated_at = models.DateTimeField(null=True, blank=True)
    state = models.CharField(max_length=12, choices=AlertState.choices, default=AlertState.WAITING)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-raised_at", "-id"]
        indexes = [
            # The escalation check reads only alerts still waiting.
            models.Index(fields=["escalate_at"], name="alert_waiting", condition=Q(state="waiting")),
        ]


class AlertRecipient(models.Model):
    """Who an alert was sent to, and when: the evidence that help was asked for, and the
    list of who may accept it."""

    alert = models.ForeignKey(SupportAlert, on_delete=models.CASCADE, related_name="recipients")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="support_alerts")
    notified_at = models.DateTimeField()
    by_escalation = models.BooleanField(default=False)
    seen_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["notified_at", "id"]
        constraints = [models.UniqueConstraint(fields=["alert", "user"], name="alert_recipient_once")]
        indexes = [models.Index(fields=["user", "notified_at"], name="alert_recipient_user")]

    def __str__(self) -> str:
        return f"Alert {self.alert_id} to {self.user_id}"
