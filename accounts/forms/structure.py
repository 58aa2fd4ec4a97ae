"""Organisations, regions, offices, teams and support groups."""

from django import forms

from accounts.forms.base import HavenForm, Radios, choice, text
from accounts.models import Office, Organisation, Region
from core.nations import Nation


class _RegionChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.organisation.name})"


class _OfficeChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.region.organisation.name})"


class OrganisationForm(HavenForm):
    name = text("Name", width="govuk-!-width-two-thirds")


class RegionEditForm(HavenForm):
    name = text("Name", width="govuk-!-width-two-thirds")


class RegionCreateForm(HavenForm):
    organisation = choice(
        Organisation.objects.order_by("name"),
        label="Organisation",
        required_message="Select the organisation the region belongs to",
        empty_label="Select an organisation",
    )
    name = text("Name", width="govuk-!-width-two-thirds")


class OfficeForm(HavenForm):
    region = _RegionChoice(
        queryset=Region.objects.select_related("organisation").order_by("organisation__name", "name"),
        label="Region",
        empty_label="Select a region",
        error_messages={
            "required": "Select the region the office is in",
            "invalid_choice": "Select the region the office is in",
        },
    )
    name = text("Name", width="govuk-!-width-two-thirds")
    nation = forms.ChoiceField(
        label="Nation",
        help_text="The nation decides the bank holidays for deadlines and the support organisations offered.",
        choices=Nation.choices,
        widget=Radios,
        error_messages={
            "required": "Select the nation the office is in",
            "invalid_choice": "Select the nation the office is in",
        },
    )


class TeamForm(HavenForm):
    office = _OfficeChoice(
        queryset=Office.objects.select_related("region__organisation").order_by("region__organisation__name", "name"),
        label="Office",
        empty_label="Select an office",
        error_messages={
            "required": "Select the office the team works from",
            "invalid_choice": "Select the office the team works from",
        },
    )
    name = text("Name", width="govuk-!-width-two-thirds")


class SupportGroupEditForm(HavenForm):
    name = text("Name", width="govuk-!-width-two-thirds")
    description = forms.CharField(
        label="Description",
        required=False,
        max_length=500,
        help_text="For example, when it meets and who usually partners in it.",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": "Description must be 500 characters or fewer"},
    )


class SupportGroupCreateForm(HavenForm):
    organisation = choice(
        Organisation.objects.order_by("name"),
        label="Organisation",
        required_message="Select the organisation the support group belongs to",
        empty_label="Select an organisation",
    )
    name = SupportGroupEditForm.base_fields["name"]
    description = SupportGroupEditForm.base_fields["description"]
