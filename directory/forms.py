"""Forms for the directory pages, rendered with crispy-forms-gds. Forms only turn what was
typed into values; the services own every rule and their messages go beside the field."""

from crispy_forms_gds.choices import Choice
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size, Submit
from django import forms

from consent.guard import CredentialGuardMixin
from core.forms import ShowsServiceErrors
from core.nations import Nation
from directory import postcodes
from directory.models import Need, SendChannel
from directory.services import EntryDetails

ANY = [("", "Any need")]
ANY_NATION = [("", "From the postcode, or any nation")]


class HavenGdsForm(ShowsServiceErrors, forms.Form):
    """Directory forms build their own crispy-forms-gds helper (`_helper`)."""


def _helper(*fields, button: str = "", method: str = "post") -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    helper.form_method = method
    layout = list(fields)
    if button:
        layout.append(Submit("submit", button))
    helper.layout = Layout(*layout)
    return helper


class SearchForm(HavenGdsForm):
    need = forms.ChoiceField(label="Need", choices=ANY + list(Need.choices), required=False)
    nation = forms.ChoiceField(label="Nation", choices=ANY_NATION + list(Nation.choices), required=False)
    postcode = forms.CharField(
        label="Postcode", required=False, max_length=10, help_text="The customer's postcode, for local organisations"
    )
    q = forms.CharField(label="Words to search for", required=False, max_length=100, help_text="For example, Galop")

    def __init__(self, *args, prefix_ids: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        if prefix_ids:
            self.auto_id = f"{prefix_ids}-%s"
        self.helper = _helper(
            Field.select("need"),
            Field.select("nation"),
            Field.text("postcode", field_width=10),
            Field.text("q", field_width=20),
            method="get",
        )


class EntryForm(CredentialGuardMixin, HavenGdsForm):
    name = forms.CharField(label="Organisation's name", required=False, max_length=200)
    description = forms.CharField(
        label="What it offers", required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )
    needs = forms.MultipleChoiceField(
        label="Needs it helps with", choices=Need.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    nations = forms.MultipleChoiceField(
        label="Nations it serves", choices=Nation.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    local_area = forms.CharField(
        label="Local area (optional)", required=False, max_length=200, help_text="The council, office or district"
    )
    local_postcodes = forms.CharField(
        label="Councils, postcode districts or areas it serves (optional)",
        required=False,
        max_length=500,
        help_text=(
            "For a local entry: councils by name or ONS code with commas between them, then postcode "
            "districts with spaces. For example: Cardiff, Vale of Glamorgan, CF10 CF11, or CF for the whole area"
        ),
    )
    phone = forms.CharField(label="Phone number", required=False, max_length=40)
    phone_is_free = forms.BooleanField(label="Calls are free", required=False)
    other_numbers = forms.CharField(label="Other numbers (optional)", required=False, max_length=300)
    hours = forms.CharField(
        label="Opening hours", required=False, max_length=200, help_text="For example, Monday to Friday, 9am to 5pm"
    )
    open_24_7 = forms.BooleanField(label="Open 24 hours a day, 7 days a week", required=False)
    website = forms.CharField(label="Website (optional)", required=False, max_length=300)
    email = forms.CharField(label="Email (optional)", required=False, max_length=254)
    languages = forms.CharField(label="Languages (optional)", required=False, max_length=200)

    def __init__(self, *args, button: str = "Save entry", **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            Field.text("name"),
            Field.textarea("description"),
            Field.checkboxes("needs", legend_size=Size.SMALL, small=True),
            Field.checkboxes("nations", legend_size=Size.SMALL, small=True),
            Field.text("local_area"),
            Field.text("local_postcodes"),
            Field.text("phone", field_width=20),
            Field.checkbox("phone_is_free", small=True),
            Field.text("other_numbers"),
            Field.text("hours"),
            Field.checkbox("open_24_7", small=True),
            Field.text("website"),
            Field.text("email"),
            Field.text("languages"),
            button=button,
        )

    def details(self) -> EntryDetails:
        data = self.cleaned_data
        return EntryDetails(
            **{name: data.get(name) or ([] if name in ("needs", "nations") else "") for name in self.fields}
        )

    @staticmethod
    def initial_for(entry) -> dict:
        values = {name: getattr(entry, name) for name in EntryForm.base_fields if name not in ("needs", "nations")}
        values["local_postcodes"] = postcodes.areas_as_typed(entry.postcode_list)
        values["needs"] = [need.need for need in entry.needs.all()]
        values["nations"] = entry.nations
        return values


class SendForm(HavenGdsForm):
    entries = forms.MultipleChoiceField(
        label="Organisations to give the customer", widget=forms.CheckboxSelectMultiple, required=False
    )
    channel = forms.ChoiceField(
        label="How to give them the list", choices=SendChannel.choices, widget=forms.RadioSelect, required=False
    )

    def __init__(self, *args, entry_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entries"].choices = list(entry_choices)
        self.helper = _helper(
            Field.checkboxes("entries", legend_size=Size.SMALL, small=True),
            Field.radios("channel", legend_size=Size.SMALL, small=True, inline=False),
        )


def entry_choice(result: dict) -> Choice:
    """A result as a checkbox: the one line to read out, and what to know about it."""
    hints = []
    if result["here"]:
        hints.append(f"Local: {result['entry'].local_area or 'serves this area'}")
    if result["unverified"]:
        hints.append("Not verified: check the details before giving them")
    if hints:
        return Choice(str(result["entry"].pk), result["line"], hint=". ".join(hints))
    return Choice(str(result["entry"].pk), result["line"])


class ImportForm(HavenGdsForm):
    file = forms.FileField(
        label="CSV file", required=False, help_text="Open Referral UK columns, as the export writes them"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(Field("file"), button="Import entries")
