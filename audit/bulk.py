"""Appending many audit events at once: seeding data for benchmarks and scale tests.

`audit_append_many` writes exactly what `audit_record` would for each event (the same
digest over the same JSON-native content, the same chain, the same head update), but
10,000 at a time through the database's bulk path (COPY on PostgreSQL, executemany on
SQLite), so a million events seed in minutes rather than hours.
It is not a way around the rules: it only appends, each batch in its own transaction that
holds the head lock, so a concurrent `audit_record` chains after a whole batch, never
into the middle of one, and a failure leaves the chain whole at the last committed batch.
"""

import operator
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from itertools import islice

from django.db import connection, reset_queries, transaction
from django.utils import timezone

from audit import chain, codes
from audit.models import AuditChainHead, AuditEvent
from audit.services import _json_native, audit_key, locked_head
from core import request_context

BATCH = 10_000


@dataclass(frozen=True)
class NewEvent:
    """One event to append: what `audit_record` takes, with the target already described
    and, optionally, its own time and request context (seeded history is in the past)."""

    action: str
    actor_id: int | None = None
    actor_label: str = ""
    target_type: str = ""
    target_id: str = ""
    person_ref: str = ""
    summary: str = ""
    changes: dict | None = None
    context: dict | None = None  # None: the current request context, as audit_record
    occurred_at: datetime | None = None  # None: now, as audit_record


def audit_append_many(events: Iterable[NewEvent], *, batch_size: int = BATCH, on_batch: Callable | None = None) -> int:
    """Append `events` in order, `batch_size` per transaction. Returns how many were added.

    For seeding commands and benchmarks only: services record their own events with
    `audit_record` in their own transaction. Must not be called inside a transaction
    (each batch commits on its own, durably). `on_batch(appended_so_far)` runs after
    each commit, for progress output. An unknown action code raises before its batch is
    written; the batches before it stay, as a whole, valid chain.
    """
    appended = 0
    iterator = iter(events)
    while batch := list(islice(iterator, batch_size)):
        appended += _append_batch(batch)
        # With DEBUG on, Django keeps every SQL string; a million rows of them is gigabytes.
        reset_queries()
        if on_batch is not None:
            on_batch(appended)
    if appended and connection.vendor == "postgresql":
        # After a bulk load the planner's statistics still describe the old table, and it
        # may then sort a million rows on disk instead of reading the seq index in order.
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(AuditEvent._meta.db_table)}")
    return appended


def _check_action(action: str) -> None:
    if not codes.is_known(action):
        raise ValueError(f"Unknown audit action {action!r}: add it to audit/codes.py with its meaning.")


def _append_batch(batch: list[NewEvent]) -> int:
    with transaction.atomic(durable=True):
        return audit_record_many(batch)


def audit_record_many(events: list[NewEvent]) -> int:
    """Append several events inside the caller's transaction, as `audit_record` would one
    by one, but with one insert and one head update: for work that records a backlog of
    thousands at once (the deadline sweep). Returns how many were appended."""
    if not connection.in_atomic_block:
        raise RuntimeError("audit_record_many must run inside the transaction of the changes it records.")
    if not events:
        return 0
    head = locked_head()
    rows = _chained(
        events, key=audit_key(), seq=head.seq, prev_hash=head.hash, default_context=request_context.current().as_dict()
    )
    _insert(rows)
    last_seq, last_hash = rows[-1][_COLUMNS.index("seq")], rows[-1][_COLUMNS.index("hash")]
    AuditChainHead.objects.filter(pk=1).update(seq=last_seq, hash=last_hash, updated_at=timezone.now())
    return len(rows)


# Every column but the primary key, in the model's order, so the insert follows the model.
_FIELDS = [field for field in AuditEvent._meta.concrete_fields if not field.primary_key]
_COLUMNS = [field.attname for field in _FIELDS]
_IN_COLUMN_ORDER = operator.itemgetter(*_COLUMNS)
# The one column whose Python value needs the database's own form: the time (the content
# is already its canonical text; numbers and text go to the driver as they are).
_OCCURRED_AT = _COLUMNS.index("occurred_at")


def _insert(rows: list[tuple]) -> None:
    """Write the rows with the database's fast bulk path, not Django's bulk_create:
    bulk_create builds a model instance and compiles every value of every row, about
    300 µs an event on this 2-core machine (5 minutes for a million on SQLite, where it
    may put only 62 rows in a statement). PostgreSQL gets COPY, to which psycopg hands
    the aware UTC time as it is; SQLite, in process, one prepared INSERT run for every
    row, with the time as the backend's own `adapt_datetimefield_value` writes it (what
    `bulk_create` would have stored; a test holds the two paths to the same rows)."""
    quote = connection.ops.quote_name
    table = quote(AuditEvent._meta.db_table)
    columns = ", ".join(quote(field.column) for field in _FIELDS)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        # Adapted once per moment, not once per row: a sweep's batch is all one moment.
        at = _OCCURRED_AT
        stored = {moment: connection.ops.adapt_datetimefield_value(moment) for moment in {row[at] for row in rows}}
        prepared = [(*row[:at], stored[row[at]], *row[at + 1 :]) for row in rows]
        placeholders = ", ".join(["%s"] * len(_FIELDS))
        cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({placeholders})", prepared)  # noqa: S608


def _chained(batch, *, key: bytes, seq: int, prev_hash: str, default_context: dict) -> list[tuple]:
    """Each event's column values (in _COLUMNS order), chained on from `prev_hash`."""
    facts_list, contents = [], []
    now = timezone.now()  # one transaction, one moment, unless an event brings its own
    default_text = chain.canonical(default_context)
    for number, event in enumerate(batch, start=seq + 1):
        _check_action(event.action)
        occurred_at = event.occurred_at or now
        # Encoded once: the digest is over these bytes and the table stores them as text.
        context = default_text if event.context is None else chain.canonical(_json_native(event.context))
        changes = chain.canonical(_json_native(event.changes))
        digest = chain.content_digest_of_canonical(changes=changes, context=context, actor_label=event.actor_label)
        facts_list.append(
            chain.EventFacts(
                seq=number,
                occurred_at=chain.timestamp(occurred_at),
                actor_id=event.actor_id,
                action=event.action,
                target_type=event.target_type,
                target_id=event.target_id,
                person_ref=event.person_ref,
                content_digest=digest,
            )
        )
        contents.append((event, occurred_at, context, changes))
    # The chain itself is computed in one place, audit/chain.py, for both paths.
    links = chain.link(key, facts_list, prev_hash)
    rows = []
    for facts, (event, occurred_at, context, changes), (previous, own) in zip(facts_list, contents, links, strict=True):
        values = {
            "seq": facts.seq,
            "occurred_at": occurred_at,
            "actor_id": event.actor_id,
            "actor_label": event.actor_label,
            "action": event.action,
            "target_type": event.target_type,
            "target_id": event.target_id,
            "person_ref": event.person_ref,
            "summary": event.summary[:300],
            "context": context.decode(),
            "changes": changes.decode(),
            "content_digest": facts.content_digest,
            "prev_hash": previous,
            "hash": own,
        }
        rows.append(_IN_COLUMN_ORDER(values))
    return rows
