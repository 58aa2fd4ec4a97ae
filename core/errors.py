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
