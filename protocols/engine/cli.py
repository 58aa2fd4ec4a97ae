"""What the `validate_protocol` and `protocol_schema` commands do, as plain functions, so
they run and are tested without Django (the commands are thin wrappers)."""

import json
from pathlib import Path
from typing import TextIO

from pydantic.json_schema import models_json_schema

from protocols.engine.problems import Problem
from protocols.engine.registry import Registry
from protocols.engine.schema import Definition
from protocols.engine.validate import DEFINITIONS_ROOT, default_resolver, validate_file
from protocols.engine.variants import VariantFile


def definition_files(paths: list[str]) -> list[Path]:
    files: list[Path] = []
    for name in paths:
        path = Path(name)
        files += sorted(path.rglob("*.yaml")) if path.is_dir() else [path]
    return files


def validate(paths: list[str], template_roots: list[str], out: TextIO) -> list[Problem]:
    """Validates the files (folders are searched for *.yaml) or, given none, the whole
    registry of definitions with its ACTIVE choices. Writes each problem and a verdict."""
    extra = tuple(Path(root) for root in template_roots)
    if paths:
        files = definition_files(paths)
        problems = []
        for path in files:
            if not path.is_file():
                problems.append(Problem(str(path), 0, "There is no such file"))
                continue
            problems += validate_file(path, default_resolver(path, extra))
    else:
        registry = Registry(DEFINITIONS_ROOT, *extra)
        files, problems = registry.paths(), registry.check()
    problems = sorted(set(problems))
    for problem in problems:
        out.write(f"{problem}\n")
    if problems:
        out.write(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} in {len(files)} file(s).\n")
    else:
        out.write(f"{len(files)} file(s) checked: no problems.\n")
    return problems


def json_schema() -> dict:
    """One JSON Schema for editors: a full definition, or a local variant (`extends`)."""
    refs, top = models_json_schema([(Definition, "validation"), (VariantFile, "validation")], by_alias=True)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Haven protocol definition",
        "description": "protocols/definitions/<protocol-id>/<version>.yaml; see protocols/README.md",
        "anyOf": [refs[(Definition, "validation")], refs[(VariantFile, "validation")]],
        **top,
    }


def write_schema(out: TextIO) -> None:
    out.write(json.dumps(json_schema(), indent=2) + "\n")
