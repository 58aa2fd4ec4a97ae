"""Forms for authorities and access records, laid out with crispy-forms-gds. Forms only
turn what was typed into values; consent/services.py owns every rule, and a service's
message goes back beside the field it names, keeping everything typed."""

from datetime import datetime, time

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size, Submit
from django import forms
from django.utils import timezone

from consent.guard import CredentialGuardMixin
from consent.models import Duration, Entry, Evidence, Scope
from core.forms import ShowsServiceErrors

TIME_HINT = "Use the 24-hour clock, for example 14:05"


class ConsentForm(CredentialGuardMixin, ShowsServiceErrors, forms.Form):
    """Consent forms: a service's messages beside their fields, aliases in FIELD_ALIASES."""


def _date_field(label: str, hint: str) -> DateInputField:
    field = DateInputField(label=label, help_text=hint, required=False, require_all_fields=False)
    field.error_messages["incomplete"] = f"{label} must include a day, month and year"
    field.error_messages["invalid"] = f"{label} must be a real date"
    return field


def _clock(value: str, message: str) -> time:
    try:
        hours, minutes = (int(part) for part in value.replace(".", ":").split(":"))
        return time(hours, minutes)
    except ValueError as exc:
        raise forms.ValidationError(message) from exc


class AuthorityForm(ConsentForm):
    FIELD_ALIASES = {"consent_given_at": "consent_time"}

    adviser = forms.ModelChoiceField(
        queryset=None,
        label="Which adviser is the client giving authority to?",
        empty_label="Choose an adviser",
        error_messages={
            "required": "Select the adviser the client is giving authority to",
            "invalid_choice": "Select the adviser the client is giving authority to",
        },
    )
    scope = forms.MultipleChoiceField(
        label="What does the client allow the adviser to do?",
        choices=Scope.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text="Select all that apply",
        error_messages={"required": "Select what the client allows the adviser to do"},
    )
    entries = forms.MultipleChoiceField(
        label="Which entries may the adviser make?",
        choices=Entry.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Only if the client allows the adviser to make specified entries",
    )
    purpose = forms.CharField(
        label="What is the authority for?",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text="For example, to challenge the decision of 3 March on her Universal Credit housing element",
        error_messages={
            "required": "Enter what the authority is for",
            "max_length": "The purpose must be 2000 characters or fewer",
        },
    )
    duration = forms.ChoiceField(
        label="How long does the authority last?",
        choices=Duration.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how long the authority lasts"},
    )
    ends_on = _date_field("End date", "If it lasts until a date: the last day it covers. For example, 27 3 2027")
    evidence = forms.ChoiceField(
        label="How did the client give their authority?",
        choices=Evidence.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how the client gave their authority"},
    )
    evidence_file = forms.FileField(
        label="Upload the signed form (if the client signed a form)",
        required=False,
        help_text="A PDF, or a photo or scan as PNG or JPEG, smaller than 5 MB",
    )
    signature_name = forms.CharField(
        label="If signed in person: the client's name, as they signed it", required=False, max_length=200
    )
    witness_name = forms.CharField(label="If verbal: name of the witness", required=False, max_length=200)
    consent_time = forms.CharField(
        label="If verbal: time the client gave consent today", required=False, max_length=5, help_text=TIME_HINT
    )

    def __init__(self, *args, advisers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["adviser"].queryset = advisers
        self.fields["adviser"].label_from_instance = lambda user: f"{user.display_name} ({user.organisation})"
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.label_size = Size.SMALL
        self.helper.legend_size = Size.SMALL
        self.helper.layout = Layout(
            Field.select("adviser"),
            Field.checkboxes("scope"),
            Field.checkboxes("entries"),
            Field.textarea("purpose"),
            # Plain radios with the follow-up questions after them, not conditional
            # reveals: the reveal script's ARIA on radios fails axe-core's checks.
            Field.radios("duration"),
            Field("ends_on"),
            Field.radios("evidence"),
            Field("evidence_file"),
            Field.text("signature_name"),
            Field.text("witness_name"),
            Field.text("consent_time", field_width=5),
            Submit("record", "Record the authority"),
        )

    def clean_consent_time(self):
        value = (self.cleaned_data.get("consent_time") or "").strip()
        if not value or self.data.get("evidence") != Evidence.VERBAL:
            return None
        moment = _clock(value, f"Enter the time as hours and minutes. {TIME_HINT}")
        return timezone.make_aware(datetime.combine(timezone.localdate(), moment))

    def values(self) -> dict:
        data = self.cleaned_data
        return {
            "adviser": data.get("adviser"),
            "scope": data.get("scope") or [],
            "entries": data.get("entries") or [],
            "purpose": data.get("purpose") or "",
            "duration": data.get("duration") or "",
            "ends_on": data.get("ends_on"),
            "evidence": data.get("evidence") or "",
            "evidence_file": data.get("evidence_file"),
            "signature_name": data.get("signature_name") or "",
            "witness_name": data.get("witness_name") or "",
            "consent_given_at": data.get("consent_time"),
        }


class RevokeForm(ConsentForm):
    note = forms.CharField(
        label="How did the client revoke it? (optional)",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example, by phone to the contact centre",
        error_messages={"max_length": "The note must be 4000 characters or fewer"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.label_size = Size.SMALL
        self.helper.layout = Layout(
            Field.textarea("note"), Submit("revoke", "Revoke the authority", css_class="govuk-button--warning")
        )


class AccessForm(ConsentForm):
    FIELD_ALIASES = {"acted_at": "acted_time"}

    action = forms.ChoiceField(
        label="What did you do for the client?",
        choices=Scope.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what you did for the client"},
    )
    entry = forms.ChoiceField(
        label="If you made an entry: which one?", choices=Entry.choices, widget=forms.RadioSelect, required=False
    )
    viewed = forms.CharField(
        label="What did you view?",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example, the journal entries from 1 to 14 March and the MR notice",
    )
    done = forms.CharField(
        label="What did you do?",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example, lodged a Mandatory Reconsideration of the decision of 3 March",
    )
    acted_time = forms.CharField(
        label="Time you acted today (optional)",
        required=False,
        max_length=5,
        help_text=f"Leave blank for now. {TIME_HINT}",
    )
    no_password_confirmed = forms.BooleanField(
        label="I confirm that I did not use, ask for or store the client's password",
        error_messages={"required": "Confirm that you did not use or store the client's password"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.label_size = Size.SMALL
        self.helper.legend_size = Size.SMALL
        self.helper.layout = Layout(
            Field.radios("action"),
            Field.radios("entry"),
            Field.textarea("viewed"),
            Field.textarea("done"),
            Field.text("acted_time", field_width=5),
            Field.checkbox("no_password_confirmed"),
            Submit("record", "Record this access"),
        )

    def clean_acted_time(self):
        value = (self.cleaned_data.get("acted_time") or "").strip()
        if not value:
            return None
        moment = _clock(value, f"Enter the time as hours and minutes. {TIME_HINT}")
        return timezone.make_aware(datetime.combine(timezone.localdate(), moment))

    def values(self) -> dict:
        data = self.cleaned_data
        return {
            "action": data.get("action") or "",
            "entry": data.get("entry") or "",
            "viewed": data.get("viewed") or "",
            "done": data.get("done") or "",
            "acted_at": data.get("acted_time"),
            "no_password_confirmed": bool(data.get("no_password_confirmed")),
        }
