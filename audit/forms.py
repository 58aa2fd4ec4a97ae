"""The audit search form: GOV.UK date inputs (day, month, year) for the date range."""

from crispy_forms_gds.layout import Field
from django import forms

from audit import codes
from audit.selectors import AuditFilters
from core.forms import DateInputField, GovukForm, grid_row

DATE_HINT = "For example, 27 3 2026"


def _search_text(label: str, max_length: int, width: str, **kwargs) -> forms.CharField:
    widget = forms.TextInput(attrs={"class": width, "spellcheck": "false"})
    return forms.CharField(label=label, required=False, max_length=max_length, widget=widget, **kwargs)


class AuditSearchForm(GovukForm, forms.Form):
    label_size = None  # a search form: plain labels

    person_ref = _search_text("Person reference", 64, "govuk-input--width-20", strip=True)
    target_type = _search_text("Record type", 60, "govuk-input--width-20", help_text="For example, accounts.user")
    target_id = _search_text("Record ID", 64, "govuk-input--width-10", help_text="For example, 12")
    actor = _search_text("Username of the member of staff", 150, "govuk-input--width-20")
    action = forms.ChoiceField(
        label="Action", required=False, choices=[("", "Any action"), *[(code, code) for code in sorted(codes.ACTIONS)]]
    )
    # The boxes are named from_day ... to_year; "from" is a Python keyword, so added by name.
    to = DateInputField(label="To date", hint=DATE_HINT)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["from"] = DateInputField(label="From date", hint=DATE_HINT)

    def govuk_layout(self) -> list:
        return [
            grid_row(
                [Field.text("person_ref"), Field.text("actor"), Field.select("action")],
                [Field.text("target_type"), Field.text("target_id")],
            ),
            grid_row([Field("from")], [Field("to")]),
        ]

    def clean(self):
        cleaned = super().clean()
        date_from, date_to = cleaned.get("from"), cleaned.get("to")
        if date_from and date_to and date_to < date_from:
            self.add_error("to", "To date must be the same as or after the from date")
        if cleaned.get("target_id") and not cleaned.get("target_type"):
            self.add_error("target_type", "Enter the record type, for example accounts.user")
        cleaned["date_from"], cleaned["date_to"] = date_from, date_to
        return cleaned

    def filters(self) -> AuditFilters:
        data = self.cleaned_data
        return AuditFilters(
            person_ref=data["person_ref"],
            target_type=data["target_type"],
            target_id=data["target_id"],
            actor=data["actor"],
            action=data["action"],
            date_from=data["date_from"],
            date_to=data["date_to"],
        )
