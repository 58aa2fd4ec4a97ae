"""The signposting directory (issue 6): support organisations by need and nation, and the
record of every list of them sent to a customer.

Each organisation keeps its own copy of the directory, so its own people maintain it and
its review tasks stay inside it. National entries come from the seeds (or a CSV import);
an office adds local entries for the postcode districts it serves (the "complex needs
toolkit" of a jobcentre, seed 003 question 10)."""

import uuid

from django.conf import settings
from django.db import models

from accounts.models import Office, Organisation
from core.models import TimeStampedModel
from core.nations import Nation
from directory import postcodes


class Need(models.TextChoices):
    """The needs of issue 6, in the words workers use."""

    DOMESTIC_ABUSE = "domestic-abuse", "Domestic abuse"
    LGBT_DOMESTIC_ABUSE = "lgbt-domestic-abuse", "LGBT+ domestic abuse"
    MEN_EXPERIENCING_ABUSE = "men-experiencing-abuse", "Men experiencing abuse"
    RAPE_AND_SEXUAL_VIOLENCE = "rape-sexual-violence", "Rape and sexual violence"
    SUICIDE_AND_SELF_HARM = "suicide-self-harm", "Suicide and self-harm"
    MENTAL_HEALTH = "mental-health", "Mental health"
    BEREAVEMENT = "bereavement", "Bereavement"
    YOUNG_PEOPLE = "young-people", "Young people"
    POLICE_NON_EMERGENCY = "police-non-emergency", "Police non-emergency"
    EMERGENCY_ABROAD = "emergency-abroad", "Emergency services abroad"
    STAFF_WELLBEING = "staff-wellbeing", "Staff wellbeing"
    DEBT_HOUSING_WELFARE = "debt-housing-welfare", "Debt, housing and welfare rights"


NATION_FIELDS = {
    Nation.ENGLAND: "serves_england",
    Nation.WALES: "serves_wales",
    Nation.SCOTLAND: "serves_scotland",
    Nation.NORTHERN_IRELAND: "serves_northern_ireland",
}


class Entry(TimeStampedModel):
    """One support organisation's service. Directory data is about organisations, not
    people, so nothing here is personal data."""

    uid = models.UUIDField(default=uuid.uuid4, editable=False)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="directory_entries")
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    serves_england = models.BooleanField(default=False)
    serves_wales = models.BooleanField(default=False)
    serves_scotland = models.BooleanField(default=False)
    serves_northern_ireland = models.BooleanField(default=False)
    # A local entry serves councils (by ONS code), postcode districts or areas
    # ("W06000015 CF10 CF11", "G"), kept as " W06000015 CF10 CF11 " so one LIKE finds one;
    # the office that added it owns it.
    is_local = models.BooleanField(default=False)
    local_area = models.CharField(max_length=200, blank=True)  # "Cardiff council", in words
    local_postcodes = models.CharField(max_length=500, blank=True)
    office = models.ForeignKey(Office, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    phone = models.CharField(max_length=40, blank=True)
    phone_is_free = models.BooleanField(default=False)
    other_numbers = models.CharField(max_length=300, blank=True)
    hours = models.CharField(max_length=200, blank=True)
    open_24_7 = models.BooleanField(default=False)
    website = models.CharField(max_length=300, blank=True)
    email = models.EmailField(blank=True)
    languages = models.CharField(max_length=200, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    last_verified_on = models.DateField(null=True, blank=True)
    review_due_on = models.DateField()
    source = models.CharField(max_length=200, blank=True)  # "seed 001_89391ab191328d0a.txt", "CSV import"
    is_active = models.BooleanField(default=True)
    version = models.PositiveIntegerField(default=1)
    # The same folded words as EntryWord, space-separated ("advice aid cardiff"), for
    # PostgreSQL's GIN index (migration 0003); SQLite searches EntryWord instead.
    search_words = models.TextField(blank=True, default="", editable=False)

    class Meta:
        verbose_name_plural = "entries"
        constraints = [
            models.UniqueConstraint(fields=["organisation", "uid"], name="directory_entry_uid_per_organisation"),
        ]
        indexes = [
            models.Index(fields=["organisation", "is_active", "name"], name="directory_entry_org_name"),
            models.Index(fields=["is_active", "review_due_on"], name="directory_entry_review_due"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def nations(self) -> list[str]:
        return [nation for nation, field in NATION_FIELDS.items() if getattr(self, field)]

    @property
    def postcode_list(self) -> list[str]:
        return self.local_postcodes.split()

    @property
    def served_area_labels(self) -> list[str]:
        """The councils by name where known ("Cardiff"), then districts and areas as stored."""
        return [postcodes.area_label(token) for token in self.postcode_list]


class EntryNeed(models.Model):
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="needs")
    need = models.CharField(max_length=40, choices=Need.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["entry", "need"], name="directory_entry_need_once")]
        indexes = [models.Index(fields=["need", "entry"], name="directory_need_entry")]

    def __str__(self) -> str:
        return self.get_need_display()


class EntryWord(models.Model):
    """One folded word of an entry's name, description or local area (directory/words.py),
    so free text is a prefix lookup on an index instead of a scan of every entry."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="+")
    word = models.CharField(max_length=40)

    class Meta:
        indexes = [models.Index(fields=["word", "entry"], name="directory_word_entry")]

    def __str__(self) -> str:
        return self.word


class SendChannel(models.TextChoices):
    TEXT = "text", "Text message"
    EMAIL = "email", "Email"
    PRINT = "print", "Printed and handed over"


class SignpostSend(TimeStampedModel):
    """A list of support organisations given to a customer: who sent which entries, how.
    The address or number it went to is not copied here; it is on the customer's record.
    A send made from the guided screen names the incident it happened in."""

    PERSONAL_DATA_FIELDS = ("customer", "entry_names")

    customer = models.ForeignKey("people.Customer", on_delete=models.PROTECT, related_name="signpost_sends")
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    channel = models.CharField(max_length=10, choices=SendChannel.choices)
    entries = models.ManyToManyField(Entry, related_name="+")
    # The names as they were sent, so the record still reads right if an entry changes.
    entry_names = models.TextField()
    incident = models.ForeignKey(
        "incidents.Incident", on_delete=models.PROTECT, null=True, blank=True, related_name="signpost_sends"
    )

    class Meta:
        indexes = [models.Index(fields=["customer", "created_at"], name="directory_send_customer")]
