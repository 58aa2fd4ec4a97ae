"""What validation reports, and the errors the engine raises. No Django here: the engine
is pure Python, so Haven's services translate these into `HavenError` at their edge."""

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with a definition, at the file and line an author should look at."""

    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


class DefinitionError(Exception):
    """A definition could not be loaded because it has problems (every one is listed)."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class RunError(Exception):
    """A run was asked to do something it cannot (answer after the end, replay a run of
    another version, change a step that was never answered). `message` is for a person."""

    def __init__(self, message: str, *, step: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.step = step


class AnswerError(RunError):
    """An answer does not fit the step's answer type. `step` names the step it belongs to."""
