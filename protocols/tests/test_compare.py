"""Comparing two versions step by step (protocols/engine/compare.py): pure, so tested on
definitions built in memory from every shipped one."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from protocols.engine import Definition
from protocols.engine.compare import ItemChange, compare
from protocols.tests.helpers import every_definition, fixture_registry

DEFINITIONS = every_definition()


@pytest.mark.parametrize("definition", DEFINITIONS, ids=lambda d: d.ref)
def test_a_version_compared_with_itself_shows_no_changes(definition):
    comparison = compare(definition, definition)

    assert comparison.same
    assert comparison.header == ()
    assert comparison.steps.unchanged == tuple(step.id for step in definition.steps)


@pytest.mark.parametrize("definition", DEFINITIONS, ids=lambda d: d.ref)
def test_a_copy_read_again_from_its_data_is_the_same(definition):
    again = Definition.model_validate(definition.model_dump(by_alias=True, exclude_defaults=True))

    assert compare(definition, again).same


@st.composite
def derived(draw):
    """A definition and one derived from it: some steps removed, some with new text, some
    new steps added (its graph need not be valid: comparing does not walk it)."""
    base = draw(st.sampled_from(DEFINITIONS))
    ids = [step.id for step in base.steps]
    removed = draw(st.sets(st.sampled_from(ids), max_size=len(ids) - 1))
    kept = [i for i in ids if i not in removed]
    retexted = draw(st.sets(st.sampled_from(kept), max_size=len(kept)))
    added = [f"added-step-{n}" for n in range(draw(st.integers(0, 4)))]
    data = base.model_dump(by_alias=True)
    steps = []
    for step in data["steps"]:
        if step["id"] in removed:
            continue
        if step["id"] in retexted:
            step = {**step, "text": step["text"] + " (revised)"}
        steps.append(step)
    steps += [{"id": i, "kind": "end", "text": f"New {i}", "policy": "Test"} for i in added]
    return base, Definition.model_validate({**data, "steps": steps}), removed, retexted, added


@settings(max_examples=60, deadline=None)
@given(derived())
def test_every_added_removed_and_changed_step_is_reported_and_nothing_else(case):
    base, new, removed, retexted, added = case

    comparison = compare(base, new)

    assert comparison.steps.added == tuple(added)
    assert set(comparison.steps.removed) == removed
    assert comparison.steps.changed == tuple(
        ItemChange(id=s.id, fields=("text",)) for s in new.steps if s.id in retexted
    )
    assert len(comparison.steps.unchanged) == len(base.steps) - len(removed) - len(retexted)
    assert comparison.same == (not removed and not retexted and not added)


@settings(max_examples=30, deadline=None)
@given(derived())
def test_comparing_the_other_way_round_swaps_added_and_removed(case):
    base, new, *_ = case

    forward, backward = compare(base, new), compare(new, base)

    assert set(forward.steps.added) == set(backward.steps.removed)
    assert set(forward.steps.removed) == set(backward.steps.added)
    assert {c.id for c in forward.steps.changed} == {c.id for c in backward.steps.changed}


def test_a_local_variant_is_compared_merged_with_its_template():
    registry = fixture_registry()
    template, variant = registry.load("sample-threat"), registry.load("sample-threat-local")

    comparison = compare(template, variant)

    assert comparison.header == ("title", "extends")
    assert comparison.steps.added == ("lock-door",)
    assert comparison.steps.removed == ()
    assert comparison.steps.changed == (ItemChange(id="phone-police", fields=("text", "contacts", "next")),)
    assert comparison.contacts.added == ("office-security",)
    assert comparison.contacts.changed == (ItemChange(id="police-non-emergency", fields=("name",)),)
    assert comparison.records.same


def test_a_step_that_changes_kind_names_the_fields_only_one_kind_has():
    template = fixture_registry().load("sample-threat")
    data = template.model_dump(by_alias=True)
    data["steps"] = [
        {k: v for k, v in step.items() if k not in ("roles", "outcomes", "reason_required")} | {"kind": "instruction"}
        if step["id"] == "second-opinion"
        else step
        for step in data["steps"]
    ]

    comparison = compare(template, Definition.model_validate(data))

    assert comparison.steps.changed == (
        ItemChange(id="second-opinion", fields=("kind", "roles", "outcomes", "reason_required")),
    )
