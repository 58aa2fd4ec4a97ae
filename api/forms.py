"""The form for making a personal API token. It only collects and checks what was typed;
the service decides and saves."""

from django import forms

from api.services import NAME_MAX_LENGTH
from consent.guard import CredentialGuardMixin
from core.forms import DATE_PARTS, GovukDateParts


class TokenCreateForm(CredentialGuardMixin, GovukDateParts, forms.Form):
    name = forms.CharField(
        max_length=NAME_MAX_LENGTH,
        error_messages={
            "required": "Enter a name for the token",
            "max_length": f"The name must be {NAME_MAX_LENGTH} characters or fewer",
        },
    )
    # The GOV.UK date input: three boxes; the message goes beside the first.
    expires_day = forms.CharField(label="Day", required=False, max_length=2)
    expires_month = forms.CharField(label="Month", required=False, max_length=2)
    expires_year = forms.CharField(label="Year", required=False, max_length=4)

    def clean(self):
        cleaned = super().clean()
        cleaned["expires_on"] = self.date_from_parts("expires", "The expiry date")
        return cleaned

    @property
    def expires_fields(self):
        return [self[f"expires_{part}"] for part in DATE_PARTS]

    @property
    def expires_errors(self) -> list[str]:
        return self.date_errors("expires")
