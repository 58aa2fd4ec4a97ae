"""The hash chain over audit events. Pure Python: no Django.

Each event's hash is HMAC-SHA256, keyed from the environment, over a canonical encoding
of the event's facts and the previous event's hash. Personal content (the old and new
values, the request's IP address and browser) is chained only as a SHA-256 digest, so
that lawful disposal of that content later does not break verification (issue 2).
"""

import hashlib
import hmac
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache

import orjson

GENESIS = "0" * 64


def canonical(value) -> bytes:
    """One byte string for one value: sorted keys, no spaces, UTF-8 (non-ASCII unescaped).

    Byte for byte what `json.dumps(value, sort_keys=True, separators=(",", ":"),
    ensure_ascii=False)` gives for JSON-native values (str keys, ints within 64 bits),
    except that some floats are written in orjson's notation (0.00001, not 1e-05); a
    property test holds the two to the same bytes otherwise. orjson is about five
    times faster, and verifying a million events re-encodes a million contents.
    orjson is pinned: a release that wrote floats differently would need a migration
    of this function, not an upgrade.
    """
    return orjson.dumps(value, option=orjson.OPT_SORT_KEYS)


def content_digest(*, changes, context, actor_label: str) -> str:
    return hashlib.sha256(canonical({"changes": changes, "context": context, "actor": actor_label})).hexdigest()


def content_digest_of_canonical(*, changes: bytes, context: bytes, actor_label: str) -> str:
    """`content_digest` from the canonical bytes of `changes` and `context`, as the audit
    table stores them (audit/fields.py): the canonical form of the whole is those bytes
    put in their places (its keys sort as actor, changes, context), so nothing is parsed
    or encoded again. A property test holds the two equal."""
    return hashlib.sha256(
        b'{"actor":' + orjson.dumps(actor_label) + b',"changes":' + changes + b',"context":' + context + b"}"
    ).hexdigest()


def timestamp(moment: datetime) -> str:
    """UTC, microseconds, always the same shape whichever database returned it."""
    if moment.tzinfo is not UTC:
        moment = moment.astimezone(UTC)
    if moment.year < 1000:  # strftime does not pad years before 1000 on every platform
        return moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    # Formatting by hand is five times faster than strftime, and the same text.
    return "%04d-%02d-%02dT%02d:%02d:%02d.%06dZ" % (  # noqa: UP031
        moment.year,
        moment.month,
        moment.day,
        moment.hour,
        moment.minute,
        moment.second,
        moment.microsecond,
    )


def _encode_facts(seq, occurred_at, actor_id, action, target_type, target_id, person_ref, digest, prev_hash) -> bytes:
    """canonical([...facts, prev_hash]): a tuple is written as a JSON array, and this
    is the one call made for every event verified, so it skips the list and the sort."""
    return orjson.dumps((seq, occurred_at, actor_id, action, target_type, target_id, person_ref, digest, prev_hash))


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
        return _encode_facts(
            self.seq,
            self.occurred_at,
            self.actor_id,
            self.action,
            self.target_type,
            self.target_id,
            self.person_ref,
            self.content_digest,
            prev_hash,
        )


def event_hash(key: bytes, facts: EventFacts, prev_hash: str) -> str:
    return _hmac(key)(facts.encode(prev_hash))


@lru_cache(maxsize=4)
def _hmac(key: bytes):
    """HMAC-SHA256 with the key's inner and outer pads hashed once (RFC 2104), so each
    event costs two SHA-256 copies: twice as fast as `hmac.digest`, same result."""
    block = hashlib.sha256().block_size
    padded = (hashlib.sha256(key).digest() if len(key) > block else key).ljust(block, b"\0")
    inner = hashlib.sha256(bytes(byte ^ 0x36 for byte in padded))
    outer = hashlib.sha256(bytes(byte ^ 0x5C for byte in padded))

    def sign(message: bytes) -> str:
        first = inner.copy()
        first.update(message)
        second = outer.copy()
        second.update(first.digest())
        return second.hexdigest()

    return sign


def link(key: bytes, facts: Iterable[EventFacts], prev_hash: str) -> list[tuple[str, str]]:
    """Chain events on after `prev_hash`: (prev_hash, hash) for each, in order."""
    links = []
    for one in facts:
        own = event_hash(key, one, prev_hash)
        links.append((prev_hash, own))
        prev_hash = own
    return links


def head_signature(key: bytes, *, seq: int, last_hash: str) -> str:
    """Signs the head so an anchored copy outside the database can be checked later."""
    return hmac.new(key, canonical(["head", seq, last_hash]), hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class Row:
    """An event as stored, in the order `verify` reads it. `occurred_at` may be a datetime,
    its `timestamp` text, or UTC text as SQLite stores it; `context` and `changes` may be
    dicts or their canonical JSON text, as the table stores it."""

    seq: int
    occurred_at: datetime | str
    actor_id: int | None
    actor_label: str
    action: str
    target_type: str
    target_id: str
    person_ref: str
    context: dict | str | None
    changes: dict | str | None
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


@dataclass(frozen=True)
class Segment:
    """What one run of consecutive rows showed, checked on its own. Its first row's link
    backwards (`first_seq`, `first_prev_hash`) is left for `join` to check, so a long
    chain can be read in parts, side by side, and joined in order."""

    first_seq: int | None  # None: the run had no rows
    first_prev_hash: str
    good_seq: int  # the last row before the first problem (or the last row)
    good_hash: str
    broken_seq: int | None = None
    problem: str = ""


def verify(key: bytes, rows: Iterable[tuple], *, expected_head: tuple[int, str] | None = None) -> Verdict:
    """Walk the events in sequence order from the first and name the first one that does
    not fit. `rows` are tuples in ROW_FIELDS order. Redacted events (content disposed of
    lawfully: `changes` and `context` both None) are checked by their stored digest alone."""
    return join([verify_segment(key, rows)], expected_head=expected_head)


def verify_segment(key: bytes, rows: Iterable[tuple]) -> Segment:
    """Check consecutive rows against each other and each against its own facts.

    Content read from the database is its stored canonical text (audit/fields.py), and
    is digested as those very bytes, as `content_digest_of_canonical` does (inlined: it
    is the costliest check): any change to the text, even to an equal JSON value
    written another way, is a change of content. This loop runs a million times for a
    million events: it unpacks tuples rather than building objects and keeps names local
    (a few µs an event in all)."""
    sign, sha256, dumps = _hmac(key), hashlib.sha256, orjson.dumps
    first_seq = None
    first_prev_hash = prev_hash = ""
    expected_seq = 0
    for (
        seq,
        occurred_at,
        actor_id,
        actor_label,
        action,
        target_type,
        target_id,
        person_ref,
        context,
        changes,
        digest,
        row_prev_hash,
        row_hash,
    ) in rows:
        if first_seq is None:
            first_seq, first_prev_hash, prev_hash, expected_seq = seq, row_prev_hash, row_prev_hash, seq
        elif seq != expected_seq:
            return Segment(
                first_seq, first_prev_hash, expected_seq - 1, prev_hash, seq, f"event {expected_seq} is missing"
            )
        elif row_prev_hash != prev_hash:
            return Segment(
                first_seq, first_prev_hash, seq - 1, prev_hash, seq, "it does not point to the event before it"
            )
        if (changes is not None or context is not None) and digest != sha256(
            b'{"actor":'
            + dumps(actor_label)
            + b',"changes":'
            + (changes.encode() if changes.__class__ is str else canonical(changes))
            + b',"context":'
            + (context.encode() if context.__class__ is str else canonical(context))
            + b"}"
        ).hexdigest():
            return Segment(first_seq, first_prev_hash, seq - 1, prev_hash, seq, "its content was changed")
        if occurred_at.__class__ is not str:
            occurred_at = timestamp(occurred_at)
        elif occurred_at[-1] != "Z":
            occurred_at = _from_stored_text(occurred_at)
        encoded = _encode_facts(
            seq, occurred_at, actor_id, action, target_type, target_id, person_ref, digest, prev_hash
        )
        if not hmac.compare_digest(sign(encoded), row_hash):
            return Segment(first_seq, first_prev_hash, seq - 1, prev_hash, seq, "its hash does not match its facts")
        prev_hash = row_hash
        expected_seq += 1
    return Segment(first_seq, first_prev_hash, expected_seq - 1, prev_hash)


def join(segments: Iterable[Segment], *, expected_head: tuple[int, str] | None = None) -> Verdict:
    """Put the segments of one chain, in sequence order, back together from the first
    event: each must start where the one before it ended. Names the first problem."""
    last_seq, last_hash = 0, GENESIS
    for segment in segments:
        if segment.first_seq is None:
            continue
        if segment.first_seq != last_seq + 1:
            return _broken(last_seq, last_hash, segment.first_seq, f"event {last_seq + 1} is missing")
        if segment.first_prev_hash != last_hash:
            return _broken(last_seq, last_hash, segment.first_seq, "it does not point to the event before it")
        if segment.broken_seq is not None:
            return _broken(segment.good_seq, segment.good_hash, segment.broken_seq, segment.problem)
        last_seq, last_hash = segment.good_seq, segment.good_hash
    if expected_head is not None and tuple(expected_head) != (last_seq, last_hash):
        head_seq, _ = expected_head
        return _broken(last_seq, last_hash, min(head_seq, last_seq + 1), "the chain head names a different last event")
    return Verdict(ok=True, checked=last_seq, last_seq=last_seq, last_hash=last_hash)


def _from_stored_text(text: str) -> str:
    """'YYYY-MM-DD HH:MM:SS[.ffffff]', UTC (how SQLite keeps a time) as `timestamp` text."""
    if len(text) == 19:
        text += ".000000"
    return f"{text[:10]}T{text[11:]}Z"


def _broken(last_seq: int, last_hash: str, seq: int, problem: str) -> Verdict:
    # Every event before the broken one was checked, and only those.
    return Verdict(
        ok=False, checked=last_seq, last_seq=last_seq, last_hash=last_hash, first_broken_seq=seq, problem=problem
    )
