"""The incident itself, its notes, and the actions its protocol's effects ask for."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from encrypted_fields.fields import EncryptedCharField, EncryptedTextField

from accounts.models import Organisation, Team
from core.models import TimeStampedModel


class Channel(models.TextChoices):
    """How the customer made the disclosure (issue 8, "Record the channel")."""

    TELEPHONE = "telephone", "Telephone"
    FACE_TO_FACE = "face-to-face", "Face to face"
    HOME_VISIT = "home-visit", "Home visit"
    HOME_WORKING = "home-working", "Telephone, working from home"
    LETTER = "letter", "Letter"
    JOURNAL_OR_EMAIL = "journal-or-email", "UC journal or email"
    SOCIAL_MEDIA = "social-media", "Social media"
    THIRD_PARTY = "third-party", "Report from a third party"


class IncidentState(models.TextChoices):
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


class Incident(TimeStampedModel):
    """One disclosure of risk, handled live.

    `run` is the protocol run's events as JSON (protocols.engine.Run.to_json), encrypted:
    the answers hold where the customer is and who threatened them. The state of the run
    is always rebuilt from these events, so what the screen shows is what was recorded.
    `version` is the optimistic lock on the structured fields (the run, the customer link):
    a step submitted against an older version is refused with the other person's version.
    """

    PERSONAL_DATA_FIELDS = ("caller_description", "run", "summary_text")

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="incidents")
    # Null while the caller is not yet identified; linked later (incident_link_customer).
    customer = models.ForeignKey(
        "people.Customer", on_delete=models.PROTECT, null=True, blank=True, related_name="incidents"
    )
    caller_description = EncryptedCharField(max_length=300, blank=True, null=True)
    channel = models.CharField(max_length=20, choices=Channel.choices)

    protocol_id = models.CharField(max_length=60)
    protocol_version = models.CharField(max_length=40)
    protocol_title = models.CharField(max_length=200)
    run = EncryptedTextField()
    current_step = models.CharField(max_length=80)
    # What the worker said the customer disclosed, in their words, when starting.
    summary_text = EncryptedTextField(blank=True, null=True)

    worker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="incidents")
    # The worker's team and working pattern when it started: who supports and reviews it
    # must not change because the worker later moves team.
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="incidents")
    worker_home_based = models.BooleanField(default=False)
    partner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="partnered_incidents"
    )
    partner_joined_at = models.DateTimeField(null=True, blank=True)

    state = models.CharField(max_length=10, choices=IncidentState.choices, default=IncidentState.OPEN)
    started_at = models.DateTimeField()
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Six years after it closes (DA Plan and Six Point Plan: records kept six years).
    keep_until = models.DateField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-started_at", "-id"]
        indexes = [
            models.Index(fields=["worker", "state", "started_at"], name="incident_worker"),
            models.Index(fields=["team", "state", "started_at"], name="incident_team"),
            models.Index(fields=["customer", "started_at"], name="incident_customer"),
            models.Index(fields=["keep_until"], name="incident_keep_until", condition=Q(keep_until__isnull=False)),
        ]

    def __str__(self) -> str:
        return f"Incident {self.pk}: {self.protocol_title}"

    @property
    def is_open(self) -> bool:
        return self.state == IncidentState.OPEN

    @property
    def reference(self) -> str:
        return f"INC-{self.pk:06d}"


class IncidentNote(models.Model):
    """One saved revision of one note entry. Append-only: a note box autosaves as new
    revisions of its entry (`entry` is made by the browser, `revision` counts up), so a
    retried save is recognised (same entry and revision) and nothing is ever overwritten.
    Two people writing at once write different entries, so neither loses the other's words.
    A note's text is its latest revision; every earlier revision stays as evidence."""

    PERSONAL_DATA_FIELDS = ("text",)

    incident = models.ForeignKey(Incident, on_delete=models.PROTECT, related_name="notes")
    entry = models.UUIDField(default=uuid.uuid4)
    revision = models.PositiveIntegerField()
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # A support partner's notes are witness notes (DA Plan, Section A: "acts as a witness").
    is_witness = models.BooleanField(default=False)
    text = EncryptedTextField()
    saved_at = models.DateTimeField()

    class Meta:
        ordering = ["saved_at", "id"]
        constraints = [models.UniqueConstraint(fields=["entry", "revision"], name="incident_note_revision_once")]
        indexes = [models.Index(fields=["incident", "saved_at"], name="incident_note_incident")]

    def __str__(self) -> str:
        return f"Note {self.entry} revision {self.revision}"


class IncidentAction(TimeStampedModel):
    """Something the protocol asked for when an effect was raised (summon a partner, record
    the emergency call, Report Threat, a review task, a referral offer). Automatic effects
    are carried out when raised and stored done; the rest wait for the worker. At most one
    per effect per incident (`key` is the engine's effect key)."""

    class State(models.TextChoices):
        PENDING = "pending", "To do"
        DONE = "done", "Done"
        DECLINED = "declined", "Not needed"

    incident = models.ForeignKey(Incident, on_delete=models.PROTECT, related_name="actions")
    key = models.CharField(max_length=200)
    kind = models.CharField(max_length=40)
    step = models.CharField(max_length=80)
    effect = models.JSONField(default=dict)  # the effect as defined, and the answers it was filled with
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # What carrying it out made: "work.task:12", "incidents.reportthreat:3".
    result = models.CharField(max_length=80, blank=True)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [models.UniqueConstraint(fields=["incident", "key"], name="incident_action_once")]
