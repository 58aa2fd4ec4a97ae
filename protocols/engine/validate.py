"""Validation: everything wrong with a definition file, each with its file and line.

`validate_file` never raises for a bad definition; `load_definition` raises
`DefinitionError` listing every problem. Shape problems come from the pydantic models
(`shape.py`); how the parts fit together is checked here.
"""

from collections.abc import Callable
from pathlib import Path

from pydantic import ValidationError

from protocols.engine.conditions import AnswerTest, Condition, answer_tests
from protocols.engine.graph import closed_loops, dominators, reachable
from protocols.engine.loader import Document, Path_, SourceMap, YamlProblem, load_file
from protocols.engine.problems import DefinitionError, Problem
from protocols.engine.schema import ANSWERED_KINDS, Definition, QuestionStep
from protocols.engine.shape import shape_problems

DEFINITIONS_ROOT = Path(__file__).resolve().parent.parent / "definitions"
Resolver = Callable[[str], Path | None]
KIND_WORDS = {"instruction": "an instruction", "information": "information to give", "end": "an end step"}


def roots_resolver(roots: list[Path]) -> Resolver:
    """Finds `<id>@<version>` as `<root>/<id>/<version>.yaml` in the first root that has it."""

    def resolve(ref: str) -> Path | None:
        protocol_id, _, version = ref.partition("@")
        for root in roots:
            candidate = Path(root) / protocol_id / f"{version}.yaml"
            if candidate.is_file():
                return candidate
        return None

    return resolve


def default_resolver(path: Path, extra_roots: tuple[Path, ...] = ()) -> Resolver:
    # A file laid out as <root>/<id>/<version>.yaml finds its template beside it first.
    return roots_resolver([*extra_roots, Path(path).resolve().parent.parent, DEFINITIONS_ROOT])


def compile_document(doc: Document, resolve: Resolver | None = None) -> tuple[Definition | None, list[Problem]]:
    from protocols.engine.variants import merge_variant  # variants compile their template through here

    data, source = doc.data, doc.source
    if not isinstance(data, dict):
        return None, [Problem(doc.file, 1, "A protocol definition is a mapping: id, version, title, steps…")]
    problems: list[Problem] = []
    if data.get("extends"):
        data, source, problems = merge_variant(doc, resolve)
        if data is None:
            return None, problems
    problems += [Problem(file, line, message) for file, line, message in source.duplicates]
    try:
        definition = Definition.model_validate(data)
    except ValidationError as error:
        return None, problems + shape_problems(error, data, source)
    problems += check(definition, source)
    return definition, sorted(set(problems), key=lambda p: (p.file, p.line, p.message))


def compile_file(path: Path | str, resolve: Resolver | None = None) -> tuple[Definition | None, list[Problem]]:
    try:
        doc = load_file(path)
    except YamlProblem as problem:
        return None, [Problem(problem.file, problem.line, problem.message)]
    return compile_document(doc, resolve or default_resolver(Path(path)))


def validate_file(path: Path | str, resolve: Resolver | None = None) -> list[Problem]:
    return compile_file(path, resolve)[1]


def load_definition(path: Path | str, resolve: Resolver | None = None) -> Definition:
    definition, problems = compile_file(path, resolve)
    if problems or definition is None:
        raise DefinitionError(problems)
    return definition


def check(definition: Definition, source: SourceMap) -> list[Problem]:
    """How the parts of a well-shaped definition fit together."""
    problems: list[Problem] = []

    def add(path: Path_, message: str) -> None:
        problems.append(Problem(*source.locate(path), message))

    steps = definition.step_map
    edges = {s.id: [t.goto for t in getattr(s, "next", []) if t.goto in steps] for s in definition.steps}
    _check_references(definition, add)
    if definition.start not in steps:
        add(("start",), f"`start` names '{definition.start}', which is not a step in this protocol")
        return problems
    order = reachable(edges, definition.start)
    for step in definition.steps:
        if step.id not in order:
            add(("steps", step.id), f"Step '{step.id}' cannot be reached from the start ('{definition.start}')")
    for group in closed_loops(edges, order):
        names = ", ".join(f"'{name}'" for name in group)
        add(("steps", group[0]), f"Steps {names} form a loop with no way out to an end step")
    _check_answer_uses(definition, dominators(edges, definition.start), add)
    return problems


def _check_references(definition: Definition, add: Callable[[Path_, str], None]) -> None:
    steps, contacts = definition.step_map, {c.id for c in definition.contacts}
    for step in definition.steps:
        base = ("steps", step.id)
        for index, transition in enumerate(getattr(step, "next", [])):
            if transition.goto not in steps:
                message = f"Step '{step.id}' goes to '{transition.goto}', which is not a step in this protocol"
                add((*base, "next", index, "goto"), message)
            if index and step.next[index - 1].when is None:
                add(
                    (*base, "next", index),
                    f"Step '{step.id}', transition {index + 1} is never followed: the one before it has no `when`",
                )
        for record in step.records:
            if record not in definition.record_map:
                add((*base, "records"), f"Step '{step.id}' requires record '{record}', which is not in `records`")
        for contact in step.contacts:
            if contact not in contacts:
                add((*base, "contacts"), f"Step '{step.id}' shows contact '{contact}', which is not in `contacts`")
        if step.kind != "end":
            _check_way_forward(step, steps, add)


def _check_way_forward(step, steps: dict, add: Callable[[Path_, str], None]) -> None:
    if not step.next:
        add(("steps", step.id), f"Step '{step.id}' has no way forward: add `next`, or make it an end step")
        return
    if any(t.when is None for t in step.next):
        return
    tests = [t.when for t in step.next]
    targets = {t.answer for t in tests if isinstance(t, AnswerTest)}
    if len(targets) == 1 and all(isinstance(t, AnswerTest) and t.values() for t in tests):
        target = steps.get(targets.pop())
        covered = {value for t in tests for value in t.values()}
        required = target is not None and not getattr(target, "optional", False)
        if required and {o.value for o in target.options()} <= covered:
            return
    message = f"Step '{step.id}' has no way forward when none of its conditions hold: add a last `next` with no `when`"
    add(("steps", step.id, "next"), message)


def _check_answer_uses(definition: Definition, dom: dict[str, set[str]], add: Callable[[Path_, str], None]) -> None:
    steps = definition.step_map

    def uses(holder: str, condition: Condition | None, path: Path_) -> None:
        if condition is None:
            return
        for test, below in answer_tests(condition):
            problem = _test_problem(test, steps) or _order_problem(test.answer, holder, dom, steps)
            if problem:
                add((*path, *below, "answer"), f"Condition on '{test.answer}' in step '{holder}': {problem}")

    for step in definition.steps:
        base = ("steps", step.id)
        for index, transition in enumerate(getattr(step, "next", [])):
            uses(step.id, transition.when, (*base, "next", index, "when"))
        for index, effect in enumerate(step.effects):
            uses(step.id, effect.when, (*base, "effects", index, "when"))
            for field, ref in effect.answer_refs().items():
                problem = _ref_problem(ref, steps) or _order_problem(ref, step.id, dom, steps)
                if problem:
                    add((*base, "effects", index, field), f"Effect `{effect.type}` on step '{step.id}': {problem}")


def _kind_problem(ref: str, steps: dict) -> str | None:
    target = steps.get(ref)
    if target is None:
        return f"'{ref}' is not a step in this protocol"
    if target.kind not in ANSWERED_KINDS:
        return f"'{ref}' is {KIND_WORDS[target.kind]}, not a question: it has no answer to test"
    return None


def _test_problem(test: AnswerTest, steps: dict) -> str | None:
    problem = _kind_problem(test.answer, steps)
    if problem:
        return problem
    target = steps[test.answer]
    numeric = isinstance(target, QuestionStep) and target.answer.type == "number"
    if test.at_least is not None or test.below is not None:
        return None if numeric else f"'{test.answer}' is not a number question"
    offered = [option.value for option in target.options()]
    if not offered:
        return f"'{test.answer}' takes a {target.answer.type} answer: conditions test only choices and numbers"
    for value in test.values():
        if value not in offered:
            return f"'{value}' is not one of its answers ({', '.join(offered)})"
    return None


def _ref_problem(ref: str, steps: dict) -> str | None:
    problem = _kind_problem(ref, steps)
    return problem.replace(": it has no answer to test", "") if problem else None


def _order_problem(ref: str, holder: str, dom: dict[str, set[str]], steps: dict) -> str | None:
    if holder in dom and ref in steps and ref not in dom[holder]:
        return f"'{ref}' is not always answered before '{holder}'"
    return None


def validate_paths(paths: list[Path], resolve: Resolver | None = None) -> list[Problem]:
    problems: list[Problem] = []
    for path in paths:
        problems += validate_file(path, resolve)
    return problems


__all__ = ["DefinitionError", "compile_file", "load_definition", "validate_file", "validate_paths"]
