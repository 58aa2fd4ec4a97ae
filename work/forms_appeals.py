"""Forms for the MR tracker pages, rendered by crispy-forms-gds. They carry what was
typed; the services in work/services_appeals.py judge the rules and their messages are
put beside the fields they name (HavenForm.add_haven_error)."""

import datetime as dt

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Fieldset, Layout, Size, Submit
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator

from accounts.forms.base import HavenForm
from work.models_appeals import AppealHow, LodgedBy, LodgedHow, MRNOutcome


class GovukDate(DateInputField):
    """A day, month and year, with messages that name the date ("The date the MR was
    lodged must include a month"). Empty is left to the service to judge."""

    def __init__(self, *, label: str, what: str, **kwargs):
        super().__init__(label=label, required=False, require_all_fields=False, **kwargs)
        self.what = what
        for subfield, part in zip(self.fields, ("day", "month", "year"), strict=True):
            subfield.error_messages["incomplete"] = f"The date {what} must include a {part}"
            subfield.validators = [RegexValidator(r"^[0-9]+$", f"The date {what} must be a real date")]

    def compress(self, data_list):
        day, month, year = (data_list or (None, None, None))[:3]
        if not (day and month and year):
            return None
        try:
            if len(str(year)) != 4:
                raise ValueError
            return dt.date(int(year), int(month), int(day))
        except (TypeError, ValueError) as exc:
            raise ValidationError(f"The date {self.what} must be a real date, for example 27 3 2026") from exc


def _radios(choices, *, label: str, message: str) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=choices,
        widget=forms.RadioSelect,
        required=False,
        error_messages={"invalid_choice": message},
    )


def _text(label: str, *, hint: str = "", max_length: int = 200, textarea: bool = False) -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=hint,
        required=False,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": 3}) if textarea else forms.TextInput,
        error_messages={"max_length": f"{label} must be {max_length} characters or fewer"},
    )


class AppealsForm(HavenForm):
    """Shared: a GOV.UK helper, and every problem a service found shown at once."""

    submit_label = "Save"


    def _helper(self, *fields) -> FormHelper:
        helper = FormHelper()
        helper.form_tag = False  # the template writes the <form> with its action
        helper.layout = Layout(*fields, Submit("submit", self.submit_label))
        return helper


def authority_label(authority) -> str:
    """Fixed words only (the package renders labels unescaped): never the typed purpose."""
    allows = ", ".join(label.lower() for label in authority.entry_labels()) or "no entries"
    return (
        f"Authority {authority.pk}, given {authority.consent_given_at:%-d %B %Y}: {authority.get_duration_display()}, "
        f"allows {allows}"
    )


class HeldAuthorityField(forms.ChoiceField):
    """The authorities the adviser holds for the customer. Only active ones are offered,
    but any they hold is accepted, so that one revoked or expired since the page was
    opened reaches the service and is refused there with consent's reason."""

    def __init__(self, **kwargs):
        super().__init__(widget=forms.RadioSelect, required=False, **kwargs)
        self.held: dict[str, object] = {}

    def valid_value(self, value) -> bool:
        return value == "" or str(value) in self.held

    def clean(self, value):
        value = super().clean(value)
        return self.held.get(str(value)) if value else None


class MRRequestForm(AppealsForm):
    submit_label = "Record the MR"

    decision_challenged = _text(
        "Decision being challenged",
        hint="For example: Universal Credit, limited capability for work decision of 2 March 2026",
        max_length=2000,
        textarea=True,
    )
    decision_date = GovukDate(label="Date of the decision (if known)", what="of the decision")
    lodged_on = GovukDate(label="Date the MR was lodged", what="the MR was lodged")
    lodged_how = _radios(LodgedHow.choices, label="How was it lodged?", message="Choose how the MR was lodged")
    lodged_by = _radios(LodgedBy.choices, label="Who lodged it?", message="Choose who lodged the MR")
    representative_name = _text("Adviser's name")
    representative_organisation = _text("Adviser's organisation")
    lodged_by_staff = forms.ModelChoiceField(
        queryset=None,
        label="Member of staff",
        required=False,
        empty_label="Choose someone",
        error_messages={"invalid_choice": "Choose the member of staff who lodged the MR"},
    )
    authority = HeldAuthorityField(
        label="Your form of authority from the customer",
        help_text="If you lodged the MR as the customer's adviser. Haven records that you lodged it under this "
        "authority.",
        error_messages={"invalid_choice": "Choose a form of authority the customer gave you"},
    )
    outside_authority = _text(
        "Their form of authority",
        hint="Its reference and what it allows, for example: FOA-2026-014, signed 1 March 2026, lodging an MR.",
        max_length=300,
    )

    def __init__(self, *args, staff, authorities=(), usable=(), **kwargs):
        """`authorities`: every authority the user holds for the customer; `usable`:
        the ids of those active now, the only ones offered."""
        super().__init__(*args, **kwargs)
        self.fields["lodged_by_staff"].queryset = staff
        self.fields["lodged_by_staff"].label_from_instance = lambda person: person.display_name
        field = self.fields["authority"]
        field.held = {str(authority.pk): authority for authority in authorities}
        field.choices = [("", "None: I did not lodge it under a form of authority")] + [
            (str(authority.pk), authority_label(authority)) for authority in authorities if authority.pk in usable
        ]
        self.helper = self._helper(
            Field.textarea("decision_challenged"),
            Field("decision_date"),
            Field("lodged_on"),
            Field.radios("lodged_how", legend_size=Size.SMALL),
            Field.radios("lodged_by", legend_size=Size.SMALL),
            # Plain fieldsets, not a conditional reveal: GOV.UK Frontend 5's reveal sets
            # aria-expanded on radio inputs, which axe-core reports as a critical problem.
            # Offered only when the user holds an authority usable now; kept in the form so
            # that one revoked since the page opened is still judged by the service.
            *([Field.radios("authority", legend_size=Size.SMALL)] if len(field.choices) > 1 else []),
            Fieldset(
                Field.text("representative_name"),
                Field.text("representative_organisation"),
                Field.text("outside_authority"),
                legend="If an adviser outside Haven lodged it",
                legend_size=Size.SMALL,
            ),
            Fieldset(Field.select("lodged_by_staff"), legend="If a member of staff lodged it", legend_size=Size.SMALL),
        )


class MRNForm(AppealsForm):
    submit_label = "Record the MRN"

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    mrn_sent_on = GovukDate(
        label="Date the MRN was sent",
        what="the MRN was sent",
        help_text="The date on the notice. The appeal month runs from this date, not from when it was seen.",
    )
    mrn_seen_on = GovukDate(
        label="Date the MRN was seen", what="the MRN was seen", help_text="Leave empty if it was seen today."
    )
    mrn_outcome = _radios(MRNOutcome.choices, label="What did the MRN decide?", message="Choose what the MRN decided")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = self._helper(
            Field("version"), Field("mrn_sent_on"), Field("mrn_seen_on"), Field.radios("mrn_outcome")
        )


class AppealLodgedForm(AppealsForm):
    submit_label = "Record the appeal"

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    appeal_lodged_on = GovukDate(label="Date the appeal was lodged", what="the appeal was lodged")
    appeal_how = _radios(AppealHow.choices, label="How was it lodged?", message="Choose how the appeal was lodged")
    appeal_reference = _text("Tribunal reference (if known)", hint="For example SC242/26/01234", max_length=60)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = self._helper(
            Field("version"), Field("appeal_lodged_on"), Field.radios("appeal_how"), Field.text("appeal_reference")
        )


class AppealDeclinedForm(AppealsForm):
    submit_label = "Record that they will not appeal"

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    declined_on = GovukDate(
        label="Date the customer decided", what="the customer decided", help_text="Leave empty if it was today."
    )
    declined_reason = _text("Why they decided not to appeal", max_length=4000, textarea=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = self._helper(Field("version"), Field("declined_on"), Field.textarea("declined_reason"))
