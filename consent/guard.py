"""The credential guard for Django: a validator for form fields and a check for services.

Every free-text input in Haven uses both: the form's validator puts the message beside the
field as the person types, and the service's check means the API and commands cannot go
round it (architecture.md: "every free-text input goes through the credential guard").
This module imports nothing from other Haven apps, so any app may use it.
"""

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible

from consent.credential_guard import find_credential
from core.errors import InvalidInput

MESSAGE = (
    "This looks like a password, PIN, memorable word or security answer. Haven never stores "
    "them, not even in notes: remove it. If the customer shared one, ask them to change it."
)


@deconstructible
class NoCredentials:
    """A Django validator: refuses text that looks like a password or security answer."""

    message = MESSAGE
    code = "credential"

    def __call__(self, value) -> None:
        if isinstance(value, str) and find_credential(value):
            raise ValidationError(self.message, code=self.code)

    def __eq__(self, other) -> bool:
        return isinstance(other, NoCredentials)

    def __hash__(self) -> int:
        return hash(self.code)


no_credentials = NoCredentials()


def credential_errors(**fields) -> dict[str, str]:
    """{field: message} for every given text that looks like a credential."""
    return {name: MESSAGE for name, value in fields.items() if isinstance(value, str) and find_credential(value)}


def require_no_credentials(**fields) -> None:
    """For services: raises InvalidInput naming every field that looks like a credential,
    before anything is written."""
    errors = credential_errors(**fields)
    if errors:
        raise InvalidInput(errors)


class CredentialGuardMixin:
    """A form mixin: every text field of the form gets the guard's validator. Put it
    first among the bases: `class MyForm(CredentialGuardMixin, forms.Form)`."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        from django import forms

        for field in self.fields.values():
            # A staff member's own password field is not free text about a customer.
            if isinstance(field.widget, forms.PasswordInput):
                continue
            if isinstance(field, forms.CharField) and no_credentials not in field.validators:
                field.validators.append(no_credentials)
