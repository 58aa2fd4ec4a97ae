from crispy_forms_gds.layout import Field
from django import forms

from core.forms import GovukForm, grid_row


class CompareForm(GovukForm, forms.Form):
    """The two versions to compare. Which versions exist, and whether each can be compared,
    is the selector's to say (`protocol_versions_compare`); its messages are added to this
    form so the page shows them in the GOV.UK error summary and beside each field."""

    label_size = None  # a search form: plain labels

    def __init__(self, *args, versions: list[str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        choices = [(version, f"Version {version}") for version in versions]
        # "from" is a Python keyword, so the fields are added by name. Text fields shown as
        # selects: a version typed into the address gets the selector's message, not Django's.
        self.fields["from"] = forms.CharField(
            label="Compare from (older version)", required=False, widget=forms.Select(choices=choices)
        )
        self.fields["to"] = forms.CharField(
            label="To (newer version)", required=False, widget=forms.Select(choices=choices)
        )

    def govuk_layout(self) -> list:
        return [grid_row([Field.select("from")], [Field.select("to")])]
