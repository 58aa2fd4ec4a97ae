"""Property-based: random workers on every definition found (the fixtures, and every real
definition in protocols/definitions as soon as it is written). Whatever they answer,
change or get wrong, each run ends at an end step, asks for every record its steps
require, raises only well-formed effects once each, and replays to the same state."""

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter

from protocols.engine import AnswerError, Run
from protocols.engine.effects import Effect
from protocols.tests.helpers import every_definition
from protocols.tests.walking import about, candidate_answers, distances_to_end, step_towards_end

DEFINITIONS = {definition.ref: definition for definition in every_definition()}
EFFECT = TypeAdapter(Effect)
RANDOM_ACTIONS = 40
FINISHING_LIMIT = 500
BAD = {"yes_no": "not-an-option", "choice": "not-an-option", "text": {"bad": 1}, "number": "many"}
BAD |= {"time": "later", "location": {"bad": 1}}


def valid_answer(definition, step):
    if step.kind == "question" and step.answer.type in ("text", "number", "time", "location"):
        kind, answer = step.answer.type, step.answer
        if kind == "text":
            strategy = st.text(alphabet="abc xyz", min_size=1, max_size=min(20, answer.max_length))
            strategy = strategy.filter(str.strip)
        elif kind == "number":
            low = -1000 if answer.minimum is None else answer.minimum
            high = 1000 if answer.maximum is None else answer.maximum
            strategy = st.integers(int(low), int(high)) if answer.whole else st.floats(low, high, allow_nan=False)
        elif kind == "time":
            strategy = st.times().map(lambda t: t.isoformat(timespec="minutes"))
        else:
            strategy = st.builds(lambda d: {"description": d, "postcode": None}, st.sampled_from(["Home", "Car"]))
        return st.one_of(strategy, st.sampled_from(candidate_answers(definition, step)))
    return st.sampled_from(candidate_answers(definition, step))


def act_at_random(run: Run, data) -> None:
    action = data.draw(st.sampled_from(["answer"] * 4 + ["change", "record", "bad"]))
    step = run.step
    if action == "change" and run.changeable_steps():
        earlier = run.definition.step_map[data.draw(st.sampled_from(run.changeable_steps()))]
        run.change(earlier.id, data.draw(valid_answer(run.definition, earlier)), **about(earlier))
    elif action == "record" and run.definition.records:
        run.complete_record(data.draw(st.sampled_from([r.id for r in run.definition.records])))
    elif action == "bad":
        before = run.state()
        bad = BAD[step.answer.type] if step.kind == "question" else "nope"
        with pytest.raises(AnswerError):
            run.answer(bad, **about(step))
        assert run.state() == before
    else:
        run.answer(data.draw(valid_answer(run.definition, step)), **about(step))


def assert_run_is_sound(run: Run) -> None:
    definition = run.definition
    assert run.finished
    assert run.step.kind == "end"
    route = [step for step, _, _ in run.path] + [run.current]
    for here, there in zip(route, route[1:], strict=False):
        assert there in [t.goto for t in definition.step_map[here].next]
    required = {r.id for r in run.required_records()}
    for step_id in route:
        assert set(definition.step_map[step_id].records) <= required
    assert {r.id for r in run.outstanding_records()} == required - set(run.completed_records)
    answered = {event["step"] for event in run.events if "step" in event} | {definition.start, run.current}
    keys = [raised.effect.key() for raised in run.effects]
    assert len(keys) == len(set(keys))
    for raised in run.effects:
        assert EFFECT.validate_python(raised.as_dict()["effect"]).key() == raised.effect.key()
        assert raised.step in answered or raised.step in route
        assert raised.effect in definition.step_map[raised.step].effects
        assert set(raised.filled) == {name.removesuffix("_step") for name in raised.effect.answer_refs()}
    replayed = Run.replay(definition, json.loads(json.dumps(run.to_json())))
    assert replayed.state() == run.state()


@pytest.mark.parametrize("ref", list(DEFINITIONS))
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_any_sequence_of_answers_ends_soundly_and_replays(ref, data):
    definition = DEFINITIONS[ref]
    run = Run.start(definition)
    for _ in range(data.draw(st.integers(0, RANDOM_ACTIONS))):
        if run.finished:
            break
        act_at_random(run, data)
    distance = distances_to_end(definition)
    for _ in range(FINISHING_LIMIT):
        if run.finished:
            break
        step_towards_end(run, distance)

    assert_run_is_sound(run)


def test_every_definition_found_is_walked():
    assert set(DEFINITIONS) >= {"sample-safety@1", "sample-threat@1", "sample-threat-local@1"}
