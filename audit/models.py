"""The append-only audit trail: the evidence that protects staff "in case of any
challenge or dispute" (DA Plan). The database itself refuses UPDATE and DELETE."""

import pgtrigger
from django.conf import settings
from django.db import models

from audit.fields import CanonicalJSONField


class AuditEvent(models.Model):
    PERSONAL_DATA_FIELDS = ("actor_label", "context", "changes")

    seq = models.BigIntegerField(unique=True)
    occurred_at = models.DateTimeField(db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True)
    actor_label = models.CharField(max_length=200, blank=True)
    action = models.CharField(max_length=60)
    target_type = models.CharField(max_length=60, blank=True)
    target_id = models.CharField(max_length=64, blank=True)
    # The customer the event concerns, when there is one, so a DPO can search by person.
    person_ref = models.CharField(max_length=64, blank=True)
    summary = models.CharField(max_length=300, blank=True)
    # The request's context and the old and new values, kept as the canonical JSON text
    # the chain digests (audit/fields.py); None once disposed of.
    context = CanonicalJSONField(default=dict, null=True)
    changes = CanonicalJSONField(default=dict, null=True)
    content_digest = models.CharField(max_length=64)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    class Meta:
        ordering = ["-seq"]
        indexes = [
            models.Index(fields=["actor", "occurred_at"], name="audit_actor_time"),
            models.Index(fields=["target_type", "target_id"], name="audit_target"),
            models.Index(fields=["person_ref", "occurred_at"], name="audit_person_time"),
            models.Index(fields=["action", "occurred_at"], name="audit_action_time"),
        ]
        triggers = [
            pgtrigger.Protect(name="audit_event_append_only", operation=pgtrigger.Update | pgtrigger.Delete),
        ]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action}"


class AuditChainHead(models.Model):
    """One row: the last event's sequence number and hash. Locking it serialises
    appends, so two transactions can never chain to the same predecessor."""

    seq = models.BigIntegerField(default=0)
    hash = models.CharField(max_length=64)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"head at #{self.seq}"
