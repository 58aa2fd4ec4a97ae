"""Disclosure decisions: every sharing of a customer's personal data with a third party
(issue 7 part A; domain brief section 2). These records protect staff and the
organisation "in case of any challenge or dispute", so once confirmed they never change:
a correction is a new entry linked to the one it corrects."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from encrypted_fields.fields import EncryptedCharField, EncryptedTextField

from accounts.models import Organisation
from core.models import TimeStampedModel
from disclosures import lawful_basis as lb


def _choices(enum, *, blank: str | None = None) -> list[tuple[str, str]]:
    choices = [(member.value, lb.label(member.value)) for member in enum if member.value]
    return [("", blank), *choices] if blank is not None else choices


class Status(models.TextChoices):
    DRAFT = "draft", "Draft: not yet confirmed"
    CONFIRMED = "confirmed", "Confirmed"


class AtRisk(models.TextChoices):
    CUSTOMER = "customer", "The customer"
    CHILD = "child", "A child"
    THIRD_PARTY = "third-party", "A named third party"


class Recipient(models.TextChoices):
    POLICE = "police", "Police"
    AMBULANCE = "ambulance", "Ambulance service"
    GP = "gp", "GP"
    CMHT = "cmht", "Community Mental Health Team (CMHT)"
    SOCIAL_SERVICES = "social-services", "Social services"
    DWP = "dwp", "Department for Work and Pensions (DWP)"
    LANDLORD = "landlord", "Landlord"
    BAILIFF_EMPLOYER = "bailiff-employer", "A bailiff's employer"
    OTHER = "other", "Someone else"


class Method(models.TextChoices):
    PHONE = "phone", "Phone call"
    EMAIL = "email", "Secure email"
    LETTER = "letter", "Letter"
    IN_PERSON = "in-person", "In person"
    PORTAL = "portal", "Online referral form or portal"


class Disclosure(TimeStampedModel):
    """One decision to share. A draft is the decider's own until confirmed; confirming
    runs the lawful-basis rules and the second-opinion rule once more and fixes it."""

    PERSONAL_DATA_FIELDS = (
        "at_risk_name",
        "recipient_person",
        "purpose",
        "reference_number",
        "not_told_reason",
        "correction_reason",
    )
    # Free text a person types. The credential guard (consent/) is wired into these.
    FREE_TEXT_FIELDS = (
        "at_risk_name",
        "recipient_organisation",
        "recipient_person",
        "purpose",
        "reference_number",
        "not_told_reason",
        "correction_reason",
    )

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="disclosures")
    customer = models.ForeignKey("people.Customer", on_delete=models.PROTECT, related_name="disclosures")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    corrects = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="corrections")
    correction_reason = EncryptedTextField(blank=True, null=True)

    at_risk = models.CharField(max_length=20, choices=AtRisk.choices)
    at_risk_name = EncryptedCharField(max_length=200, blank=True, null=True)

    recipient_kind = models.CharField(max_length=30, choices=Recipient.choices)
    recipient_organisation = models.CharField(max_length=200)
    recipient_person = EncryptedCharField(max_length=200, blank=True, null=True)
    method = models.CharField(max_length=20, choices=Method.choices)
    shared_at = models.DateTimeField()

    items = models.JSONField(default=list)  # item codes (disclosures/items.py), never values
    purpose = EncryptedTextField()
    reference_number = EncryptedCharField(max_length=100, blank=True, null=True)

    consent = models.CharField(max_length=20, choices=_choices(lb.Consent))
    consent_explicit = models.BooleanField(default=False)
    incapable_of_consent = models.BooleanField(default=False)
    special_category = models.BooleanField(default=False)
    article_6 = models.CharField(max_length=10, choices=_choices(lb.Article6))
    article_9 = models.CharField(max_length=10, choices=_choices(lb.Article9, blank="None"), blank=True)
    schedule_1 = models.CharField(max_length=10, choices=_choices(lb.Schedule1, blank="None"), blank=True)
    exemption = models.CharField(max_length=10, choices=_choices(lb.Exemption, blank="None"), blank=True)
    risk_to_life = models.BooleanField(default=False)
    legal_duty = models.BooleanField(default=False)
    prevent_or_detect_crime = models.BooleanField(default=False)
    protection = models.CharField(max_length=20, choices=_choices(lb.Protection, blank="Not applicable"), blank=True)
    under_18 = models.BooleanField(default=False)
    needs_care_and_support = models.BooleanField(default=False)
    experiencing_or_at_risk_of_harm = models.BooleanField(default=False)
    unable_to_protect_self = models.BooleanField(default=False)
    para_18_reason = models.CharField(
        max_length=30, choices=_choices(lb.Para18Reason, blank="Not applicable"), blank=True
    )

    emergency = models.BooleanField(default=False)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    second_opinion_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    person_told = models.BooleanField(default=False)
    not_told_reason = EncryptedTextField(blank=True, null=True)

    confirmed_at = models.DateTimeField(null=True, blank=True)
    review_task = models.ForeignKey("work.Task", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    # The live incident whose emergency call opened this decision (issue 8), if any.
    incident = models.ForeignKey(
        "incidents.Incident", on_delete=models.PROTECT, null=True, blank=True, related_name="disclosures"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-shared_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="draft") | Q(confirmed_at__isnull=False), name="disclosure_confirmed_has_time"
            ),
        ]
        indexes = [
            models.Index(fields=["customer", "status", "shared_at"], name="disclosure_customer"),
            models.Index(fields=["organisation", "status", "shared_at"], name="disclosure_register"),
        ]

    def __str__(self) -> str:
        return f"Disclosure {self.pk} to {self.recipient_organisation}"

    @property
    def is_confirmed(self) -> bool:
        return self.status == Status.CONFIRMED

    @property
    def needs_review(self) -> bool:
        return self.is_confirmed and self.emergency and self.second_opinion_by_id is None

    def facts(self) -> lb.Facts:
        return lb.Facts(**{name: getattr(self, name) for name in FACT_FIELDS})


FACT_FIELDS = tuple(field.name for field in lb.Facts.__dataclass_fields__.values())


class DisclosureReview(TimeStampedModel):
    """The team leader's retrospective review of an emergency decision taken alone."""

    PERSONAL_DATA_FIELDS = ("note",)

    class Outcome(models.TextChoices):
        AGREED = "agreed", "The decision was right"
        CONCERNS = "concerns", "The decision raises concerns"

    disclosure = models.OneToOneField(Disclosure, on_delete=models.PROTECT, related_name="review")
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    note = EncryptedTextField()

    def __str__(self) -> str:
        return f"Review of disclosure {self.disclosure_id}"
