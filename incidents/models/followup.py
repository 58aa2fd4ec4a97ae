"""What follows an incident: Report Threat, the records the protocol requires (contact
notes, the declaration record), the review, referrals, a UCB report, staff wellbeing."""

from django.conf import settings
from django.db import models
from encrypted_fields.fields import EncryptedTextField

from core.models import TimeStampedModel
from incidents.models.incident import Incident


class ReportThreat(TimeStampedModel):
    """DA Plan, "Report Threat": an activity automatically allocated to the worker's team
    leader (the deputy manager if there is none), holding the DOMESTIC ABUSE RISK marker and
    its date, when emergency services were called, the police reference and an overview.
    The team leader's checklist (review; take primary ownership; copy the notes into the
    customer's contact notes) is three timestamps, each ticked through an audited service."""

    PERSONAL_DATA_FIELDS = ("overview",)

    incident = models.OneToOneField(Incident, on_delete=models.PROTECT, related_name="report_threat")
    marker = models.CharField(max_length=100)
    marker_set_on = models.DateField()
    emergency_called_at = models.DateTimeField(null=True, blank=True)
    police_reference = models.CharField(max_length=60, blank=True)
    overview = EncryptedTextField(blank=True, null=True)
    allocated_to = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    task = models.ForeignKey("work.Task", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    primary_owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    owned_at = models.DateTimeField(null=True, blank=True)
    notes_copied_at = models.DateTimeField(null=True, blank=True)
    notes_copied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)


class IncidentRecord(TimeStampedModel):
    """A record the protocol requires, by its id in the definition ("contact-notes",
    "declaration-record"): one answer per item the definition lists, in order, so the
    form always holds every field the DA Plan or Annex B names. `values` is a JSON list of
    strings, encrypted."""

    PERSONAL_DATA_FIELDS = ("values",)

    incident = models.ForeignKey(Incident, on_delete=models.PROTECT, related_name="records")
    record_id = models.CharField(max_length=80)
    title = models.CharField(max_length=200)
    items = models.JSONField(default=list)  # the item labels, as the pinned definition had them
    values = EncryptedTextField(default="[]")
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    completed_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [models.UniqueConstraint(fields=["incident", "record_id"], name="incident_record_once")]


class IncidentReview(TimeStampedModel):
    """The review discussion, on the review template's questions, within 2 working days."""

    PERSONAL_DATA_FIELDS = (
        "how_handled",
        "procedures_worked",
        "lessons",
        "mental_health_first_aider",
        "support_agreed",
    )

    incident = models.OneToOneField(Incident, on_delete=models.PROTECT, related_name="review")
    task = models.ForeignKey("work.Task", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    how_handled = EncryptedTextField(blank=True, null=True)
    procedures_worked = EncryptedTextField(blank=True, null=True)
    lessons = EncryptedTextField(blank=True, null=True)
    mental_health_first_aider = EncryptedTextField(blank=True, null=True)
    support_agreed = EncryptedTextField(blank=True, null=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    completed_at = models.DateTimeField(null=True, blank=True)
    # The copy to the manager responsible for local plans (Six Point Plan, Records).
    copied_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    copied_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)


class ReferralKind(models.TextChoices):
    ACSSL = "acssl", "Advanced Customer Support Senior Leader (ACSSL)"
    SENIOR_SAFEGUARDING_LEADER = "senior-safeguarding-leader", "Senior Safeguarding Leader"


class ReferralOutcome(models.TextChoices):
    NO_FURTHER_ACTION = "no-further-action", "No further action"
    ADVICE = "advice", "Advice given"
    TAKEN_OVER = "taken-over", "Case taken over"


class Referral(TimeStampedModel):
    """A referral to an ACSSL or the Senior Safeguarding Leader, and its outcome, which is
    also written into the customer's contact notes."""

    PERSONAL_DATA_FIELDS = ("reason", "outcome_note")

    incident = models.ForeignKey(Incident, on_delete=models.PROTECT, related_name="referrals")
    kind = models.CharField(max_length=30, choices=ReferralKind.choices)
    reason = EncryptedTextField()
    referred_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    referred_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    referred_at = models.DateTimeField()
    outcome = models.CharField(max_length=20, choices=ReferralOutcome.choices, blank=True)
    outcome_note = EncryptedTextField(blank=True, null=True)
    outcome_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    outcome_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)


class UCBReport(TimeStampedModel):
    """An Unacceptable Customer Behaviour report, offered when the worker felt threatened."""

    PERSONAL_DATA_FIELDS = ("what_happened",)

    incident = models.ForeignKey(Incident, on_delete=models.PROTECT, related_name="ucb_reports")
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    what_happened = EncryptedTextField()
    reported_at = models.DateTimeField()


class WellbeingRecord(TimeStampedModel):
    """Staff wellbeing after an incident: the Employee Assistance Programme details were
    shown, and any time away agreed with the team leader."""

    PERSONAL_DATA_FIELDS = ("time_away_details",)

    incident = models.ForeignKey(Incident, on_delete=models.PROTECT, related_name="wellbeing")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    eap_shown_at = models.DateTimeField()
    time_away_agreed = models.BooleanField(default=False)
    time_away_details = EncryptedTextField(blank=True, null=True)
    agreed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["incident", "user"], name="wellbeing_once_per_person")]
