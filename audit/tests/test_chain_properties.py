"""Property-based tests of the pure hash chain (audit/chain.py): no database."""

import json
from dataclasses import replace
from datetime import UTC, datetime

import orjson
from django.core.serializers.json import DjangoJSONEncoder
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from audit import chain
from audit.fields import CanonicalJSONField
from audit.services import _json_native

KEY = b"property-test-key"

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**63), 2**63 - 1)
    | st.floats(allow_nan=False, allow_infinity=False)
    # Lone surrogates cannot be stored as UTF-8 by any database, so never reach the chain.
    | st.text(st.characters(exclude_categories=("Cs",))),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.text(st.characters(exclude_categories=("Cs",)), max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)
texts = st.text(st.characters(exclude_categories=("Cs",)), max_size=20)
contents = st.dictionaries(texts, json_values, max_size=4)
moments = st.datetimes(
    min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 30), timezones=st.just(UTC), allow_imaginary=False
)


def _events(times):
    return st.fixed_dictionaries(
        {
            "occurred_at": times,
            "actor_id": st.none() | st.integers(1, 2**31),
            "actor_label": texts,
            "action": texts,
            "target_type": texts,
            "target_id": texts,
            "person_ref": texts,
            "context": contents,
            "changes": contents,
        }
    )


events = _events(moments)
# SQLite writes years before 1000 with a leading zero, strftime without: no event is that old.
stored_events = _events(moments.filter(lambda moment: moment.year >= 1000))


def sealed(specs: list[dict]) -> list[tuple]:
    """Rows as `audit_record` writes them, in ROW_FIELDS order."""
    facts = []
    for seq, spec in enumerate(specs, start=1):
        digest = chain.content_digest(changes=spec["changes"], context=spec["context"], actor_label=spec["actor_label"])
        facts.append(
            chain.EventFacts(
                seq=seq,
                occurred_at=chain.timestamp(spec["occurred_at"]),
                actor_id=spec["actor_id"],
                action=spec["action"],
                target_type=spec["target_type"],
                target_id=spec["target_id"],
                person_ref=spec["person_ref"],
                content_digest=digest,
            )
        )
    links = chain.link(KEY, facts, chain.GENESIS)
    return [
        chain.Row(
            seq=one.seq,
            content_digest=one.content_digest,
            prev_hash=previous,
            hash=own,
            **spec,
        )
        for one, spec, (previous, own) in zip(facts, specs, links, strict=True)
    ]


def as_tuples(rows) -> list[tuple]:
    return [tuple(getattr(row, name) for name in chain.ROW_FIELDS) for row in rows]


@settings(max_examples=60, deadline=None)
@given(st.lists(events, max_size=12))
def test_any_sequence_of_events_verifies_with_its_head(specs):
    rows = sealed(specs)
    head = (len(rows), rows[-1].hash if rows else chain.GENESIS)
    verdict = chain.verify(KEY, as_tuples(rows), expected_head=head)
    assert verdict.ok
    assert (verdict.checked, verdict.last_seq, verdict.last_hash) == (len(rows), *head)


@settings(max_examples=50, deadline=None)
@given(st.lists(stored_events, min_size=1, max_size=8))
def test_events_read_as_stored_text_verify_the_same(specs):
    stored = [
        replace(
            row,
            # PostgreSQL hands back `timestamp` text, SQLite its own UTC text; the content
            # as the canonical text the table keeps (audit/fields.py).
            occurred_at=chain.timestamp(row.occurred_at)
            if number % 2
            else str(row.occurred_at.astimezone(UTC).replace(tzinfo=None)),
            context=CanonicalJSONField().get_prep_value(row.context),
            changes=CanonicalJSONField().get_prep_value(row.changes),
        )
        for number, row in enumerate(sealed(specs))
    ]
    assert chain.verify(KEY, as_tuples(stored), expected_head=(len(stored), stored[-1].hash)).ok


@settings(max_examples=50, deadline=None)
@given(st.lists(stored_events, min_size=1, max_size=6), st.data())
def test_stored_content_written_any_other_way_is_found_as_changed_content(specs, data):
    # The same value as other JSON text (spaces, keys in another order) is not the text
    # that was digested: someone rewrote it, and verification says so.
    rows = [replace(row, changes=chain.canonical(row.changes).decode()) for row in sealed(specs)]
    index = data.draw(st.integers(0, len(rows) - 1), label="event")
    other = json.dumps(rows[index].changes and orjson.loads(rows[index].changes), ensure_ascii=True, indent=1)
    assume(other != rows[index].changes)
    rows[index] = replace(rows[index], changes=other)
    verdict = chain.verify(KEY, as_tuples(rows), expected_head=(len(rows), rows[-1].hash))
    assert (verdict.ok, verdict.first_broken_seq, verdict.problem) == (False, index + 1, "its content was changed")


@given(contents | st.none(), contents | st.none(), texts)
def test_the_digest_of_canonical_parts_is_the_content_digest(changes, context, actor_label):
    assert chain.content_digest_of_canonical(
        changes=chain.canonical(changes), context=chain.canonical(context), actor_label=actor_label
    ) == chain.content_digest(changes=changes, context=context, actor_label=actor_label)


@given(contents | st.none())
def test_the_audit_content_field_gives_back_the_value_it_stored(value):
    field = CanonicalJSONField()
    stored = field.get_prep_value(value)
    assert stored == (None if value is None else chain.canonical(value).decode())
    assert field.from_db_value(stored, None, None) == orjson.loads(chain.canonical(value))


MUTABLE = st.sampled_from(chain.ROW_FIELDS)


@settings(max_examples=120, deadline=None)
@given(st.lists(events, min_size=1, max_size=8), st.data())
def test_any_single_change_to_any_field_of_any_event_is_found_at_that_event(specs, data):
    rows = sealed(specs)
    index = data.draw(st.integers(0, len(rows) - 1), label="event")
    name = data.draw(MUTABLE, label="field")
    old = getattr(rows[index], name)
    new = data.draw(_other_value(name), label="new value")
    assume(_differs(name, old, new))
    rows[index] = replace(rows[index], **{name: new})
    verdict = chain.verify(KEY, as_tuples(rows), expected_head=(len(rows), rows[-1].hash))
    assert not verdict.ok
    # Everything before the changed event verified; the changed event is the first broken.
    assert verdict.last_seq == index
    if name != "seq":
        assert verdict.first_broken_seq == index + 1


@settings(max_examples=60, deadline=None)
@given(st.lists(events, max_size=10), st.lists(st.integers(0, 10), max_size=3))
def test_checking_a_chain_in_parts_and_joining_them_matches_checking_it_whole(specs, cuts):
    rows = as_tuples(sealed(specs))
    bounds = sorted({0, len(rows), *(min(cut, len(rows)) for cut in cuts)})
    segments = [chain.verify_segment(KEY, rows[low:high]) for low, high in zip(bounds, bounds[1:], strict=False)]
    head = (len(rows), rows[-1][-1] if rows else chain.GENESIS)
    assert chain.join(segments, expected_head=head) == chain.verify(KEY, rows, expected_head=head)


@given(json_values.filter(lambda value: not _has_float(value)))
def test_the_canonical_form_is_exactly_sorted_compact_json(value):
    # Floats aside: orjson writes some floats differently (1e-05 as 0.00001). Content is
    # digested and verified by the same `canonical`, so either way it is one form.
    expected = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
    assert chain.canonical(value) == expected


@given(events, st.integers(1, 2**40), texts)
def test_facts_are_encoded_exactly_as_the_canonical_list(spec, seq, prev_hash):
    facts = chain.EventFacts(
        seq=seq,
        occurred_at=chain.timestamp(spec["occurred_at"]),
        actor_id=spec["actor_id"],
        action=spec["action"],
        target_type=spec["target_type"],
        target_id=spec["target_id"],
        person_ref=spec["person_ref"],
        content_digest="d" * 64,
    )
    expected = [seq, facts.occurred_at, facts.actor_id, facts.action, facts.target_type, facts.target_id]
    expected += [facts.person_ref, facts.content_digest, prev_hash]
    assert facts.encode(prev_hash) == json.dumps(expected, separators=(",", ":"), ensure_ascii=False).encode()


@given(moments)
def test_the_fast_timestamp_is_the_text_strftime_gives(moment):
    # Events already stored were chained over strftime's text: the fast path must match it.
    assert chain.timestamp(moment) == moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _other_value(name: str):
    return {
        "seq": st.integers(-5, 20),
        "occurred_at": moments,
        "actor_id": st.none() | st.integers(1, 2**31),
        "context": contents | st.none(),
        "changes": contents | st.none(),
        "content_digest": st.text("0123456789abcdef", min_size=64, max_size=64),
        "prev_hash": st.text("0123456789abcdef", min_size=64, max_size=64),
        "hash": st.text("0123456789abcdef", min_size=64, max_size=64),
    }.get(name, texts)


def _differs(name: str, old, new) -> bool:
    if name == "occurred_at":
        return chain.timestamp(old) != chain.timestamp(new)
    if name in {"context", "changes"}:
        return chain.canonical(old) != chain.canonical(new)
    return old != new


def _has_float(value) -> bool:
    if isinstance(value, float):
        return True
    if isinstance(value, dict):
        return any(_has_float(item) for item in value.values())
    if isinstance(value, list):
        return any(_has_float(item) for item in value)
    return False


native_inputs = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**63), 2**63 - 1)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(st.characters(exclude_categories=("Cs",)))
    | st.datetimes(timezones=st.just(UTC))
    | st.dates()
    | st.decimals(allow_nan=False, allow_infinity=False)
    | st.uuids()
    | st.timedeltas(),
    lambda children: (
        st.lists(children, max_size=3)
        | st.tuples(children, children)
        | st.dictionaries(st.text(max_size=6) | st.integers(0, 99), children, max_size=3)
    ),
    max_leaves=10,
)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(texts, native_inputs, max_size=4))
def test_content_is_made_json_native_as_djangos_encoder_made_it(value):
    # What was digested before the fast path must be what is digested now.
    expected = json.loads(json.dumps(value, cls=DjangoJSONEncoder))
    assert _json_native(value) == expected
