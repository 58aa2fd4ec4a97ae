"""Reads a definition file into plain data and a map from places in it to line numbers.

YAML 1.1 (what PyYAML implements) reads `no` as false, `14:30` as the number 870 and
`2022-03-10` as a date. In a protocol those are an answer value, a time and a version, so
the loader resolves plain scalars as YAML 1.2's core schema does instead: only
true/false are booleans, numbers are plain decimals, and there are no implicit dates.
It is still a safe loader: no Python objects can be constructed.

Places are paths of keys. Items of the `steps`, `records` and `contacts` lists are keyed by
their `id` rather than their position, so a problem found after a variant has been merged
into its base can still be traced to the file and line it came from.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

Path_ = tuple[str | int, ...]
ID_KEYED_LISTS = frozenset({"steps", "records", "contacts"})


# libyaml's parser when PyYAML was built with it (about ten times faster); same results.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class CoreLoader(_SafeLoader):
    """SafeLoader with YAML 1.2 core-schema scalars (see module docstring)."""

    yaml_implicit_resolvers: dict = {}


for _tag, _pattern, _first in [
    ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("int", r"^[-+]?[0-9]+$", "-+0123456789"),
    ("float", r"^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)(?:[eE][-+]?[0-9]+)?$", "-+.0123456789"),
    ("null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("merge", r"^(?:<<)$", "<"),
]:
    CoreLoader.add_implicit_resolver(f"tag:yaml.org,2002:{_tag}", re.compile(_pattern), list(_first))


@dataclass
class SourceMap:
    """Where each place of a (possibly merged) definition was written: path -> (file, line)."""

    entries: dict[Path_, tuple[str, int]] = field(default_factory=dict)
    # Places written twice (a repeated key, or two list items with the same id): file, line, message.
    duplicates: list[tuple[str, int, str]] = field(default_factory=list)
    default_file: str = ""

    def locate(self, path: Path_) -> tuple[str, int]:
        """The file and line of `path`, or of the nearest enclosing place that has one."""
        for end in range(len(path), -1, -1):
            found = self.entries.get(tuple(path[:end]))
            if found:
                return found
        return self.default_file, 1


@dataclass
class Document:
    file: str
    data: Any
    source: SourceMap


class YamlProblem(Exception):
    def __init__(self, file: str, line: int, message: str) -> None:
        super().__init__(message)
        self.file, self.line, self.message = file, line, message


def load_text(text: str, file: str) -> Document:
    """Parses one YAML document. A syntax error raises `YamlProblem` with its line."""
    loader = CoreLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        context = f", {error.context} on line {error.context_mark.line + 1}" if error.context_mark else ""
        raise YamlProblem(file, line, f"This is not valid YAML: {error.problem}{context}") from None
    finally:
        loader.dispose()
    source = SourceMap(default_file=file)
    if node is not None:
        source.entries[()] = (file, node.start_mark.line + 1)
        _walk(node, (), file, source)
    return Document(file=file, data=data, source=source)


def load_file(path: Path | str) -> Document:
    path = Path(path)
    return load_text(path.read_text(encoding="utf-8"), str(path))


def _walk(node: yaml.Node, path: Path_, file: str, source: SourceMap) -> None:
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = key_node.value
            place = (*path, key)
            line = key_node.start_mark.line + 1
            if key in seen:
                source.duplicates.append((file, line, f"`{key}` is written twice here"))
            seen.add(key)
            source.entries[place] = (file, line)
            _walk(value_node, place, file, source)
    elif isinstance(node, yaml.SequenceNode):
        keyed = len(path) == 1 and path[0] in ID_KEYED_LISTS
        seen_ids: set[str] = set()
        for index, item in enumerate(node.value):
            key: str | int = index
            item_id = _scalar_id(item) if keyed else None
            if item_id is not None:
                if item_id in seen_ids:
                    message = f"Two {path[0]} have the id '{item_id}'"
                    source.duplicates.append((file, item.start_mark.line + 1, message))
                    continue  # the first one keeps the id's lines
                seen_ids.add(item_id)
                key = item_id
            source.entries[(*path, key)] = (file, item.start_mark.line + 1)
            _walk(item, (*path, key), file, source)


def _scalar_id(node: yaml.Node) -> str | None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if key_node.value == "id" and isinstance(value_node, yaml.ScalarNode):
                return str(value_node.value)
    return None


def id_path(data: Any, loc: tuple[str | int, ...]) -> Path_:
    """Turns a pydantic error location (list positions, union tags) into a source-map path
    (ids for id-keyed lists, no tags), following the data it describes."""
    path: list[str | int] = []
    node = data
    for part in loc:
        if isinstance(node, dict) and part in node:
            node = node[part]
            path.append(part)
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            item = node[part]
            keyed = len(path) == 1 and path[0] in ID_KEYED_LISTS
            item_id = item.get("id") if keyed and isinstance(item, dict) else None
            path.append(str(item_id) if isinstance(item_id, str | int) else part)
            node = item
        elif isinstance(node, dict | list):
            continue  # a union tag or a missing key: not a place in the data
        else:
            break
    missing = loc[-1] if loc and isinstance(loc[-1], str) and isinstance(node, dict) else None
    return (*path, missing) if missing and missing not in node else tuple(path)
