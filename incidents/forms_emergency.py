"""The emergency call form (DA Plan, "Call the Emergency Services"), in the plan's order,
and the Report Threat checklist's tick. The service judges the rules; the form carries
what was typed and turns it into the service's data.

Free-text fields (for the credential guard): decision_reason, police_reference,
location_given, customer_area, not_told_reason.
"""

import datetime as dt
import re

from crispy_forms_gds.layout import Field, Fieldset, Size
from django import forms

from accounts.forms.base import HavenForm, Radios
from core.forms import DateInputField
from incidents.models import ConsentAnswer, EmergencyDecider, EmergencyService
from incidents.services_emergency import decider_choices
from work.calendar import LONDON

TIME = re.compile(r"^\s*(\d{1,2})[:.](\d{2})\s*$")
YES_NO = [("yes", "Yes"), ("no", "No")]


def _radios(label: str, choices, message: str, hint: str = "") -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=choices,
        widget=Radios,
        required=False,
        help_text=hint,
        error_messages={"invalid_choice": message},
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


def _yes_no(value) -> bool | None:
    return {"yes": True, "no": False}.get(value)


def _as_yes_no(value) -> str | None:
    return None if value is None else ("yes" if value else "no")


class EmergencyCallForm(HavenForm):
    FIELD_ALIASES = {"called_at": "called_time"}

    asked_customer_to_phone = _radios("Did you ask the customer to phone 999 themselves?", YES_NO, "Choose yes or no")
    asked_whether_we_phone = _radios("Did you ask whether they want us to phone for them?", YES_NO, "Choose yes or no")
    consent = _radios("What did the customer say?", ConsentAnswer.choices, "Choose whether they gave consent")
    decided_by_kind = _radios(
        "Who decided to call the emergency services?", EmergencyDecider.choices, "Choose who decided"
    )
    decided_by = forms.ModelChoiceField(
        label="Team leader or deputy manager who decided",
        queryset=None,
        required=False,
        empty_label="Choose who decided",
        error_messages={"invalid_choice": "Choose a team leader or deputy manager of the worker's team"},
    )
    decision_reason = _text(
        "The reason for the decision",
        max_length=4000,
        textarea=True,
        hint="Required unless the customer gave consent. Say why, on the facts of the case.",
    )
    service = _radios("Which service did you call?", EmergencyService.choices, "Choose which service you called")
    called_on = DateInputField(label="Date of the call", name="The date of the call", hint="For example, 24 11 2026")
    called_time = _text("Time of the call", max_length=5, hint="For example, 14:20")
    police_reference = _text("Police or incident reference (optional)", max_length=60)
    location_given = _text("The location you gave for the customer", max_length=2000, textarea=True)
    from_national_centre = _radios(
        "Did you tell the operator you were calling from a national centre, for a customer in another area?",
        YES_NO,
        "Choose yes or no",
    )
    customer_area = _text("The area the customer lives in", hint="Only if you called from a national centre")
    customer_told = _radios("Did you tell the customer what is happening and why?", YES_NO, "Choose yes or no")
    not_told_reason = _text("Why not?", max_length=2000, textarea=True, hint="Only if you did not tell them")
    made_by = forms.ChoiceField(label="Who made the call?", choices=(), required=False, widget=Radios)
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, incident, **kwargs):
        super().__init__(*args, **kwargs)
        self.incident = incident
        self.fields["decided_by"].queryset = decider_choices(incident)
        people = [(str(incident.worker_id), f"{incident.worker.display_name} (the worker)")]
        if incident.partner_id:
            people.append((str(incident.partner_id), f"{incident.partner.display_name} (support partner)"))
        self.fields["made_by"].choices = people
        if not incident.partner_id:
            self.fields["made_by"].widget = forms.HiddenInput()

    def govuk_layout(self) -> list:
        radio = {
            name: Field.radios(name, legend_size=Size.SMALL, small=True)
            for name in (
                "asked_customer_to_phone",
                "asked_whether_we_phone",
                "consent",
                "decided_by_kind",
                "service",
                "from_national_centre",
                "customer_told",
            )
        }
        made_by = [Field.radios("made_by", legend_size=Size.SMALL, small=True)] if self.incident.partner_id else []
        return [
            Fieldset(
                radio["asked_customer_to_phone"],
                radio["asked_whether_we_phone"],
                radio["consent"],
                legend="1 and 2. Asking the customer",
                legend_size=Size.MEDIUM,
            ),
            Fieldset(
                radio["decided_by_kind"],
                Field.select("decided_by"),
                Field.textarea("decision_reason", rows=3),
                legend="Who decided",
                legend_size=Size.MEDIUM,
            ),
            Fieldset(
                *made_by,
                radio["service"],
                "called_on",
                Field.text("called_time", field_width=5),
                Field.text("police_reference", field_width=20),
                Field.textarea("location_given", rows=2),
                radio["from_national_centre"],
                "customer_area",
                legend="3. The call",
                legend_size=Size.MEDIUM,
            ),
            Fieldset(
                radio["customer_told"],
                Field.textarea("not_told_reason", rows=2),
                legend="Telling the customer",
                legend_size=Size.MEDIUM,
            ),
            Field("version"),
        ]

    def clean(self):
        cleaned = super().clean()
        called_on, text = cleaned.get("called_on"), cleaned.get("called_time") or ""
        match = TIME.match(text)
        cleaned["called_at"] = None
        if called_on is None and not self.has_error("called_on"):
            self.add_error("called_on", "Enter the date of the call")
        if not match or int(match[1]) > 23 or int(match[2]) > 59:
            self.add_error("called_time", "Enter the time of the call, for example 14:20")
        elif called_on is not None:
            moment = dt.datetime.combine(called_on, dt.time(int(match[1]), int(match[2])), tzinfo=LONDON)
            cleaned["called_at"] = moment.astimezone(dt.UTC)
        return cleaned

    def values(self) -> dict:
        data = dict(self.cleaned_data)
        for name in ("asked_customer_to_phone", "asked_whether_we_phone", "customer_told"):
            data[name] = _yes_no(data.get(name))
        data["from_national_centre"] = data.get("from_national_centre") == "yes"
        made_by = data.pop("made_by", "")
        people = {str(self.incident.worker_id): self.incident.worker}
        if self.incident.partner_id:
            people[str(self.incident.partner_id)] = self.incident.partner
        data["made_by"] = people.get(made_by)
        for name in ("called_on", "called_time", "version"):
            data.pop(name, None)
        return data


def initial_from(values: dict) -> dict:
    """The form's starting values from a call record or the plan's answers."""
    initial = dict(values)
    for name in ("asked_customer_to_phone", "asked_whether_we_phone", "customer_told", "from_national_centre"):
        if name in initial:
            initial[name] = _as_yes_no(initial[name])
    if initial.get("decided_by") is not None:
        initial["decided_by"] = initial["decided_by"].pk
    if initial.get("made_by") is not None:
        initial["made_by"] = str(initial["made_by"].pk)
    called_at = initial.pop("called_at", None)
    if called_at is not None:
        local = called_at.astimezone(LONDON)
        initial["called_on"], initial["called_time"] = local.date(), local.strftime("%H:%M")
    return initial


def initial_from_call(call) -> dict:
    from incidents.services_emergency import FIELDS

    values = {name: getattr(call, name) for name in FIELDS}
    values.update(made_by=call.made_by, version=call.version)
    return initial_from(values)


class TickForm(forms.Form):
    item = forms.ChoiceField(choices=[("review", "review"), ("ownership", "ownership"), ("copy-notes", "copy")])
    version = forms.IntegerField()
