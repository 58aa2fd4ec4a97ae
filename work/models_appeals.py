"""Mandatory reconsiderations (MRs) and the appeal that may follow (issue 5, MR tracker).

MRNs arrive only in the customer's UC journal, so nobody is told (seed `002`); Haven
tracks each MR request, whether its notice has been seen, and the SSCS1 appeal deadline.
The deadlines themselves are tasks (work.models.Task) made through `task_create_within`;
this record keeps the facts and the dates those tasks were made from.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from encrypted_fields.fields import EncryptedTextField

from accounts.models import Organisation
from core.models import TimeStampedModel


class MRState(models.TextChoices):
    AWAITING_MRN = "awaiting-mrn", "Waiting for the MRN"
    MRN_RECEIVED = "mrn-received", "MRN received: appeal decision due"
    APPEAL_LODGED = "appeal-lodged", "Appeal lodged"
    NOT_APPEALING = "not-appealing", "Not appealing"


OPEN_STATES = (MRState.AWAITING_MRN, MRState.MRN_RECEIVED)


class LodgedHow(models.TextChoices):
    JOURNAL = "journal", "UC journal"
    PHONE = "phone", "Phone"
    LETTER = "letter", "Letter"
    FORM = "form", "CRMR1 form or online form"
    IN_PERSON = "in-person", "In person"
    EMAIL = "email", "Email"


class LodgedBy(models.TextChoices):
    CUSTOMER = "customer", "The customer"
    REPRESENTATIVE = "representative", "A representative (adviser)"
    STAFF = "staff", "A member of staff"


class MRNOutcome(models.TextChoices):
    NOT_CHANGED = "not-changed", "Decision not changed"
    CHANGED_IN_PART = "changed-in-part", "Decision changed in part"
    CHANGED = "changed", "Decision changed in full"


class AppealHow(models.TextChoices):
    ONLINE = "online", "Online (Submit your appeal)"
    POST = "post", "SSCS1 by post"
    EMAIL = "email", "SSCS1 by email"


class MandatoryReconsideration(TimeStampedModel):
    """One MR request for a customer: what was challenged, when, how, by whom and under
    which authority; then its MRN; then the appeal, or the decision not to appeal."""

    PERSONAL_DATA_FIELDS = (
        "decision_challenged",
        "representative_name",
        "representative_organisation",
        "outside_authority",
        "appeal_reference",
        "declined_reason",
    )

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    customer = models.ForeignKey("people.Customer", on_delete=models.PROTECT, related_name="mandatory_reconsiderations")
    # The caseworker answerable for it: its tasks are theirs.
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    decision_challenged = EncryptedTextField()
    decision_date = models.DateField(null=True, blank=True)
    lodged_on = models.DateField()
    lodged_how = models.CharField(max_length=20, choices=LodgedHow.choices)
    lodged_by = models.CharField(max_length=20, choices=LodgedBy.choices)
    representative_name = models.CharField(max_length=200, blank=True)
    representative_organisation = models.CharField(max_length=200, blank=True)
    lodged_by_staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # The form of authority it was lodged under. A Haven adviser lodges under an authority
    # recorded in consent/ (the link, and the access record made with the MR); an adviser
    # outside Haven's staff, whose authority Haven only heard of, is described in text.
    authority = models.ForeignKey(
        "consent.Authority", on_delete=models.PROTECT, null=True, blank=True, related_name="mandatory_reconsiderations"
    )
    outside_authority = models.CharField(max_length=300, blank=True)

    state = models.CharField(max_length=20, choices=MRState.choices, default=MRState.AWAITING_MRN)
    chase_on = models.DateField()

    mrn_sent_on = models.DateField(null=True, blank=True)
    mrn_seen_on = models.DateField(null=True, blank=True)
    mrn_outcome = models.CharField(max_length=20, choices=MRNOutcome.choices, blank=True)
    appeal_due_on = models.DateField(null=True, blank=True)
    late_appeal_limit_on = models.DateField(null=True, blank=True)

    appeal_lodged_on = models.DateField(null=True, blank=True)
    appeal_how = models.CharField(max_length=20, choices=AppealHow.choices, blank=True)
    appeal_reference = models.CharField(max_length=60, blank=True)
    appeal_was_late = models.BooleanField(default=False)

    declined_on = models.DateField(null=True, blank=True)
    declined_reason = EncryptedTextField(blank=True, null=True)

    chase_task = models.ForeignKey("work.Task", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    appeal_task = models.ForeignKey("work.Task", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-lodged_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(state__in=["mrn-received", "appeal-lodged", "not-appealing"])
                | Q(mrn_sent_on__isnull=False, appeal_due_on__isnull=False),
                name="mr_past_mrn_has_its_dates",
            ),
            models.CheckConstraint(
                condition=~Q(state="appeal-lodged") | Q(appeal_lodged_on__isnull=False), name="mr_appeal_has_a_date"
            ),
            models.CheckConstraint(
                condition=~Q(state="not-appealing") | Q(declined_on__isnull=False), name="mr_declined_has_a_date"
            ),
            models.CheckConstraint(
                condition=~Q(lodged_by="staff") | Q(lodged_by_staff__isnull=False), name="mr_staff_lodger_named"
            ),
            models.CheckConstraint(
                condition=Q(authority__isnull=True) | Q(lodged_by="representative", outside_authority=""),
                name="mr_linked_authority_is_a_representatives",
            ),
        ]
        indexes = [models.Index(fields=["customer", "state"], name="mr_customer_state")]

    def __str__(self) -> str:
        return f"MR lodged {self.lodged_on:%d %B %Y}"

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    @property
    def is_under_recorded_authority(self) -> bool:
        return self.authority_id is not None

    @property
    def lodged_by_text(self) -> str:
        if self.lodged_by == LodgedBy.REPRESENTATIVE:
            who = ", ".join(part for part in (self.representative_name, self.representative_organisation) if part)
            return f"Representative: {who}"
        if self.lodged_by == LodgedBy.STAFF and self.lodged_by_staff_id:
            return f"Member of staff: {self.lodged_by_staff.display_name}"
        return self.get_lodged_by_display()
