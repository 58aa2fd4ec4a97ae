"""Local variants: a file with `extends: <protocol-id>@<version>` that changes a template.

Seed 003 (Six Point Plan): "Local leaders have discretion to roll-out bespoke plans using
this template." A variant has its own id and version, and may change the title, source
and start, and override or add contacts, records and steps by id. An overridden item
keeps the template's fields it does not name; an item with a new id is added whole. The
merged result is validated as a whole, like any definition, and every problem still
points at the file and line where the offending part was written (template or variant).
"""

import copy
import re
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, Field

from protocols.engine.loader import Document, SourceMap, YamlProblem, load_file
from protocols.engine.problems import Problem

if TYPE_CHECKING:
    from protocols.engine.validate import Resolver

REF = re.compile(r"^([a-z0-9][a-z0-9-]*)@([A-Za-z0-9][A-Za-z0-9._-]*)$")
OWN = ("id", "version", "extends")
REPLACED = ("title", "source", "start")
MERGED = ("contacts", "records", "steps")
MAX_DEPTH = 5


def merge_variant(
    doc: Document, resolve: "Resolver | None", seen: tuple[str, ...] = ()
) -> tuple[dict | None, SourceMap, list[Problem]]:
    """The variant merged into its template, the merged source map, and any problems
    that stop the merge (the merged whole is validated by the caller)."""
    data, file = doc.data, doc.file
    ref = str(data.get("extends"))
    line = doc.source.locate(("extends",))[1]
    found = resolve(ref) if resolve and REF.match(ref) else None
    if not REF.match(ref):
        return None, doc.source, [Problem(file, line, f"`extends` must be <protocol-id>@<version>, not '{ref}'")]
    if ref in seen or len(seen) >= MAX_DEPTH:
        return None, doc.source, [Problem(file, line, f"`extends` goes round in a circle through {ref}")]
    if found is None:
        return None, doc.source, [Problem(file, line, f"`extends` names {ref}, which cannot be found")]
    try:
        base = load_file(found)
    except YamlProblem as problem:
        return None, doc.source, [Problem(problem.file, problem.line, problem.message)]
    problems: list[Problem] = []
    base_data, base_source = base.data, base.source
    if isinstance(base_data, dict) and base_data.get("extends"):
        base_data, base_source, problems = merge_variant(base, resolve, (*seen, ref))
    if not isinstance(base_data, dict):
        return None, doc.source, problems or [Problem(file, line, f"The template {ref} is not a definition")]
    for key in data:
        if key not in (*OWN, *REPLACED, *MERGED):
            where = doc.source.locate((key,))[1]
            problems.append(Problem(file, where, f"A variant cannot change `{key}`; it may change {_allowed()}"))
    merged, source = _merge(base_data, base_source, doc)
    return merged, source, problems


def _allowed() -> str:
    return ", ".join(f"`{k}`" for k in (*REPLACED, *MERGED))


def _merge(base: dict, base_source: SourceMap, doc: Document) -> tuple[dict, SourceMap]:
    merged = copy.deepcopy(base)
    source = SourceMap(
        entries=dict(base_source.entries),
        duplicates=[*base_source.duplicates, *doc.source.duplicates],
        default_file=doc.file,
    )
    source.entries[()] = doc.source.entries.get((), (doc.file, 1))
    for key in (*OWN, *REPLACED):
        if key in doc.data:
            merged[key] = doc.data[key]
            _take(source, doc.source, (key,))
    for key in MERGED:
        patches = doc.data.get(key)
        if isinstance(patches, list):
            merged[key] = _merge_list(merged.get(key) or [], patches, key, source, doc.source)
        elif patches is not None:
            merged[key] = patches  # not a list: the shape check reports it, at the variant's line
            _take(source, doc.source, (key,))
    return merged, source


def _merge_list(items: list, patches: list, key: str, source: SourceMap, patch_source: SourceMap) -> list[Any]:
    by_id = {item.get("id"): index for index, item in enumerate(items) if isinstance(item, dict)}
    result = list(items)
    for position, patch in enumerate(patches):
        patch_id = patch.get("id") if isinstance(patch, dict) else None
        if patch_id in by_id:
            index = by_id[patch_id]
            result[index] = {**result[index], **patch}
            # A problem with the item as a whole (a missing field after a changed kind) is
            # most likely the patch's doing: point at the variant.
            source.entries[(key, patch_id)] = patch_source.locate((key, patch_id))
            for field in patch:
                _take(source, patch_source, (key, patch_id, field))
        else:
            result.append(patch)
            _take(source, patch_source, (key, patch_id if patch_id is not None else position))
    return result


def _take(source: SourceMap, patch_source: SourceMap, prefix: tuple) -> None:
    """Lines under `prefix` now come from the variant: drop the template's, add the variant's."""
    size = len(prefix)
    for path in [p for p in source.entries if p[:size] == prefix]:
        del source.entries[path]
    for path, place in patch_source.entries.items():
        if path[:size] == prefix:
            source.entries[path] = place


class _StepPatch(BaseModel):
    """A step in a variant: its id, and the fields it overrides (or all fields, if new)."""

    model_config = ConfigDict(extra="allow")
    id: str


class VariantFile(BaseModel):
    """The shape of a variant file itself, for editors' JSON Schema (the merged result is
    validated as a full `Definition`)."""

    model_config = ConfigDict(extra="forbid")
    id: str
    version: str
    extends: str = Field(pattern=REF.pattern)
    title: str | None = None
    source: str | None = None
    start: str | None = None
    contacts: list[_StepPatch] = []
    records: list[_StepPatch] = []
    steps: list[_StepPatch] = []
