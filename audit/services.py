"""Writing to the audit trail. Only `audit_record` appends events."""

import json

import orjson
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.utils import timezone

from audit import chain, codes
from audit.models import AuditChainHead, AuditEvent
from core import request_context


def audit_key() -> bytes:
    return settings.HAVEN_AUDIT_KEY.encode()


_ENCODER = DjangoJSONEncoder()
# Dates, times, decimals, durations and lazy text go to DjangoJSONEncoder, as before;
# UUIDs orjson writes as str() does, which is what the encoder wrote.
_NATIVE_OPTIONS = orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_NON_STR_KEYS


def _json_native(value) -> dict:
    """Exactly what the database will hand back, so the digest verifies later: the value
    as JSON would carry it (Django's encoder for dates, decimals and the like). orjson
    first, ten times faster than the json module; the json module for what orjson will
    not write (integers beyond 64 bits), which then cannot be chained either."""
    try:
        return orjson.loads(orjson.dumps(value or {}, default=_ENCODER.default, option=_NATIVE_OPTIONS))
    except (TypeError, orjson.JSONEncodeError):
        return json.loads(json.dumps(value or {}, cls=DjangoJSONEncoder))


def describe_target(target) -> tuple[str, str]:
    if target is None:
        return "", ""
    return f"{target._meta.app_label}.{target._meta.model_name}", str(target.pk)


def locked_head() -> AuditChainHead:
    """The chain head, locked until the transaction ends. An empty trail with no head (a
    database just emptied, as the browser tests do) starts a new chain; a trail with
    events but no head has been tampered with, and nothing more is appended to it."""
    head = AuditChainHead.objects.select_for_update().filter(pk=1).first()
    if head is not None:
        return head
    if AuditEvent.objects.exists():
        raise RuntimeError("The audit chain head is missing: run `manage.py verify_audit` and investigate.")
    AuditChainHead.objects.get_or_create(pk=1, defaults={"seq": 0, "hash": chain.GENESIS})
    return AuditChainHead.objects.select_for_update().get(pk=1)


def audit_record(
    *,
    actor,
    action: str,
    target=None,
    person_ref: str = "",
    summary: str = "",
    changes: dict | None = None,
) -> AuditEvent:
    """Append one event to the chain, inside the caller's transaction.

    Every service calls this in the same transaction as the change it records, so the
    change and its evidence commit together or not at all (architecture.md). Calling it
    outside a transaction is a programming error and raises at once.
    """
    if not connection.in_atomic_block:
        raise RuntimeError("audit_record must run inside the transaction of the change it records.")
    if not codes.is_known(action):
        raise ValueError(f"Unknown audit action {action!r}: add it to audit/codes.py with its meaning.")

    target_type, target_id = describe_target(target)
    context = request_context.current().as_dict()
    changes = _json_native(changes)
    actor_id = getattr(actor, "pk", None)
    actor_label = getattr(actor, "username", "") if actor is not None else ""
    occurred_at = timezone.now()

    head = locked_head()
    digest = chain.content_digest(changes=changes, context=context, actor_label=actor_label)
    facts = chain.EventFacts(
        seq=head.seq + 1,
        occurred_at=chain.timestamp(occurred_at),
        actor_id=actor_id,
        action=action,
        target_type=target_type,
        target_id=target_id,
        person_ref=person_ref,
        content_digest=digest,
    )
    event = AuditEvent.objects.create(
        seq=facts.seq,
        occurred_at=occurred_at,
        actor_id=actor_id,
        actor_label=actor_label,
        action=action,
        target_type=target_type,
        target_id=target_id,
        person_ref=person_ref,
        summary=summary[:300],
        context=context,
        changes=changes,
        content_digest=digest,
        prev_hash=head.hash,
        hash=chain.event_hash(audit_key(), facts, head.hash),
    )
    AuditChainHead.objects.filter(pk=1).update(seq=facts.seq, hash=event.hash, updated_at=occurred_at)
    return event


def audit_record_now(**kwargs) -> AuditEvent:
    """For events that are a change of their own (a sign-in, a search): its own transaction."""
    with transaction.atomic():
        return audit_record(**kwargs)
