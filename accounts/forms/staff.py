"""Staff accounts: create, change, and the list's filters."""

from django import forms

from accounts.forms.base import HavenForm, Radios, text
from accounts.roles import Role
from accounts.selectors import teams_for_choice
from core.forms import GovukForm


class _TeamChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name}, {obj.office.name} ({obj.office.region.organisation.name})"


class StaffEditForm(HavenForm):
    first_name = text("First name", width="govuk-!-width-one-half", autocomplete="off", spellcheck="false")
    last_name = text("Last name", width="govuk-!-width-one-half", autocomplete="off", spellcheck="false")
    email = forms.CharField(
        label="Email address",
        required=False,
        max_length=254,
        widget=forms.EmailInput(
            attrs={"class": "govuk-!-width-two-thirds", "autocomplete": "off", "spellcheck": "false"}
        ),
        error_messages={"max_length": "Email address must be 254 characters or fewer"},
    )
    phone = text("Phone number", width="govuk-input--width-20", max_length=30, autocomplete="off")
    role = forms.ChoiceField(
        label="Role",
        choices=Role.choices,
        widget=Radios,
        error_messages={"required": "Select the person's role", "invalid_choice": "Select the person's role"},
    )
    team = _TeamChoice(
        queryset=teams_for_choice(),
        label="Team",
        required=False,
        empty_label="Not in a team",
        error_messages={"invalid_choice": "Select the person's team"},
    )
    is_home_based = forms.BooleanField(
        label="Works from home",
        required=False,
        help_text="Home-based workers join a real-time support group at the start of each day.",
    )


class StaffCreateForm(StaffEditForm):
    username = text(
        "Username",
        width="govuk-input--width-20",
        max_length=150,
        hint="They sign in with this. Letters, numbers and @ . + - _ only.",
        autocomplete="off",
        spellcheck="false",
    )
    password = forms.CharField(
        label="First password",
        required=False,
        help_text="At least 12 characters. Give it to them in person; they must set up their "
        "authenticator app when they first sign in.",
        # Never sent back to the browser: after an error the administrator types it again.
        widget=forms.PasswordInput(attrs={"class": "govuk-!-width-one-half", "autocomplete": "new-password"}),
    )

    field_order = ["username", "first_name", "last_name", "email", "phone", "role", "team", "is_home_based", "password"]


class StaffFilterForm(GovukForm, forms.Form):
    """The staff list's search. Any value that is not a choice is ignored, not an error:
    a filter should never stop the list from showing."""

    STATUS_CHOICES = [("", "Active and deactivated"), ("active", "Active"), ("deactivated", "Deactivated")]

    q = forms.CharField(label="Name or username", required=False, max_length=100)
    role = forms.ChoiceField(label="Role", required=False, choices=[("", "Any role"), *Role.choices])
    team = _TeamChoice(queryset=teams_for_choice(), label="Team", required=False, empty_label="Any team")
    status = forms.ChoiceField(label="Status", required=False, choices=STATUS_CHOICES)

    def filters(self) -> dict:
        # After validation cleaned_data holds the fields that were valid; a filter that
        # was not is left out.
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        status = data.get("status", "")
        return {
            "query": data.get("q", ""),
            "role": data.get("role", ""),
            "team": data.get("team"),
            "active": {"active": True, "deactivated": False}.get(status),
        }
