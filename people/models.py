"""The customer: the person at the centre of every incident, disclosure, authority and
deadline (issue 3). Sensitive free text is encrypted at rest."""

from django.conf import settings
from django.db import models
from encrypted_fields.fields import EncryptedCharField, EncryptedTextField

from accounts.models import Organisation
from core.models import TimeStampedModel
from core.nations import Nation


class Customer(TimeStampedModel):
    PERSONAL_DATA_FIELDS = (
        "given_names",
        "family_name",
        "date_of_birth",
        "ni_number",
        "address_line_1",
        "address_line_2",
        "town",
        "postcode",
        "phone",
        "email",
    )

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="customers")
    case_number = models.CharField(max_length=30)
    given_names = models.CharField(max_length=200)
    family_name = models.CharField(max_length=200)
    date_of_birth = models.DateField(null=True, blank=True)
    ni_number = models.CharField(max_length=9, blank=True)
    address_line_1 = models.CharField(max_length=200, blank=True)
    address_line_2 = models.CharField(max_length=200, blank=True)
    town = models.CharField(max_length=100, blank=True)
    postcode = models.CharField(max_length=8, blank=True)
    nation = models.CharField(max_length=20, choices=Nation.choices, default=Nation.ENGLAND)
    phone = models.CharField(max_length=30, blank=True)
    email = models.EmailField(blank=True)
    # Restricted records (a member of staff, a public figure) open only for named staff
    # or through break glass (issue 3).
    is_restricted = models.BooleanField(default=False)
    # Optimistic locking: two tabs editing at once never silently overwrite each other.
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["family_name", "given_names"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "case_number"], name="customer_case_number_unique"),
        ]
        indexes = [
            models.Index(fields=["organisation", "ni_number"], name="customer_ni"),
            models.Index(fields=["organisation", "date_of_birth"], name="customer_dob"),
            models.Index(fields=["organisation", "postcode"], name="customer_postcode"),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.given_names} {self.family_name}".strip()


class CustomerName(TimeStampedModel):
    """A previous or changed name. A changed name may be one that must never reach the
    other parent (DA Plan, Section B)."""

    PERSONAL_DATA_FIELDS = ("given_names", "family_name")

    class Kind(models.TextChoices):
        PREVIOUS = "previous", "Previous name"
        ALIAS = "alias", "Also known as"

    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="other_names")
    given_names = models.CharField(max_length=200)
    family_name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.PREVIOUS)
    used_until = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-used_until", "family_name"]

    def __str__(self) -> str:
        return f"{self.given_names} {self.family_name}"


class CustomerReference(TimeStampedModel):
    """Benefit and claim references: how other systems know the person."""

    PERSONAL_DATA_FIELDS = ("value",)

    class Kind(models.TextChoices):
        BENEFIT = "benefit", "Benefit reference"
        CLAIM = "claim", "Claim reference"
        OTHER = "other", "Other reference"

    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="references")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    value = models.CharField(max_length=50)

    class Meta:
        ordering = ["kind", "value"]
        indexes = [models.Index(fields=["value"], name="customer_reference_value")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.value}"


class SearchKey(models.Model):
    """Search keys for one customer: name tokens (current and previous names), their
    Soundex codes, and the identifiers, each normalised. One ordinary B-tree index
    serves every kind of look-up, on SQLite and PostgreSQL alike (issue 3: "use the
    database's own indexing; no separate search server")."""

    class Kind(models.TextChoices):
        NAME = "name", "Name"
        SOUND = "sound", "Name as it sounds"
        NI = "ni", "National Insurance number"
        REFERENCE = "ref", "Reference"
        POSTCODE = "postcode", "Postcode"
        CASE_NUMBER = "case", "Case number"

    organisation_id = models.BigIntegerField()
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    value = models.CharField(max_length=60)

    class Meta:
        # customer_id last makes the index covering: search reads the index alone, and
        # each value's customers come in id order, so lists merge without sorting.
        indexes = [models.Index(fields=["organisation_id", "kind", "value", "customer"], name="search_key_lookup")]

    def __str__(self) -> str:
        return f"{self.kind}:{self.value}"


class SafeContact(TimeStampedModel):
    """How the person may safely be contacted. Shown at the top of every page about the
    person; every part of Haven that contacts them must ask `people.contact` first."""

    PERSONAL_DATA_FIELDS = ("times_to_avoid", "note")

    customer = models.OneToOneField(Customer, on_delete=models.CASCADE, related_name="safe_contact")
    safe_to_call = models.BooleanField(default=False)
    safe_to_text = models.BooleanField(default=False)
    safe_to_email = models.BooleanField(default=False)
    safe_to_write = models.BooleanField(default=False)
    no_voicemail = models.BooleanField(default=False)
    times_to_avoid = EncryptedCharField(max_length=200, blank=True, null=True)
    do_not_disclose_address = models.BooleanField(default=False)
    do_not_disclose_new_name = models.BooleanField(default=False)
    note = EncryptedTextField(blank=True, null=True)
    version = models.PositiveIntegerField(default=1)

    def __str__(self) -> str:
        return f"Safe contact for customer {self.customer_id}"


class PrivacyNeeds(TimeStampedModel):
    """Privacy for conversations (only about 30% of jobcentres have a private room)."""

    PERSONAL_DATA_FIELDS = ("other_adjustments",)

    customer = models.OneToOneField(Customer, on_delete=models.CASCADE, related_name="privacy_needs")
    needs_private_room = models.BooleanField(default=False)
    phone_only_when_private = models.BooleanField(default=False)
    other_adjustments = EncryptedTextField(blank=True, null=True)
    version = models.PositiveIntegerField(default=1)

    def __str__(self) -> str:
        return f"Privacy needs for customer {self.customer_id}"


class MarkerType(TimeStampedModel):
    """DOMESTIC ABUSE RISK and the other markers; administrators may define more."""

    code = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=100)
    description = models.CharField(max_length=300, blank=True)
    is_built_in = models.BooleanField(default=False)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class CustomerMarker(TimeStampedModel):
    """A marker on a customer. Removing one keeps it, with who removed it and why."""

    PERSONAL_DATA_FIELDS = ("reason", "removal_reason")

    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="markers")
    marker_type = models.ForeignKey(MarkerType, on_delete=models.PROTECT, related_name="+")
    set_on = models.DateField()
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = EncryptedTextField()
    review_on = models.DateField(null=True, blank=True)
    removed_at = models.DateTimeField(null=True, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    removal_reason = EncryptedTextField(blank=True, null=True)

    class Meta:
        ordering = ["-set_on", "-id"]
        indexes = [models.Index(fields=["customer", "removed_at"], name="marker_current")]

    def __str__(self) -> str:
        return f"{self.marker_type} on customer {self.customer_id}"

    @property
    def is_current(self) -> bool:
        return self.removed_at is None


class PersonAround(TimeStampedModel):
    """Someone in the customer's life: appointee, power of attorney, representative,
    next of kin, support worker, CPN, social worker, or a child in the household."""

    PERSONAL_DATA_FIELDS = ("name", "organisation_name", "phone", "email", "address", "date_of_birth", "notes")

    class Role(models.TextChoices):
        APPOINTEE = "appointee", "Appointee"
        POWER_OF_ATTORNEY = "power-of-attorney", "Power of attorney"
        REPRESENTATIVE = "representative", "Representative or adviser"
        NEXT_OF_KIN = "next-of-kin", "Next of kin"
        SUPPORT_WORKER = "support-worker", "Support worker"
        CPN = "cpn", "Community Psychiatric Nurse (CPN)"
        SOCIAL_WORKER = "social-worker", "Social worker"
        CHILD = "child", "Child in the household"

    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="people_around")
    role = models.CharField(max_length=30, choices=Role.choices)
    name = models.CharField(max_length=200)
    organisation_name = models.CharField(max_length=200, blank=True)
    phone = models.CharField(max_length=30, blank=True)
    email = models.EmailField(blank=True)
    address = models.CharField(max_length=300, blank=True)
    date_of_birth = models.DateField(null=True, blank=True)
    notes = EncryptedTextField(blank=True, null=True)
    ended_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["role", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_role_display()})"


class NamedAccess(TimeStampedModel):
    """A member of staff allowed to open a restricted record."""

    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="named_access")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["customer", "user"], name="named_access_once")]

    def __str__(self) -> str:
        return f"{self.user_id} may open customer {self.customer_id}"


class BreakGlass(TimeStampedModel):
    """Opening a restricted record without being named on it, with a written reason.
    The data protection officers are alerted each time."""

    PERSONAL_DATA_FIELDS = ("reason",)

    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="break_glass")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = EncryptedTextField()
    # A break glass opens the record for the rest of the working session, not for ever.
    expires_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["customer", "user", "expires_at"], name="break_glass_active")]

    def __str__(self) -> str:
        return f"Break glass by {self.user_id} on customer {self.customer_id}"


class ContactNote(TimeStampedModel):
    """The customer's contact notes: what staff recorded about their contact with the
    customer, newest first. Append-only: a note is never edited; a correction is a new
    note. A note copied from an incident (DA Plan: the team leader "copies the activity
    notes into the customer's contact notes"; an ACSSL outcome) names where it came from."""

    PERSONAL_DATA_FIELDS = ("text",)

    customer = models.ForeignKey(Customer, on_delete=models.PROTECT, related_name="contact_notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = EncryptedTextField()
    # Where it came from, e.g. "incidents.incident" / "42"; blank for a note typed here.
    source_type = models.CharField(max_length=60, blank=True)
    source_id = models.CharField(max_length=64, blank=True)
    written_at = models.DateTimeField()

    class Meta:
        ordering = ["-written_at", "-id"]
        indexes = [models.Index(fields=["customer", "written_at"], name="contact_note_customer")]
