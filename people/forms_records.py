"""Forms for the customer record pages. They only collect what was typed and turn the
GOV.UK date input (`core.forms.DateInputField`) into a date; every rule about a customer
is the service's to judge, so its messages reach the page unchanged (see
`HavenForm.add_haven_errors`)."""

from django import forms
from django.utils import timezone

from accounts.forms.base import HavenForm, Radios, text
from core.errors import InvalidInput
from core.forms import DateInputField, GovukForm
from core.nations import Nation
from people import validation
from people.models import CustomerName, CustomerReference
from people.services import IDENTITY_FIELDS


class RecordForm(HavenForm):
    """A customer record form; a service's messages go beside their fields (HavenForm)."""


class IdentityForm(RecordForm):
    """Identity and contact details, as the create and edit pages ask for them."""

    given_names = text("First names", autocomplete="off", spellcheck="false")
    family_name = text("Last name", autocomplete="off", spellcheck="false")
    date_of_birth = DateInputField(label="Date of birth", hint="For example, 31 3 1980")
    ni_number = text(
        "National Insurance number",
        width="govuk-input--width-10",
        hint="It's on the customer's National Insurance card, benefit letter, payslip or P60. For example, "
        "'QQ 12 34 56 C'",
        max_length=13,
        spellcheck="false",
    )
    address_line_1 = text("Address line 1", autocomplete="off")
    address_line_2 = text("Address line 2 (optional)", autocomplete="off")
    town = text("Town or city", width="govuk-!-width-two-thirds", autocomplete="off", max_length=100)
    postcode = text("Postcode", width="govuk-input--width-10", autocomplete="off", max_length=10)
    nation = forms.ChoiceField(
        label="Nation",
        choices=Nation.choices,
        required=False,
        widget=Radios,
        help_text="The nation decides bank holidays and where to signpost the customer.",
        error_messages={"invalid_choice": "Select the nation the customer lives in"},
    )
    phone = text("Phone number", width="govuk-input--width-20", autocomplete="off", max_length=30)
    email = text("Email address", autocomplete="off", spellcheck="false", max_length=254)
    phone.widget.input_type = "tel"
    email.widget.input_type = "email"

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            # A date that is not real stops the form before the service is called. Check
            # the other fields now, with the service's own rules, so the worker sees every
            # problem at once instead of one more after each submission.
            fields = {name: cleaned[name] for name in IDENTITY_FIELDS if name in cleaned}
            try:
                validation.clean_identity(fields, today=timezone.localdate())
            except InvalidInput as problems:
                for name, message in problems.errors.items():
                    if name not in self.errors:
                        self.add_error(name, message)
        return cleaned

    def identity(self) -> dict:
        """The cleaned values in the shape the services take."""
        data = dict(self.cleaned_data)
        data.pop("version", None)
        data.pop("confirmed_new_person", None)
        return data


class CustomerCreateForm(IdentityForm):
    # Set by the "Is this the same person?" page: the worker has seen the possible
    # duplicates and said this is someone new.
    confirmed_new_person = forms.BooleanField(required=False, widget=forms.HiddenInput)


class CustomerEditForm(IdentityForm):
    # Optimistic locking: the version of the record this form was opened at.
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class NameAddForm(RecordForm):
    kind = forms.ChoiceField(
        label="What kind of name is this?",
        choices=CustomerName.Kind.choices,
        required=False,
        widget=Radios,
        error_messages={"invalid_choice": "Select what kind of name this is"},
    )
    given_names = text("First names they used", spellcheck="false")
    family_name = text("Last name they used", spellcheck="false")
    used_until = DateInputField(label="Date they stopped using it (optional)", hint="For example, 31 3 2015")


class ReferenceAddForm(RecordForm):
    kind = forms.ChoiceField(
        label="What kind of reference is this?",
        choices=CustomerReference.Kind.choices,
        required=False,
        widget=Radios,
        error_messages={"invalid_choice": "Select the kind of reference"},
    )
    value = text("Reference", width="govuk-input--width-20", max_length=50, spellcheck="false")


class SearchForm(GovukForm, forms.Form):
    q = forms.CharField(
        label="Search for a customer",
        required=False,
        max_length=200,
        help_text="Name, date of birth, National Insurance number, reference, case number or postcode. "
        'For example, "Sam Green 2/11/1979" or "SW1A 1AA".',
        widget=forms.TextInput(
            attrs={"class": "govuk-!-width-two-thirds", "autocomplete": "off", "spellcheck": "false"}
        ),
    )
    q.widget.input_type = "search"
