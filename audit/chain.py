"""The hash chain over audit events. Pure Python: no Django.

Each event's hash is HMAC-SHA256, keyed from the environment, over a canonical encoding
of the event's facts and the previous event's hash. Personal content (the old and new
values, the request's IP address and browser) is chained only as a SHA-256 digest, so
that lawful disposal of that content later does not break verification (issue 2).
"""

import hashlib
import hmac
import json
from dataclasses import dataclass
from datetime import UTC, datetime

GENESIS = "0" * 64


def canonical(value) -> bytes:
    """One byte string for one value: sorted keys, no spaces, UTF-8."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def content_digest(*, changes, context, actor_label: str) -> str:
    return hashlib.sha256(canonical({"changes": changes, "context": context, "actor": actor_label})).hexdigest()


def timestamp(moment: datetime) -> str:
    """UTC, microseconds, always the same shape whichever database returned it."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


@dataclass(frozen=True)
class EventFacts:
    seq: int
    occurred_at: str
    actor_id: int | None
    action: str
    target_type: str
    target_id: str
    person_ref: str
    content_digest: str

    def encode(self, prev_hash: str) -> bytes:
        return canonical(
            [
                self.seq,
                self.occurred_at,
                self.actor_id,
                self.action,
                self.target_type,
                self.target_id,
                self.person_ref,
                self.content_digest,
                prev_hash,
            ]
        )


def event_hash(key: bytes, facts: EventFacts, prev_hash: str) -> str:
    return hmac.new(key, facts.encode(prev_hash), hashlib.sha256).hexdigest()


def head_signature(key: bytes, *, seq: int, last_hash: str) -> str:
    """Signs the head so an anchored copy outside the database can be checked later."""
    return hmac.new(key, canonical(["head", seq, last_hash]), hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class Row:
    """An event as stored, in the order `verify` reads it."""

    seq: int
    occurred_at: datetime
    actor_id: int | None
    actor_label: str
    action: str
    target_type: str
    target_id: str
    person_ref: str
    context: dict | None
    changes: dict | None
    content_digest: str
    prev_hash: str
    hash: str


ROW_FIELDS = tuple(Row.__dataclass_fields__)


@dataclass(frozen=True)
class Verdict:
    ok: bool
    checked: int
    last_seq: int
    last_hash: str
    first_broken_seq: int | None = None
    problem: str = ""


def verify(key: bytes, rows, *, expected_head: tuple[int, str] | None = None) -> Verdict:
    """Walk the events in sequence order and name the first one that does not fit.

    Redacted events (content disposed of lawfully: `changes` and `context` both None)
    are checked by their stored digest alone.
    """
    prev_hash = GENESIS
    expected_seq = 1
    checked = 0
    for values in rows:
        row = Row(*values)
        if row.seq != expected_seq:
            return _broken(checked, expected_seq - 1, prev_hash, row.seq, f"event {expected_seq} is missing")
        if row.prev_hash != prev_hash:
            return _broken(checked, row.seq - 1, prev_hash, row.seq, "it does not point to the event before it")
        if row.changes is not None or row.context is not None:
            digest = content_digest(changes=row.changes, context=row.context, actor_label=row.actor_label)
            if digest != row.content_digest:
                return _broken(checked, row.seq - 1, prev_hash, row.seq, "its content was changed")
        facts = EventFacts(
            seq=row.seq,
            occurred_at=timestamp(row.occurred_at),
            actor_id=row.actor_id,
            action=row.action,
            target_type=row.target_type,
            target_id=row.target_id,
            person_ref=row.person_ref,
            content_digest=row.content_digest,
        )
        if not hmac.compare_digest(event_hash(key, facts, prev_hash), row.hash):
            return _broken(checked, row.seq - 1, prev_hash, row.seq, "its hash does not match its facts")
        prev_hash = row.hash
        expected_seq += 1
        checked += 1
    last_seq = expected_seq - 1
    if expected_head is not None and expected_head != (last_seq, prev_hash):
        head_seq, _ = expected_head
        return _broken(
            checked, last_seq, prev_hash, min(head_seq, last_seq + 1), "the chain head names a different last event"
        )
    return Verdict(ok=True, checked=checked, last_seq=last_seq, last_hash=prev_hash)


def _broken(checked: int, last_seq: int, last_hash: str, seq: int, problem: str) -> Verdict:
    return Verdict(
        ok=False, checked=checked, last_seq=last_seq, last_hash=last_hash, first_broken_seq=seq, problem=problem
    )
