"""Personal API tokens: how scripts and integrations act as a member of staff."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from core.models import TimeStampedModel


class ApiToken(TimeStampedModel):
    """A member of staff's personal token. The token itself is never stored: only its
    SHA-256 digest, and a short prefix that is safe to show (see api/tokens.py)."""

    PERSONAL_DATA_FIELDS = ("name",)

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="api_tokens")
    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=20, unique=True)
    token_hash = models.CharField(max_length=64, unique=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            # Who revoked a token is part of the evidence: never one without the other.
            models.CheckConstraint(
                condition=Q(revoked_at__isnull=True, revoked_by__isnull=True)
                | Q(revoked_at__isnull=False, revoked_by__isnull=False),
                name="api_token_revoked_by_with_revoked_at",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix})"

    def is_expired(self, now=None) -> bool:
        now = now or timezone.now()
        return self.expires_at is not None and self.expires_at <= now

    def is_usable(self, now=None) -> bool:
        return self.revoked_at is None and not self.is_expired(now)

    @property
    def expires_on(self):
        """The last UK date the token works (it expires at midnight at the end of it)."""
        if self.expires_at is None:
            return None
        return timezone.localdate(self.expires_at - timedelta(microseconds=1))

    @property
    def status(self) -> str:
        if self.revoked_at is not None:
            return "Revoked"
        if self.is_expired():
            return "Expired"
        return "Active"
