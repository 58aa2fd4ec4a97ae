"""Forms of authority and representatives' access records (issue 7, part B; domain brief
section 3; seed 002).

An adviser acts for a client under the client's explicit, specific, signed authority,
never with the client's password. Each time they act, an access record says exactly when,
under which authority, what they viewed and what they did, and that no password was used
or stored: "how do I prove I didn't?"

The representative is a member of Haven's staff (an adviser with the caseworker role) and
the organisation they act for; people from outside Haven who are in the client's life are
people/'s "people around them".
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from encrypted_fields.fields import EncryptedCharField, EncryptedTextField

from accounts.models import Organisation
from core.models import TimeStampedModel
from people.models import Customer


class Scope(models.TextChoices):
    """What an authority allows the adviser to do (issue 7)."""

    VIEW = "view", "View account or journal"
    ENTRIES = "entries", "Make specified entries"
    SPEAK = "speak", "Speak to an agency for the client"
    COPIES = "copies", "Receive copies of decisions"


class Entry(models.TextChoices):
    """The specified entries an authority may name, when it allows making entries."""

    LODGE_MR = "lodge-mr", "Lodge a Mandatory Reconsideration"
    CHECK_MR = "check-mr", "Check for a Mandatory Reconsideration Notice (MRN)"
    REPORT_CHANGE = "report-change", "Report a change of circumstances"
    UPLOAD_DOCUMENTS = "upload-documents", "Upload documents the client has given"
    REPLY_JOURNAL = "reply-journal", "Reply to a journal message"


class Duration(models.TextChoices):
    SINGLE = "single", "Single use"
    UNTIL = "until", "Until a date"
    ONGOING = "ongoing", "Ongoing until the client revokes it"


class Evidence(models.TextChoices):
    UPLOAD = "upload", "Signed form uploaded"
    SIGNATURE = "signature", "Signature captured in person"
    VERBAL = "verbal", "Verbal consent, with a witness"


def evidence_name(instance, filename: str) -> str:
    """A random name: the client's name or the file's own name never reaches storage."""
    return f"consent/evidence/{uuid.uuid4().hex}"


class Authority(TimeStampedModel):
    PERSONAL_DATA_FIELDS = ("purpose", "signature_name", "witness_name", "evidence_file", "revocation_note")

    customer = models.ForeignKey(Customer, on_delete=models.PROTECT, related_name="authorities")
    adviser = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="authorities_held")
    adviser_organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    scope = models.JSONField(default=list)
    entries = models.JSONField(default=list, blank=True)
    purpose = EncryptedTextField()
    duration = models.CharField(max_length=10, choices=Duration.choices)
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    evidence = models.CharField(max_length=10, choices=Evidence.choices)
    evidence_file = models.FileField(upload_to=evidence_name, blank=True)
    evidence_content_type = models.CharField(max_length=50, blank=True)
    evidence_size = models.PositiveIntegerField(null=True, blank=True)
    evidence_sha256 = models.CharField(max_length=64, blank=True)
    signature_name = EncryptedCharField(max_length=200, blank=True, null=True)
    witness_name = EncryptedCharField(max_length=200, blank=True, null=True)
    consent_given_at = models.DateTimeField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    receipt_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    revocation_note = EncryptedTextField(blank=True, null=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["customer", "revoked_at"], name="authority_customer")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(duration="until") | Q(ends_on__isnull=False), name="authority_until_has_end"
            ),
        ]

    def __str__(self) -> str:
        return f"Authority {self.pk} for customer {self.customer_id}"

    def scope_labels(self) -> list[str]:
        return [Scope(code).label for code in self.scope if code in Scope.values]

    def entry_labels(self) -> list[str]:
        return [Entry(code).label for code in self.entries if code in Entry.values]


class AccessRecord(TimeStampedModel):
    """One time an adviser acted under an authority. Never changed once written."""

    PERSONAL_DATA_FIELDS = ("viewed", "done")

    authority = models.ForeignKey(Authority, on_delete=models.PROTECT, related_name="access_records")
    customer = models.ForeignKey(Customer, on_delete=models.PROTECT, related_name="access_records")
    adviser = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    acted_at = models.DateTimeField()
    action = models.CharField(max_length=10, choices=Scope.choices)
    entry = models.CharField(max_length=20, choices=Entry.choices, blank=True)
    viewed = EncryptedTextField(blank=True, null=True)
    done = EncryptedTextField(blank=True, null=True)
    no_password_confirmed = models.BooleanField()

    class Meta:
        ordering = ["-acted_at", "-id"]
        indexes = [models.Index(fields=["customer", "acted_at"], name="access_record_customer")]
        constraints = [
            # The adviser's confirmation is the point of the record: none is kept without it.
            models.CheckConstraint(condition=Q(no_password_confirmed=True), name="access_no_password_confirmed"),
        ]

    def __str__(self) -> str:
        return f"Access {self.pk} under authority {self.authority_id}"
