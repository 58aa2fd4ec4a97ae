"""The disclosure decision form (crispy-forms-gds markup). The services judge the rules;
the form carries what was typed and turns it into the services' data.

Free-text fields (for the credential guard): at_risk_name, recipient_organisation,
recipient_person, purpose, reference_number, not_told_reason, correction_reason.
"""

import datetime as dt
import re

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import HTML, Field, Fieldset, Layout, Size, Submit
from django import forms
from django.utils import timezone

from accounts.forms.base import HavenForm, Radios
from disclosures import items as catalogue
from disclosures import lawful_basis as lb
from disclosures.models import AtRisk, Disclosure, DisclosureReview, Method, Recipient
from disclosures.validation import DATA_FIELDS, FREE_TEXT
from work.calendar import LONDON

FREE_TEXT_FIELDS = (*FREE_TEXT, "correction_reason")
TIME = re.compile(r"^\s*(\d{1,2})[:.](\d{2})\s*$")
CHECKBOXES = (
    "consent_explicit",
    "incapable_of_consent",
    "special_category",
    "risk_to_life",
    "legal_duty",
    "prevent_or_detect_crime",
    "under_18",
    "needs_care_and_support",
    "experiencing_or_at_risk_of_harm",
    "unable_to_protect_self",
    "emergency",
)


class GdsCheckboxes(forms.CheckboxSelectMultiple):
    """crispy-forms-gds numbers checkboxes from 1; the error summary links to the first."""

    def id_for_label(self, id_, index=None):
        return super(forms.CheckboxSelectMultiple, self).id_for_label(id_, "1" if index is None else index)


def _codes(enum, none: str | None = None) -> list[tuple[str, str]]:
    choices = [(member.value, lb.label(member.value)) for member in enum if member.value]
    return [*choices, ("", none)] if none else choices


def _radios(label: str, choices, message: str, **kwargs) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=choices,
        widget=Radios,
        required=False,
        error_messages={"invalid_choice": message},
        **kwargs,
    )


def _text(label: str, *, max_length: int = 200, textarea: bool = False, hint: str = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=max_length,
        help_text=hint,
        widget=forms.Textarea(attrs={"rows": 3}) if textarea else forms.TextInput,
        error_messages={"max_length": f"{label} must be {max_length} characters or fewer"},
    )


def _check(label: str, hint: str = "") -> forms.BooleanField:
    return forms.BooleanField(label=label, required=False, help_text=hint)


class DisclosureForm(HavenForm):
    at_risk = _radios("Who is at risk?", AtRisk.choices, "Choose who is at risk")
    at_risk_name = _text("Name of the child or third party at risk", hint="Leave blank if it is the customer")
    recipient_kind = _radios("Who was it shared with?", Recipient.choices, "Choose who it was shared with")
    recipient_organisation = _text("Organisation", hint="For example, Northumbria Police or Elm Street Surgery")
    recipient_person = _text("Person you spoke to or sent it to (optional)")
    method = _radios("How was it shared?", Method.choices, "Choose how it was shared")
    shared_on = DateInputField(label="Date it was shared", required=False, require_all_fields=False)
    shared_time = _text("Time it was shared", max_length=5, hint="For example, 14:05")
    items = forms.MultipleChoiceField(
        label="Which items of information were shared?",
        help_text="Select only what was shared. Haven records which items, not their values.",
        widget=GdsCheckboxes,
        required=False,
        error_messages={"invalid_choice": "Select only items Haven holds about this customer"},
    )
    purpose = _text("Why was it shared?", max_length=4000, textarea=True)
    reference_number = _text(
        "Reference number (optional)", max_length=100, hint="For example, a police incident number"
    )
    consent = _radios("Consent", _codes(lb.Consent), "Choose the customer's consent")
    consent_explicit = _check("The customer expressly agreed to this sharing, in words (explicit consent)")
    incapable_of_consent = _check(
        "The customer is physically or legally incapable of giving consent",
        "For example, unconscious or lacks capacity",
    )
    special_category = _check(
        "What was shared includes health or other special-category information",
        "Sharing a marker counts as this.",
    )
    article_6 = _radios("UK GDPR Article 6 basis", _codes(lb.Article6), "Choose an Article 6 basis")
    article_9 = _radios(
        "Article 9 condition (for health or special-category information)",
        _codes(lb.Article9, "None"),
        "Choose an Article 9 condition",
    )
    schedule_1 = _radios("DPA 2018 Schedule 1 condition", _codes(lb.Schedule1, "None"), "Choose a condition")
    risk_to_life = _check("There is a risk to someone's life or of serious injury")
    legal_duty = _check("A law requires this sharing (for example, a court order)")
    prevent_or_detect_crime = _check("The sharing is necessary to prevent or detect a crime")
    protection = _radios(
        "Safeguarding purpose (Schedule 1 paragraph 18)",
        _codes(lb.Protection, "Not applicable"),
        "Choose the safeguarding purpose",
    )
    under_18 = _check("The person at risk is under 18")
    needs_care_and_support = _check("They have needs for care and support")
    experiencing_or_at_risk_of_harm = _check("They are experiencing, or at risk of, neglect or harm")
    unable_to_protect_self = _check("Because of those needs they cannot protect themselves")
    para_18_reason = _radios(
        "Reason for going ahead without consent", _codes(lb.Para18Reason, "Not applicable"), "Choose a reason"
    )
    exemption = _radios("Exemption", _codes(lb.Exemption, "None"), "Choose an exemption")
    emergency = _check("This was an emergency: there was no time to get a second opinion first")
    second_opinion_by = forms.ModelChoiceField(
        label="Second opinion given by",
        queryset=None,
        required=False,
        empty_label="No second opinion",
        error_messages={"invalid_choice": "Choose a team leader, deputy manager or safeguarding lead"},
    )
    person_told = _radios("Was the customer told?", [("yes", "Yes"), ("no", "No")], "Choose yes or no")
    not_told_reason = _text("Why not?", max_length=2000, textarea=True)

    def __init__(self, *args, customer, advisers, correcting: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["items"].choices = [
            (item.code, f"{item.label} ({item.warning})" if item.warning else item.label)
            for item in catalogue.available_items(customer)
        ]
        self.fields["second_opinion_by"].queryset = advisers
        if correcting:
            self.fields["correction_reason"] = _text(
                "What was wrong with the original entry?", max_length=2000, textarea=True
            )
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = self._layout(correcting)

    def _layout(self, correcting: bool) -> Layout:
        radios = {
            name: Field.radios(name, legend_size=Size.SMALL, small=True)
            for name in (
                "at_risk",
                "recipient_kind",
                "method",
                "consent",
                "article_6",
                "article_9",
                "schedule_1",
                "protection",
                "para_18_reason",
                "exemption",
                "person_told",
            )
        }
        checks = {name: Field.checkbox(name, small=True) for name in CHECKBOXES}
        return Layout(
            *(["correction_reason"] if correcting else []),
            Fieldset(radios["at_risk"], "at_risk_name", legend="Who the information is about", legend_size=Size.MEDIUM),
            Fieldset(
                radios["recipient_kind"],
                "recipient_organisation",
                "recipient_person",
                radios["method"],
                "shared_on",
                Field.text("shared_time", field_width=5),
                legend="Recipient",
                legend_size=Size.MEDIUM,
            ),
            Fieldset(
                Field.checkboxes("items", legend_size=Size.SMALL, small=True),
                checks["special_category"],
                "purpose",
                "reference_number",
                legend="What was shared and why",
                legend_size=Size.MEDIUM,
            ),
            Fieldset(
                radios["consent"],
                checks["consent_explicit"],
                checks["incapable_of_consent"],
                legend="Consent",
                legend_size=Size.MEDIUM,
            ),
            Fieldset(
                HTML(
                    '<p class="govuk-body"><a class="govuk-link" href="{% url "disclosures:lawful_basis" %}" '
                    'target="_blank">Which combinations are valid (opens in a new tab)</a></p>'
                ),
                radios["article_6"],
                radios["article_9"],
                radios["schedule_1"],
                checks["risk_to_life"],
                checks["legal_duty"],
                checks["prevent_or_detect_crime"],
                radios["protection"],
                checks["under_18"],
                checks["needs_care_and_support"],
                checks["experiencing_or_at_risk_of_harm"],
                checks["unable_to_protect_self"],
                radios["para_18_reason"],
                radios["exemption"],
                legend="Lawful basis",
                legend_size=Size.MEDIUM,
            ),
            Fieldset(checks["emergency"], "second_opinion_by", legend="Decision", legend_size=Size.MEDIUM),
            Fieldset(radios["person_told"], "not_told_reason", legend="Telling the customer", legend_size=Size.MEDIUM),
            Submit("continue", "Continue"),
        )

    def clean(self):
        cleaned = super().clean()
        shared_on, text = cleaned.get("shared_on"), cleaned.get("shared_time") or ""
        match = TIME.match(text)
        if shared_on is None and not self.has_error("shared_on"):
            self.add_error("shared_on", "Enter the date it was shared")
        if not match or int(match[1]) > 23 or int(match[2]) > 59:
            self.add_error("shared_time", "Enter the time it was shared, for example 14:05")
        elif shared_on is not None:
            moment = dt.datetime.combine(shared_on, dt.time(int(match[1]), int(match[2])), tzinfo=LONDON)
            cleaned["shared_at"] = moment.astimezone(dt.UTC)
        if not cleaned.get("person_told"):
            self.add_error("person_told", "Choose whether the customer was told")
        return cleaned

    def data_for_service(self) -> dict:
        cleaned = dict(self.cleaned_data)
        cleaned["person_told"] = cleaned.get("person_told") == "yes"
        return {name: cleaned.get(name) for name in DATA_FIELDS}

    def add_service_errors(self, errors: dict[str, str]) -> None:
        for name, message in errors.items():
            name = "shared_on" if name == "shared_at" else name
            self.add_error(name if name in self.fields else None, message)


def initial_from(disclosure: Disclosure | None = None, prefill: dict | None = None) -> dict:
    """The form's starting values: an entry being corrected, or values prefilled by the
    caller (issue 8's emergency call will pass the recipient, time and reference)."""
    values = dict(prefill or {})
    if disclosure is not None:
        values.update({name: getattr(disclosure, name) for name in DATA_FIELDS})
        values["second_opinion_by"] = disclosure.second_opinion_by_id
    shared_at = values.pop("shared_at", None) or timezone.now()
    local = shared_at.astimezone(LONDON)
    values.setdefault("shared_on", local.date())
    values.setdefault("shared_time", local.strftime("%H:%M"))
    if "person_told" in values and isinstance(values["person_told"], bool):
        values["person_told"] = "yes" if values["person_told"] else "no"
    return values


class ReviewForm(HavenForm):
    outcome = _radios("Was the decision right?", DisclosureReview.Outcome.choices, "Choose whether it was right")
    note = _text("What you found", max_length=4000, textarea=True, hint="How it was handled, and anything to learn")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Field.radios("outcome", legend_size=Size.SMALL, small=True), "note", Submit("review", "Record the review")
        )
