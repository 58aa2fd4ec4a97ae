"""Comparing two versions of a protocol step by step, for the safeguarding leads' review
page (issue 4: "They can compare two versions step by step"). Pure Python, no Django.

Steps, records and contacts are matched by id: an id only in the newer version is added,
an id only in the older is removed, and an id in both is changed if any of its fields
differ (the fields are named, so the page can show old beside new). Local variants are
compared as loaded, that is merged into their template: what a worker would follow.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from protocols.engine.schema import Definition

# The order fields are listed in, as an author reads a step; any other field follows.
STEP_FIELDS = (
    "kind",
    "text",
    "guidance",
    "policy",
    "answer",
    "optional",
    "roles",
    "outcomes",
    "reason_required",
    "records",
    "contacts",
    "effects",
    "next",
)
HEADER_FIELDS = ("title", "source", "extends", "start")


@dataclass(frozen=True)
class ItemChange:
    """An item (step, record or contact) in both versions whose `fields` differ."""

    id: str
    fields: tuple[str, ...]


@dataclass(frozen=True)
class ItemsDiff:
    added: tuple[str, ...]  # ids, in the newer version's order
    removed: tuple[str, ...]  # ids, in the older version's order
    changed: tuple[ItemChange, ...]  # in the newer version's order
    unchanged: tuple[str, ...]

    @property
    def same(self) -> bool:
        return not (self.added or self.removed or self.changed)


@dataclass(frozen=True)
class Comparison:
    old: Definition
    new: Definition
    header: tuple[str, ...]  # title, source, extends or start, where they differ
    steps: ItemsDiff
    records: ItemsDiff
    contacts: ItemsDiff

    @property
    def same(self) -> bool:
        return not self.header and self.steps.same and self.records.same and self.contacts.same


def compare(old: Definition, new: Definition) -> Comparison:
    """What changed from `old` to `new` (normally two versions of one protocol)."""
    return Comparison(
        old=old,
        new=new,
        header=tuple(name for name in HEADER_FIELDS if getattr(old, name) != getattr(new, name)),
        steps=diff_items(old.steps, new.steps, STEP_FIELDS),
        records=diff_items(old.records, new.records),
        contacts=diff_items(old.contacts, new.contacts),
    )


def diff_items(old: Sequence[Any], new: Sequence[Any], order: Sequence[str] = ()) -> ItemsDiff:
    """Items (steps, records, contacts: anything with an `id`) matched by id."""
    old_by_id = {item.id: item for item in old}
    new_ids = {item.id for item in new}
    added: list[str] = []
    changed: list[ItemChange] = []
    unchanged: list[str] = []
    for item in new:
        before = old_by_id.get(item.id)
        if before is None:
            added.append(item.id)
            continue
        fields = changed_fields(before, item, order)
        if fields:
            changed.append(ItemChange(id=item.id, fields=fields))
        else:
            unchanged.append(item.id)
    removed = tuple(item.id for item in old if item.id not in new_ids)
    return ItemsDiff(added=tuple(added), removed=removed, changed=tuple(changed), unchanged=tuple(unchanged))


def changed_fields(old: BaseModel, new: BaseModel, order: Sequence[str] = ()) -> tuple[str, ...]:
    """The names of the fields whose values differ. A field one kind of step has and the
    other has not (`answer` when a question becomes an instruction) counts as changed."""
    before, after = _values(old), _values(new)
    names = [name for name in order if name in before or name in after]
    names += sorted((before.keys() | after.keys()) - set(names) - {"id"})
    return tuple(name for name in names if before.get(name) != after.get(name))


def _values(item: BaseModel) -> dict[str, Any]:
    # JSON-shaped values, so a default left out in one file and written in the other
    # compares equal, and conditions compare by what they say rather than by their class.
    return item.model_dump(mode="json", by_alias=True)
