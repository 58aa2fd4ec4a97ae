"""Filters of the disclosure register."""

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size, Submit
from django import forms

from disclosures import lawful_basis as lb
from disclosures.models import Recipient
from disclosures.selectors import RegisterFilters


class RegisterFilterForm(forms.Form):
    shared_from = DateInputField(label="Shared on or after", required=False, require_all_fields=False)
    shared_to = DateInputField(label="Shared on or before", required=False, require_all_fields=False)
    recipient_kind = forms.ChoiceField(label="Recipient", required=False, choices=[("", "Any"), *Recipient.choices])
    consent = forms.ChoiceField(
        label="Consent", required=False, choices=[("", "Any")] + [(c.value, lb.label(c.value)) for c in lb.Consent]
    )
    article_6 = forms.ChoiceField(
        label="Article 6 basis",
        required=False,
        choices=[("", "Any")] + [(c.value, lb.label(c.value)) for c in lb.Article6],
    )
    emergency_alone = forms.BooleanField(label="Emergency decisions taken alone", required=False)
    review_outstanding = forms.BooleanField(label="Review outstanding", required=False)
    case_number = forms.CharField(label="Case number", required=False, max_length=30)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True  # a GET form: a token must never end up in the address
        self.helper.label_size = Size.SMALL
        self.helper.layout = Layout(
            "shared_from",
            "shared_to",
            "recipient_kind",
            "consent",
            "article_6",
            Field.checkbox("emergency_alone", small=True),
            Field.checkbox("review_outstanding", small=True),
            Field.text("case_number"),
            Submit("filter", "Apply filters", css_class="govuk-button--secondary"),
        )

    def filters(self) -> RegisterFilters:
        if not self.is_bound or not self.is_valid():
            return RegisterFilters()
        return RegisterFilters(**{name: value for name, value in self.cleaned_data.items() if value})
