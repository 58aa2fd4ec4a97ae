"""The audit search form: GOV.UK date inputs (day, month, year) for the date range."""

from django import forms

from audit import codes
from audit.selectors import AuditFilters
from core.forms import GovukDateParts


class AuditSearchForm(GovukDateParts, forms.Form):
    person_ref = forms.CharField(label="Person reference", required=False, max_length=64, strip=True)
    target_type = forms.CharField(
        label="Record type", required=False, max_length=60, help_text="For example, accounts.user"
    )
    target_id = forms.CharField(label="Record ID", required=False, max_length=64, help_text="For example, 12")
    actor = forms.CharField(label="Username of the member of staff", required=False, max_length=150)
    action = forms.ChoiceField(
        label="Action", required=False, choices=[("", "Any action"), *[(code, code) for code in sorted(codes.ACTIONS)]]
    )
    from_day = forms.CharField(label="Day", required=False, max_length=2)
    from_month = forms.CharField(label="Month", required=False, max_length=2)
    from_year = forms.CharField(label="Year", required=False, max_length=4)
    to_day = forms.CharField(label="Day", required=False, max_length=2)
    to_month = forms.CharField(label="Month", required=False, max_length=2)
    to_year = forms.CharField(label="Year", required=False, max_length=4)

    def clean(self):
        cleaned = super().clean()
        date_from = self.date_from_parts("from", "From date")
        date_to = self.date_from_parts("to", "To date")
        if date_from and date_to and date_to < date_from:
            self.add_error("to_day", "To date must be the same as or after the from date")
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
