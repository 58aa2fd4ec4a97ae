"""Turns pydantic's errors about a definition's shape into problems an author can act on:
said in words about steps and effects, at the line they were written."""

from typing import Any

from pydantic import ValidationError

from protocols.engine.loader import Path_, SourceMap, id_path
from protocols.engine.problems import Problem

LISTS = {"steps": "Step", "records": "Record", "contacts": "Contact"}


def at(data: Any, path: Path_) -> Any:
    """The value at a source-map path in raw data (None if there is none)."""
    node = data
    for part in path:
        if isinstance(node, dict):
            node = node.get(part)
        elif isinstance(node, list):
            if isinstance(part, int) and part < len(node):
                node = node[part]
            else:
                node = next((i for i in node if isinstance(i, dict) and i.get("id") == part), None)
        else:
            return None
    return node


def describe(path: Path_, data: Any) -> str:
    """'Step 'safe-now', effect 2 (create_task)' for ('steps', 'safe-now', 'effects', 1)."""
    if not path:
        return "The definition"
    if path[0] not in LISTS or len(path) < 2:
        return f"`{'.'.join(str(p) for p in path)}`"
    words = f"{LISTS[path[0]]} '{path[1]}'"
    rest = path[2:]
    while rest:
        name, rest = rest[0], rest[1:]
        if name in ("effects", "next") and rest and isinstance(rest[0], int):
            kind = "effect" if name == "effects" else "transition"
            words += f", {kind} {rest[0] + 1}"
            effect_type = at(data, (*path[: len(path) - len(rest) + 1], "type")) if name == "effects" else None
            words += f" ({effect_type})" if isinstance(effect_type, str) else ""
            rest = rest[1:]
        else:
            words += f", `{'.'.join(str(p) for p in (name, *rest))}`"
            break
    return words


def shape_problems(error: ValidationError, data: Any, source: SourceMap) -> list[Problem]:
    problems = []
    for detail in error.errors():
        path = id_path(data, detail["loc"])
        file, line = source.locate(path)
        problems.append(Problem(file, line, _message(detail, path, data)))
    return problems


def _message(detail: dict, path: Path_, data: Any) -> str:
    kind, ctx = detail["type"], detail.get("ctx", {})
    field = str(path[-1]) if path else ""
    where = describe(path[:-1], data)
    if field == "policy" and len(path) == 3 and path[0] == "steps":
        return f"{where} has no policy source: add `policy:` naming the seed section it follows"
    if kind == "missing":
        if len(path) >= 5 and path[2] == "effects":
            return f"Effect `{at(data, (*path[:-1], 'type'))}` on step '{path[1]}' is missing `{field}`"
        return f"{where} is missing `{field}`"
    if kind == "extra_forbidden":
        why = " (an end step has no way forward)" if field == "next" else ""
        return f"{where} cannot have `{field}`{why}"
    if kind == "union_tag_invalid":
        known = ctx.get("discriminator", "kind")
        return (
            f"{describe(path, data)}: `{ctx.get('tag')}` is not a known {known}; use one of {ctx.get('expected_tags')}"
        )
    if kind == "union_tag_not_found":
        return f"{describe(path, data)} needs {ctx.get('discriminator', 'a kind')}"
    return f"{describe(path, data)}: {detail['msg']}"
