"""Conditions on earlier answers, used by transitions (`when:` on `next`) and effects.

{answer: safe-now, is: not-safe}          the answer to step safe-now is not-safe
{answer: safe-now, in: [not-safe, unsure]}
{answer: people-with, at_least: 2}        number answers: at_least / below
{all: [...]} {any: [...]} {not: {...}}
"""

from collections.abc import Iterator, Mapping
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag, model_validator


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class AnswerTest(_Model):
    answer: str = Field(description="The id of the question or decision step whose answer is tested.")
    is_: str | None = Field(None, alias="is", description="The answer is exactly this value.")
    in_: list[str] | None = Field(None, alias="in", min_length=1, description="The answer is one of these values.")
    at_least: float | None = Field(None, description="A number answer is at least this.")
    below: float | None = Field(None, description="A number answer is below this.")

    @model_validator(mode="after")
    def _one_test(self) -> "AnswerTest":
        given = [name for name in ("is_", "in_", "at_least", "below") if getattr(self, name) is not None]
        if len(given) != 1:
            raise ValueError("a condition on an answer needs exactly one of `is`, `in`, `at_least` or `below`")
        return self

    def values(self) -> list[str]:
        return [self.is_] if self.is_ is not None else list(self.in_ or [])


class AllOf(_Model):
    all: list["Condition"] = Field(min_length=1)


class AnyOf(_Model):
    any: list["Condition"] = Field(min_length=1)


class NotOf(_Model):
    not_: "Condition" = Field(alias="not")


def _condition_kind(value: Any) -> str:
    if isinstance(value, Mapping):
        for key, tag in (("all", "all_of"), ("any", "any_of"), ("not", "not_of")):
            if key in value:
                return tag
        return "answer_test"
    return {AllOf: "all_of", AnyOf: "any_of", NotOf: "not_of"}.get(type(value), "answer_test")


Condition = Annotated[
    Annotated[AnswerTest, Tag("answer_test")]
    | Annotated[AllOf, Tag("all_of")]
    | Annotated[AnyOf, Tag("any_of")]
    | Annotated[NotOf, Tag("not_of")],
    Discriminator(_condition_kind),
]
for _model in (AllOf, AnyOf, NotOf):
    _model.model_rebuild()


def holds(condition: Condition, answers: Mapping[str, Any]) -> bool:
    """Whether `condition` holds for the latest answers on the run's path. A step not
    answered on the path (validation makes that impossible) makes a test false."""
    if isinstance(condition, AnswerTest):
        if condition.answer not in answers:
            return False
        value = answers[condition.answer]
        if condition.is_ is not None:
            return value == condition.is_
        if condition.in_ is not None:
            return value in condition.in_
        if not isinstance(value, int | float):
            return False
        return value >= condition.at_least if condition.at_least is not None else value < condition.below
    if isinstance(condition, AllOf):
        return all(holds(part, answers) for part in condition.all)
    if isinstance(condition, AnyOf):
        return any(holds(part, answers) for part in condition.any)
    return not holds(condition.not_, answers)


def answer_tests(condition: Condition, path: tuple = ()) -> Iterator[tuple[AnswerTest, tuple]]:
    """Every answer test inside a condition, with its path below the condition."""
    if isinstance(condition, AnswerTest):
        yield condition, path
    elif isinstance(condition, AllOf | AnyOf):
        key = "all" if isinstance(condition, AllOf) else "any"
        for index, part in enumerate(getattr(condition, key)):
            yield from answer_tests(part, (*path, key, index))
    else:
        yield from answer_tests(condition.not_, (*path, "not"))
