"""Checks an answer against its step and returns it in the one form a run stores (JSON
values only, so a run's events can be kept as JSON and replayed). A bad answer raises
`AnswerError` with a message for the worker, in GOV.UK style."""

from datetime import datetime, time
from typing import Any

from protocols.engine.problems import AnswerError
from protocols.engine.schema import Choice, DecisionStep, FreeText, Location, Number, QuestionStep, Time, YesNo

CONFIRMATIONS = {"instruction": "done", "information": "given"}


def normalise(step: Any, value: Any, *, role: str | None = None, note: str | None = None) -> Any:
    if isinstance(step, QuestionStep):
        if value is None or value == "":
            if step.optional:
                return None
            raise AnswerError(_missing(step), step=step.id)
        return _question(step, value)
    if isinstance(step, DecisionStep):
        return _decision(step, value, role, note)
    expected = CONFIRMATIONS.get(step.kind)
    if expected is None:
        raise AnswerError("The protocol has ended: there is nothing more to answer", step=step.id)
    if value != expected:
        raise AnswerError(f"Confirm this step with '{expected}'", step=step.id)
    return value


def _missing(step: QuestionStep) -> str:
    kind = step.answer.type
    if kind in ("yes_no", "choice"):
        return "Select an answer"
    return {"number": "Enter a number", "time": "Enter the time", "location": "Enter where the customer is"}.get(
        kind, "Enter an answer"
    )


def _question(step: QuestionStep, value: Any) -> Any:
    answer = step.answer
    if isinstance(answer, YesNo | Choice):
        if value not in {option.value for option in step.options()}:
            raise AnswerError(_missing(step), step=step.id)
        return value
    if isinstance(answer, FreeText):
        return _text(step, value, answer.max_length)
    if isinstance(answer, Number):
        return _number(step, value, answer)
    if isinstance(answer, Time):
        return _time(step, value)
    if isinstance(answer, Location):
        return _location(step, value)
    raise AnswerError("This question cannot be answered", step=step.id)  # pragma: no cover - schema is closed


def _text(step: QuestionStep, value: Any, max_length: int) -> str:
    if not isinstance(value, str) or not value.strip():
        raise AnswerError("Enter an answer", step=step.id)
    if len(value) > max_length:
        raise AnswerError(f"The answer must be {max_length} characters or fewer", step=step.id)
    return value.strip()


def _number(step: QuestionStep, value: Any, answer: Number) -> int | float:
    if isinstance(value, str):
        try:
            value = float(value.strip()) if "." in value else int(value.strip())
        except ValueError:
            raise AnswerError("Enter a number", step=step.id) from None
    if isinstance(value, bool) or not isinstance(value, int | float) or value != value:  # NaN is not a number
        raise AnswerError("Enter a number", step=step.id)
    if answer.whole and value != int(value):
        raise AnswerError("Enter a whole number", step=step.id)
    if answer.minimum is not None and value < answer.minimum:
        raise AnswerError(f"Enter a number {_plain(answer.minimum)} or more", step=step.id)
    if answer.maximum is not None and value > answer.maximum:
        raise AnswerError(f"Enter a number {_plain(answer.maximum)} or less", step=step.id)
    return int(value) if answer.whole else value


def _plain(number: float) -> str:
    return str(int(number)) if number == int(number) else str(number)


def _time(step: QuestionStep, value: Any) -> str:
    if isinstance(value, datetime | time):
        return value.isoformat(timespec="minutes")
    if isinstance(value, str):
        for parse in (time.fromisoformat, datetime.fromisoformat):
            try:
                return parse(value.strip()).isoformat(timespec="minutes")
            except ValueError:
                continue
    raise AnswerError("Enter the time, like 14:30, or the date and time, like 2026-11-22T14:30", step=step.id)


def _location(step: QuestionStep, value: Any) -> dict:
    if isinstance(value, str):
        value = {"description": value}
    if not isinstance(value, dict) or set(value) - {"description", "postcode"}:
        raise AnswerError("Enter where the customer is", step=step.id)
    description, postcode = value.get("description"), value.get("postcode")
    if not isinstance(description, str) or not description.strip():
        raise AnswerError("Enter where the customer is", step=step.id)
    if postcode is not None and not isinstance(postcode, str):
        raise AnswerError("Enter a postcode, like SW1A 2AH", step=step.id)
    return {"description": description.strip(), "postcode": postcode.strip().upper() if postcode else None}


def _decision(step: DecisionStep, value: Any, role: str | None, note: str | None) -> str:
    if role not in step.roles:
        names = " or ".join(r.replace("-", " ") for r in step.roles)
        raise AnswerError(f"Only a {names} can make this decision", step=step.id)
    if value not in {option.value for option in step.outcomes}:
        raise AnswerError("Select a decision", step=step.id)
    if step.reason_required and not (note and note.strip()):
        raise AnswerError("Enter the reason for the decision", step=step.id)
    return value


def label(step: Any, value: Any) -> str:
    """The answer as a person reads it ('Don't know' rather than 'dont-know')."""
    if value is None:
        return "Not given"
    for option in step.options():
        if option.value == value:
            return option.label
    if isinstance(value, dict):
        return ", ".join(part for part in (value.get("description"), value.get("postcode")) if part)
    return {"done": "Done", "given": "Given"}.get(value, str(value)) if isinstance(value, str) else str(value)
