"""The call to emergency services, in the DA Plan's order, and who decided it."""

from django.conf import settings
from django.db import models
from encrypted_fields.fields import EncryptedCharField, EncryptedTextField

from core.models import TimeStampedModel
from incidents.models.incident import Incident


class EmergencyService(models.TextChoices):
    POLICE = "police", "Police"
    AMBULANCE = "ambulance", "Ambulance"
    EMERGENCY_SERVICES = "emergency-services", "Emergency services (999)"
    MENTAL_HEALTH_CRISIS_TEAM = "mental-health-crisis-team", "Mental health crisis team"
    FOREIGN_OFFICE = "foreign-office", "Foreign, Commonwealth and Development Office"


class ConsentAnswer(models.TextChoices):
    GIVEN = "given", "Consent given"
    REFUSED = "refused", "Consent refused"
    NO_RESPONSE = "no-response", "No response could be had"
    NOT_ASKED = "not-asked", "Not asked: unsafe or not possible to ask"


class EmergencyDecider(models.TextChoices):
    CUSTOMER_CONSENTED = "customer-consented", "The customer agreed"
    TEAM_LEADER = "team-leader", "Team leader"
    DEPUTY_MANAGER = "deputy-manager", "Deputy manager"
    WORKER_URGENT = "worker-urgent", "The worker alone, because it was urgent"


class EmergencyCall(TimeStampedModel):
    """DA Plan, "Emergency services": asked the customer to phone 999; asked whether we
    should phone for them; consent; who decided and why; the call itself; and whether the
    customer was told. A call opens a disclosure decision (disclosures app) linked here."""

    PERSONAL_DATA_FIELDS = ("decision_reason", "location_given", "customer_area", "not_told_reason")

    incident = models.ForeignKey(Incident, on_delete=models.PROTECT, related_name="emergency_calls")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # Who phoned: the worker, or the support partner on the worker's behalf.
    made_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    asked_customer_to_phone = models.BooleanField(null=True)
    asked_whether_we_phone = models.BooleanField(null=True)
    consent = models.CharField(max_length=20, choices=ConsentAnswer.choices)
    decided_by_kind = models.CharField(max_length=20, choices=EmergencyDecider.choices)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decision_reason = EncryptedTextField(blank=True, null=True)

    service = models.CharField(max_length=30, choices=EmergencyService.choices)
    called_at = models.DateTimeField()
    police_reference = models.CharField(max_length=60, blank=True)
    location_given = EncryptedTextField(blank=True, null=True)
    from_national_centre = models.BooleanField(default=False)
    customer_area = EncryptedCharField(max_length=200, blank=True, null=True)
    customer_told = models.BooleanField(null=True)
    not_told_reason = EncryptedTextField(blank=True, null=True)

    disclosure = models.ForeignKey(
        "disclosures.Disclosure", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["called_at", "id"]
