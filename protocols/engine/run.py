"""A run: one worker following one protocol version, step by step.

The state of a run is a function of its events (answers, changed answers, completed
records), applied in order by `apply`, the only method that changes a run. So a run
stored as JSON (`to_json`) and replayed (`Run.replay`) reproduces the same state exactly,
and history is never lost: changing an earlier answer is a new event, and the steps
after it are walked again. Effects, once raised, stay raised (the rest of Haven may
already have acted on them); each is raised at most once per run.

The engine keeps no clock and knows no users: `by` and `at` are stored as given.
"""

from dataclasses import dataclass, field
from typing import Any

from protocols.engine.answers import CONFIRMATIONS, label, normalise
from protocols.engine.conditions import holds
from protocols.engine.effects import Effect
from protocols.engine.problems import RunError
from protocols.engine.schema import Definition, Record


@dataclass(frozen=True)
class RaisedEffect:
    effect: Effect
    step: str
    event: int  # the event that raised it
    filled: dict = field(default_factory=dict)  # answers named by the effect's `*_step` fields

    def as_dict(self) -> dict:
        effect = self.effect.model_dump(mode="json", by_alias=True, exclude={"when"})
        return {"effect": effect, "step": self.step, "event": self.event, "filled": self.filled}


class Run:
    def __init__(self, definition: Definition) -> None:
        self.definition = definition
        self.events: list[dict] = []
        self.path: list[tuple[str, Any, int]] = []  # (step, answer, event index) on the route taken now
        self.answers: dict[str, Any] = {}  # the latest answer of each step on the path
        self.current: str = definition.start
        self.effects: list[RaisedEffect] = []
        self.completed_records: dict[str, int] = {}
        self._effect_keys: set[str] = set()

    # Starting and replaying -------------------------------------------------------------

    @classmethod
    def start(cls, definition: Definition) -> "Run":
        run = cls(definition)
        run._arrive(definition.start, event=-1)
        return run

    @classmethod
    def replay(cls, definition: Definition, stored: dict | list[dict]) -> "Run":
        """Rebuilds a run from `to_json()` output (or a bare event list)."""
        if isinstance(stored, dict):
            pinned = (stored.get("protocol"), stored.get("version"))
            if pinned != (definition.id, definition.version):
                raise RunError(f"This run followed {pinned[0]} version {pinned[1]}, not {definition.ref}")
            stored = stored["events"]
        run = cls.start(definition)
        for event in stored:
            run.apply(dict(event))
        return run

    def to_json(self) -> dict:
        return {"protocol": self.definition.id, "version": self.definition.version, "events": list(self.events)}

    # Reading ----------------------------------------------------------------------------

    @property
    def step(self) -> Any:
        return self.definition.step_map[self.current]

    @property
    def finished(self) -> bool:
        return self.step.kind == "end"

    def changeable_steps(self) -> list[str]:
        """Answered steps on the path, which the worker may go back to and change."""
        return list(dict.fromkeys(step for step, _, _ in self.path))

    def required_records(self) -> list[Record]:
        ids = [r for step, _, _ in self.path for r in self.definition.step_map[step].records]
        if self.finished:
            ids += self.step.records
        return [self.definition.record_map[r] for r in dict.fromkeys(ids)]

    def outstanding_records(self) -> list[Record]:
        return [record for record in self.required_records() if record.id not in self.completed_records]

    # Acting (each builds one event and applies it) --------------------------------------

    def answer(self, value: Any, *, step: str | None = None, **about: str | None) -> None:
        """Answers the current step. `step`, if given, must be the current one (a page
        submitted twice must not answer the next step). `about`: role, note, by, at."""
        self.apply({"type": "answer", "step": step or self.current, "value": value, **_about(about)})

    def confirm(self, **about: str | None) -> None:
        """Confirms an instruction ('done') or information given ('given')."""
        self.answer(CONFIRMATIONS.get(self.step.kind), **about)

    def change(self, step: str, value: Any, **about: str | None) -> None:
        """Goes back to change the answer of an answered step; the steps after it are walked again."""
        self.apply({"type": "change", "step": step, "value": value, **_about(about)})

    def complete_record(self, record: str, *, by: str | None = None, at: str | None = None) -> None:
        self.apply({"type": "record", "record": record, "by": by, "at": at})

    def apply(self, event: dict) -> None:
        kind = event.get("type")
        if kind == "record":
            if event.get("record") not in self.definition.record_map:
                raise RunError(f"There is no record '{event.get('record')}' in this protocol")
            self.events.append(event)
            self.completed_records.setdefault(event["record"], len(self.events) - 1)
            return
        if kind not in ("answer", "change"):
            raise RunError(f"Unknown event type '{kind}'")
        step_id = event.get("step")
        if kind == "answer" and step_id != self.current:
            raise RunError(f"'{step_id}' is not the current step ('{self.current}')", step=step_id)
        if kind == "change" and step_id not in self.answers:
            raise RunError(f"'{step_id}' has not been answered, so there is nothing to change", step=step_id)
        step = self.definition.step_map[step_id]
        value = normalise(step, event.get("value"), role=event.get("role"), note=event.get("note"))
        self.events.append({**event, "value": value})
        index = len(self.events) - 1
        if kind == "change":
            last = max(i for i, (s, _, _) in enumerate(self.path) if s == step_id)
            del self.path[last:]
            self.answers = {s: v for s, v, _ in self.path}
        self.path.append((step_id, value, index))
        self.answers[step_id] = value
        self._raise(step, index)
        self._arrive(self._next(step), index)

    # Internals --------------------------------------------------------------------------

    def _next(self, step: Any) -> str:
        for transition in step.next:
            if transition.when is None or holds(transition.when, self.answers):
                return transition.goto
        raise RunError(f"Step '{step.id}' has no way forward for these answers")  # validation prevents this

    def _arrive(self, step_id: str, event: int) -> None:
        self.current = step_id
        if self.definition.step_map[step_id].kind == "end":
            self._raise(self.definition.step_map[step_id], event)

    def _raise(self, step: Any, event: int) -> None:
        for effect in step.effects:
            if effect.when is not None and not holds(effect.when, self.answers):
                continue
            key = self.definition.effect_key(effect)
            if key not in self._effect_keys:
                self._effect_keys.add(key)
                filled = {
                    name.removesuffix("_step"): self.answers.get(ref) for name, ref in effect.answer_refs().items()
                }
                self.effects.append(RaisedEffect(effect, step.id, event, filled))

    # What a run adds up to --------------------------------------------------------------

    def state(self) -> dict:
        """Everything a run is, as plain data: two runs with equal states are the same run."""
        return {
            "protocol": self.definition.ref,
            "current": self.current,
            "path": [list(entry) for entry in self.path],
            "effects": [raised.as_dict() for raised in self.effects],
            "completed_records": dict(self.completed_records),
            "events": list(self.events),
        }

    def summary(self) -> dict:
        steps, on_path = self.definition.step_map, {index for _, _, index in self.path}
        superseded = [
            {"step": e["step"], "answer": e["value"], "label": label(steps[e["step"]], e["value"]), "event": i}
            for i, e in enumerate(self.events)
            if e["type"] in ("answer", "change") and i not in on_path
        ]
        return {
            "protocol": self.definition.id,
            "version": self.definition.version,
            "title": self.definition.title,
            "finished": self.finished,
            "current_step": self.current,
            "answers": [
                {"step": s, "text": steps[s].text, "answer": v, "label": label(steps[s], v), "event": i}
                for s, v, i in self.path
            ],
            "superseded": superseded,
            "effects": [raised.as_dict() for raised in self.effects],
            "records": {
                "required": [r.id for r in self.required_records()],
                "completed": list(self.completed_records),
                "outstanding": [r.id for r in self.outstanding_records()],
            },
        }


def _about(about: dict) -> dict:
    unknown = set(about) - {"role", "note", "by", "at"}
    if unknown:
        raise TypeError(f"Unknown details: {', '.join(sorted(unknown))}")
    return {name: about.get(name) for name in ("role", "note", "by", "at")}
