"""Reading the whole chain back from the database and checking it.

A million events must verify in under ten seconds on a 2-core machine (issue 2), so the
rows are read with one plain SELECT through a server-side cursor, in the form the chain
is computed over (the time already as `chain.timestamp` text, the content as JSON text),
skipping the ORM's per-value conversions; and a long chain is read in two halves by two
processes side by side, then joined in order (`chain.join`). The checks themselves are
all in `audit/chain.py`.
"""

import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from contextlib import nullcontext

from asgiref.local import Local
from django.db import connection, connections, transaction
from django.db.models import Max

from audit import chain
from audit.models import AuditChainHead, AuditEvent
from audit.services import audit_key

CHUNK = 10_000
# Below this many events a second process costs more to start than it saves.
PARALLEL_FROM = 100_000


def verify_chain(*, workers: int | None = None) -> chain.Verdict:
    """Checks every event in order against its predecessor and the key, then the head.

    The events up to the head read at the start are walked; events appended while the
    walk runs are left to the next verification, but any event beyond the head as read
    at the end is reported, so a head moved back cannot hide the events after it."""
    head_seq, head_hash = AuditChainHead.objects.values_list("seq", "hash").get(pk=1)
    ranges = _ranges(head_seq, workers=_workers(workers, head_seq))
    segments = [verify_range(*ranges[0])] if len(ranges) == 1 else _in_parallel(ranges)
    verdict = chain.join(segments, expected_head=(head_seq, head_hash))
    if not verdict.ok:
        return verdict
    return _nothing_beyond_head(verdict)


def signed_head() -> dict:
    head = AuditChainHead.objects.get(pk=1)
    return {
        "seq": head.seq,
        "hash": head.hash,
        "at": chain.timestamp(head.updated_at),
        "signature": chain.head_signature(audit_key(), seq=head.seq, last_hash=head.hash),
    }


def verify_range(low: int | None, high: int) -> chain.Segment:
    """Checks the events with `low <= seq <= high` (no lower bound when `low` is None, so
    a stray event numbered below 1 is still read and named)."""
    where, params = ("seq <= %s", [high]) if low is None else ("seq BETWEEN %s AND %s", [low, high])
    sql = f"SELECT {', '.join(_select_columns())} FROM {_table()} WHERE {where} ORDER BY seq"  # noqa: S608
    rows = _fetch(sql, params)
    try:
        return chain.verify_segment(audit_key(), rows)
    finally:
        # A broken chain stops the walk early: close the generator now, so its cursor
        # and transaction end here rather than whenever it is garbage-collected.
        rows.close()


def _fetch(sql: str, params: list):
    # chunked_cursor is a server-side cursor on PostgreSQL: rows stream, memory stays flat.
    # Inside a transaction, because outside one the cursor must be WITH HOLD, and
    # PostgreSQL then runs the whole query into a store before sending the first row.
    # Not on SQLite: its transactions begin IMMEDIATE (taking the write lock), so two
    # workers would queue for it, one reading while the other waited, or timed out
    # ("database is locked"); one SELECT reads one snapshot in WAL mode without it.
    with transaction.atomic() if connection.vendor == "postgresql" else nullcontext():
        cursor = connection.chunked_cursor()
        try:
            cursor.execute(sql, params)
            while rows := cursor.fetchmany(CHUNK):
                yield from rows
        finally:
            cursor.close()


def _select_columns() -> list[str]:
    """ROW_FIELDS as SQL, the time as text (PostgreSQL writes it as `chain.timestamp` does)."""
    quote = connection.ops.quote_name
    columns = [quote(AuditEvent._meta.get_field(name).column) for name in chain.ROW_FIELDS]
    at = quote("occurred_at")
    if connection.vendor == "postgresql":
        text = f"""to_char({at} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')"""
    else:
        # SQLite keeps times as UTC text, which chain.verify_segment reads as it is. The
        # cast stops the driver parsing it into a naive datetime (slow, and naive).
        text = f"CAST({at} AS TEXT)"
    columns[chain.ROW_FIELDS.index("occurred_at")] = text
    return columns


def _table() -> str:
    return connection.ops.quote_name(AuditEvent._meta.db_table)


def _workers(asked: int | None, events: int) -> int:
    if asked is not None:
        return max(1, asked)
    if events < PARALLEL_FROM or connection.in_atomic_block:
        # Inside a transaction (a test, a caller's atomic block) another process could
        # not see uncommitted rows: read them here.
        return 1
    return min(2, multiprocessing.cpu_count())


def _ranges(head_seq: int, *, workers: int) -> list[tuple[int | None, int]]:
    """Split 1..head_seq into `workers` runs; the first has no lower bound."""
    size = max(1, -(-head_seq // workers))
    ranges: list[tuple[int | None, int]] = []
    low = 1
    while low <= head_seq:
        high = min(head_seq, low + size - 1)
        ranges.append((low, high))
        low = high + 1
    if not ranges:
        return [(None, head_seq)]
    ranges[0] = (None, ranges[0][1])
    return ranges


def _in_parallel(ranges) -> list[chain.Segment]:
    # Forked workers inherit Django's set-up but must not share the parent's database
    # connection: close it, and each worker opens its own.
    connections.close_all()
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(
        max_workers=len(ranges), mp_context=context, initializer=_fresh_connections_in_worker
    ) as pool:
        return list(pool.map(_verify_range_in_worker, ranges))


def _fresh_connections_in_worker() -> None:
    """A forked worker starts with copies of the parent's connection objects, and with
    them whatever state the parent's connection was in. Forget them without closing
    them (closing would end the parent's session on the shared socket): the worker's
    first query opens a connection of its own, to the same database."""
    connections._connections = Local(connections.thread_critical)


def _verify_range_in_worker(bounds) -> chain.Segment:
    try:
        return verify_range(*bounds)
    finally:
        connections.close_all()


def _nothing_beyond_head(verdict: chain.Verdict) -> chain.Verdict:
    """Events may have been appended during the walk (the head moved with them); an event
    beyond the head as it stands now belongs to no chain the head vouches for."""
    head_now = AuditChainHead.objects.values_list("seq", flat=True).get(pk=1)
    last = AuditEvent.objects.aggregate(last=Max("seq"))["last"]
    if last is not None and last > head_now:
        return chain.Verdict(
            ok=False,
            checked=verdict.checked,
            last_seq=verdict.last_seq,
            last_hash=verdict.last_hash,
            first_broken_seq=head_now + 1,
            problem="the chain head names a different last event",
        )
    return verdict
