"""The form for making a personal API token. It only collects and checks what was typed;
the service decides and saves."""

from django import forms

from api.services import NAME_MAX_LENGTH
from consent.guard import CredentialGuardMixin
from core.forms import DateInputField, GovukForm


class TokenCreateForm(CredentialGuardMixin, GovukForm, forms.Form):
    name = forms.CharField(
        label="Name",
        max_length=NAME_MAX_LENGTH,
        help_text="So you can tell your tokens apart, for example ‘Weekly report script’",
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        error_messages={
            "required": "Enter a name for the token",
            "max_length": f"The name must be {NAME_MAX_LENGTH} characters or fewer",
        },
    )
    # The boxes are named expires_day, expires_month and expires_year.
    expires = DateInputField(
        label="Expiry date (optional)",
        name="The expiry date",
        hint="The token stops working at the end of this day. For example, 31 3 2027. "
        "Leave it blank for a token that works until you revoke it.",
    )

    def clean(self):
        cleaned = super().clean()
        cleaned["expires_on"] = cleaned.get("expires")
        return cleaned
