"""The one application error type.

Services raise `HavenError` when a rule is broken. Its message is written for the person
using Haven, so views and the API show it as it is. `field` names the form field the
message belongs beside, when there is one.
"""


class HavenError(Exception):
    def __init__(self, message: str, *, field: str | None = None, code: str = "invalid") -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.code = code

    def __str__(self) -> str:
        return self.message


class NotAllowed(HavenError):
    """The acting person's role does not allow this. Views answer 403; the API answers 403."""

    def __init__(self, message: str = "You do not have permission to do that.") -> None:
        super().__init__(message, code="forbidden")


class InvalidInput(HavenError):
    """Several fields are wrong at once: every message is shown beside its field, so the
    person fixes everything in one go instead of one error per submission."""

    def __init__(self, errors: dict[str, str]) -> None:
        field, message = next(iter(errors.items()))
        super().__init__(message, field=field)
        self.errors = dict(errors)


class EditConflict(HavenError):
    """Someone else saved the record since this person opened it (optimistic locking)."""

    def __init__(self, *, current: dict[str, str], message: str | None = None) -> None:
        super().__init__(
            message
            or "Someone else changed this record while you were editing it. Their version is shown below; "
            "check it, then make your changes again.",
            code="conflict",
        )
        self.current = current


def field_errors(exc: HavenError) -> dict[str, str]:
    """{field: message} for any HavenError, for forms and the API alike."""
    if isinstance(exc, InvalidInput):
        return exc.errors
    return {exc.field or "__all__": exc.message}


class NotFound(HavenError):
    """The record does not exist, or the person may not know that it does (answer 404)."""

    def __init__(self, message: str = "That record was not found.") -> None:
        super().__init__(message, code="not-found")
