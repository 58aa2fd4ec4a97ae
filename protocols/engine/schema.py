"""The typed shape of a protocol definition (see protocols/README.md for the format).

Pydantic checks the shape of each part; `validate.py` checks how the parts fit together
(references, reachability, conditions). Models are frozen: a loaded definition is a
value, shared by every run that follows it.
"""

from functools import cached_property
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from protocols.engine.conditions import Condition
from protocols.engine.effects import Effect

Id = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=80)]
Text = Annotated[str, Field(min_length=1)]
# Role values are those of accounts.roles.Role, repeated so the engine needs no Django.
DecidingRole = Literal["team-leader", "deputy-manager", "safeguarding-lead"]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


# Answer types ---------------------------------------------------------------------------


class Option(Model):
    value: Id
    label: Text


class YesNo(Model):
    """Yes, no or don't know: the values are `yes`, `no` and `dont-know`."""

    type: Literal["yes_no"]


class Choice(Model):
    type: Literal["choice"]
    options: list[Option] = Field(min_length=2)


class FreeText(Model):
    type: Literal["text"]
    max_length: int = Field(5000, ge=1)


class Number(Model):
    type: Literal["number"]
    minimum: float | None = None
    maximum: float | None = None
    whole: bool = Field(False, description="Only whole numbers (e.g. how many children).")
    unit: str | None = None


class Time(Model):
    """A time (14:30) or a date and time (2026-11-22T14:30); stored in ISO 8601."""

    type: Literal["time"]


class Location(Model):
    """Where the customer is: a description, optionally with a postcode."""

    type: Literal["location"]


AnswerType = Annotated[YesNo | Choice | FreeText | Number | Time | Location, Field(discriminator="type")]
YES_NO = (
    Option(value="yes", label="Yes"),
    Option(value="no", label="No"),
    Option(value="dont-know", label="Don't know"),
)


# Steps ----------------------------------------------------------------------------------


class Guidance(Model):
    """Shown beside the step, e.g. the Six Point Plan's conversation guidance."""

    note: str | None = None
    do: list[Text] = []
    dont: list[Text] = []


class Transition(Model):
    when: Condition | None = Field(None, description="Follow this transition only if the condition holds.")
    goto: Id


class _Step(Model):
    id: Id
    text: Text = Field(description="What the worker sees.")
    guidance: Text | Guidance | None = None
    policy: Text = Field(description="The policy source: seed and section, e.g. 'DA Plan, Section A'.")
    records: list[Id] = Field([], description="Ids of records (top-level `records`) this step requires.")
    contacts: list[Id] = Field([], description="Ids of contacts (top-level `contacts`) shown with this step.")
    effects: list[Effect] = []
    next: list[Transition] = Field([], description="Checked in order; the first that holds is followed.")

    def options(self) -> tuple[Option, ...]:
        return ()


class QuestionStep(_Step):
    kind: Literal["question"]
    answer: AnswerType
    optional: bool = Field(False, description="The worker may go on without an answer (e.g. police reference).")

    def options(self) -> tuple[Option, ...]:
        if isinstance(self.answer, YesNo):
            return YES_NO
        return tuple(self.answer.options) if isinstance(self.answer, Choice) else ()


class InstructionStep(_Step):
    """Something the worker does and confirms (answer `done`)."""

    kind: Literal["instruction"]


class InformationStep(_Step):
    """Something the worker tells the customer and confirms (answer `given`)."""

    kind: Literal["information"]


class DecisionStep(_Step):
    """A decision reserved to a role; the answer is one of `outcomes`, with a reason."""

    kind: Literal["decision"]
    roles: list[DecidingRole] = Field(min_length=1)
    outcomes: list[Option] = Field(min_length=2)
    reason_required: bool = True

    def options(self) -> tuple[Option, ...]:
        return tuple(self.outcomes)


class EndStep(Model):
    kind: Literal["end"]
    id: Id
    text: Text
    guidance: Text | Guidance | None = None
    policy: Text
    records: list[Id] = []
    contacts: list[Id] = []
    effects: list[Effect] = []

    def options(self) -> tuple[Option, ...]:
        return ()


Step = Annotated[QuestionStep | InstructionStep | InformationStep | DecisionStep | EndStep, Field(discriminator="kind")]
ANSWERED_KINDS = ("question", "decision")


# The definition -------------------------------------------------------------------------


class Record(Model):
    """A record the worker must complete, e.g. the contact notes or a declaration form."""

    id: Id
    title: Text
    items: list[Text] = Field([], description="What the record must hold.")
    due_working_days: int | None = Field(None, ge=0)


class Contact(Model):
    id: Id
    name: Text
    phone: str | None = None
    website: str | None = None
    nation: Literal["england", "wales", "scotland", "northern-ireland"] | None = None
    note: str | None = None


class Definition(Model):
    id: Id
    version: Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$", max_length=40)]
    title: Text
    source: Text = Field(description="The policy document this protocol follows.")
    extends: str | None = Field(None, description="A local variant: `<protocol-id>@<version>` of its template.")
    start: Id
    records: list[Record] = []
    contacts: list[Contact] = []
    steps: list[Step] = Field(min_length=1)

    @cached_property
    def step_map(self) -> dict[str, QuestionStep | InstructionStep | InformationStep | DecisionStep | EndStep]:
        return {step.id: step for step in self.steps}

    @cached_property
    def record_map(self) -> dict[str, Record]:
        return {record.id: record for record in self.records}

    @cached_property
    def effect_keys(self) -> dict[int, str]:
        return {id(effect): effect.key() for step in self.steps for effect in step.effects}

    def effect_key(self, effect: BaseModel) -> str:
        return self.effect_keys[id(effect)]

    @property
    def ref(self) -> str:
        return f"{self.id}@{self.version}"
