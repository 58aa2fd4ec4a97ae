"""The form for making a personal API token. It only collects and checks what was typed;
the service decides and saves."""

from datetime import date

from django import forms

from api.services import NAME_MAX_LENGTH

DATE_PARTS = ("expires_day", "expires_month", "expires_year")


class TokenCreateForm(forms.Form):
    name = forms.CharField(
        max_length=NAME_MAX_LENGTH,
        error_messages={
            "required": "Enter a name for the token",
            "max_length": f"The name must be {NAME_MAX_LENGTH} characters or fewer",
        },
    )
    # The GOV.UK date input: three boxes; the message goes beside the first.
    expires_day = forms.CharField(required=False, max_length=2)
    expires_month = forms.CharField(required=False, max_length=2)
    expires_year = forms.CharField(required=False, max_length=4)

    def clean(self):
        cleaned = super().clean()
        parts = [(cleaned.get(name) or "").strip() for name in DATE_PARTS]
        cleaned["expires_on"] = None
        if not any(parts):
            return cleaned
        if not all(parts):
            self.add_error("expires_day", "The expiry date must include a day, month and year")
            return cleaned
        try:
            day, month, year = (int(part) for part in parts)
            cleaned["expires_on"] = date(year, month, day)
        except ValueError:
            self.add_error("expires_day", "The expiry date must be a real date")
        return cleaned
