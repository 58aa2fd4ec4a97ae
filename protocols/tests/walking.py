"""Walking a run to its end by the shortest way: used by the property tests (after their
random answers) and by the benchmark."""

from protocols.engine import Run
from protocols.engine.answers import CONFIRMATIONS
from protocols.engine.conditions import answer_tests, holds


def thresholds(definition, step_id: str) -> list[float]:
    """Numbers on either side of every limit a condition puts on this step's answer."""
    found = []
    for step in definition.steps:
        conditions = [t.when for t in getattr(step, "next", []) if t.when] + [e.when for e in step.effects if e.when]
        for condition in conditions:
            for test, _ in answer_tests(condition):
                if test.answer == step_id:
                    found += [v for v in (test.at_least, test.below) if v is not None]
                    found += [v - 1 for v in (test.at_least, test.below) if v is not None]
    return found


def candidate_answers(definition, step) -> list:
    """A few valid answers for a step, enough to try every way out of it."""
    if step.kind in CONFIRMATIONS:
        return [CONFIRMATIONS[step.kind]]
    if step.options():
        return [option.value for option in step.options()]
    kind = step.answer.type
    extra = [None] if step.optional else []
    if kind == "number":
        low = step.answer.minimum if step.answer.minimum is not None else -1000
        high = step.answer.maximum if step.answer.maximum is not None else 1000
        numbers = [n for n in [low, high, 0, 1, 2, *thresholds(definition, step.id)] if low <= n <= high]
        return [int(n) for n in numbers if n == int(n)] + extra if step.answer.whole else numbers + extra
    return [{"text": "Some words", "time": "14:30", "location": "At home"}[kind], *extra]


def about(step) -> dict:
    return {"role": step.roles[0], "note": "The reason"} if step.kind == "decision" else {}


def distances_to_end(definition) -> dict[str, int]:
    distance = {s.id: 0 for s in definition.steps if s.kind == "end"}
    changed = True
    while changed:
        changed = False
        for step in definition.steps:
            ahead = [distance[t.goto] + 1 for t in getattr(step, "next", []) if t.goto in distance]
            if ahead and min(ahead) < distance.get(step.id, 10**9):
                distance[step.id], changed = min(ahead), True
    return distance


def step_towards_end(run: Run, distance: dict[str, int]) -> None:
    """Answers the current step with whichever answer leads closest to an end."""
    step = run.step

    def target(value) -> int:
        answers = {**run.answers, step.id: value}
        goto = next(t.goto for t in step.next if t.when is None or holds(t.when, answers))
        return distance[goto]

    run.answer(min(candidate_answers(run.definition, step), key=target), **about(step))
