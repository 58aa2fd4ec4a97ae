"""Forms of the guided screen: starting an incident, answering the step in front of the
worker (one form per answer type), and finding the customer to link. The services judge
the rules; these carry what was typed, keep it when refused, and render GOV.UK markup.

Free-text fields (for the credential guard): said, caller_description, answer (text and
location), postcode, note, query.
"""

from crispy_forms_gds.layout import Field, Size
from django import forms

from accounts.forms.base import HavenForm, Radios
from core.forms import govuk_field
from incidents.models import Channel
from incidents.selectors_guided import answer_type

DECIDING_ROLE_LABELS = {
    "team-leader": "Team leader",
    "deputy-manager": "Deputy manager",
    "safeguarding-lead": "Safeguarding lead",
}


CHANNEL_MISSING = "Choose how the customer told you"


def default_channel(user) -> str:
    """A home-based worker is on the phone from home; everyone else, on the phone."""
    return Channel.HOME_WORKING if getattr(user, "is_home_based", False) else Channel.TELEPHONE


class StartForm(HavenForm):
    channel = forms.ChoiceField(
        label="How did the customer tell you?",
        choices=Channel.choices,
        widget=Radios,
        error_messages={
            "required": "Choose how the customer told you",
            "invalid_choice": "Choose how the customer told you",
        },
    )
    said = forms.CharField(
        label="What did the customer say? (optional)",
        help_text="In their words, if you can. Haven suggests a plan from it; you choose.",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3, "data-proposal-said": ""}),
        error_messages={"max_length": "What the customer said must be 2,000 characters or fewer"},
    )
    FIELD_ALIASES = {"summary_text": "said"}

    def __init__(self, *args, unidentified: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if unidentified:
            self.fields = {
                "caller_description": forms.CharField(
                    label="Who is the caller?",
                    help_text="The name they gave, the number they called from: anything that identifies them "
                    "until you can link their record.",
                    required=False,
                    max_length=300,
                    error_messages={"max_length": "The description must be 300 characters or fewer"},
                ),
                **self.fields,
            }
            self._add_guard_again()

    def _add_guard_again(self):
        from consent.guard import no_credentials

        for field in self.fields.values():
            if isinstance(field, forms.CharField) and no_credentials not in field.validators:
                field.validators.append(no_credentials)


class NoteForm(HavenForm):
    """The notes box (panels/notes.html). Never posted as a form: notes.js autosaves it."""

    note = forms.CharField(
        label="Your note",
        help_text="Saved as you type. Nothing you write is ever overwritten.",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6, "id": "incident-note"}),
    )

    def __init__(self, *args, witness: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if witness:
            self.fields["note"].label = "Your note (a witness note)"


class CustomerChoiceForm(HavenForm):
    """Which of the search results is the caller (linking a customer later)."""

    customer = forms.ChoiceField(label="Which customer is the caller?", widget=Radios, required=False)

    def __init__(self, *args, results=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["customer"].choices = [(result.id, describe_result(result)) for result in results]


def describe_result(result) -> str:
    parts = [result.name, f"case number {result.case_number}"]
    if result.date_of_birth:
        parts.append(f"born {result.date_of_birth:%-d %B %Y}")
    if result.postcode_area:
        parts.append(result.postcode_area)
    return ", ".join(parts)


class LinkForm(HavenForm):
    query = forms.CharField(
        label="Case number or name",
        max_length=100,
        required=False,
        error_messages={"max_length": "Enter 100 characters or fewer"},
    )


def _outcome_choices(step):
    return [(option.value, option.label) for option in step.options()]


class StepForm(HavenForm):
    """The answer to one step. `step` is the protocol step; the fields follow its answer type."""

    FIELD_ALIASES = {"role": "role", "note": "note"}

    def __init__(self, *args, step, **kwargs):
        self.step = step
        super().__init__(*args, **kwargs)
        kind = answer_type(step)
        self.kind = kind
        self.fields = {}
        if kind in ("choice", "yes_no"):
            self.fields["answer"] = forms.ChoiceField(
                label=step.text, choices=_outcome_choices(step), widget=Radios, required=False
            )
        elif kind == "text":
            self.fields["answer"] = forms.CharField(
                label=step.text,
                required=False,
                max_length=step.answer.max_length,
                widget=forms.Textarea(attrs={"rows": 3}),
                error_messages={"max_length": f"The answer must be {step.answer.max_length} characters or fewer"},
            )
        elif kind == "number":
            unit = f" ({step.answer.unit})" if step.answer.unit else ""
            self.fields["answer"] = forms.CharField(
                label=f"{step.text}{unit}",
                required=False,
                max_length=20,
                widget=forms.TextInput(attrs={"class": "govuk-input--width-5", "inputmode": "decimal"}),
            )
        elif kind == "time":
            self.fields["answer"] = forms.CharField(
                label=step.text,
                help_text="Use the 24-hour clock, for example 14:30",
                required=False,
                max_length=20,
                widget=forms.TextInput(attrs={"class": "govuk-input--width-5", "autocomplete": "off"}),
            )
        elif kind == "location":
            self.fields["answer"] = forms.CharField(
                label=step.text,
                help_text="An address, or a description of the place",
                required=False,
                max_length=500,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.fields["postcode"] = forms.CharField(
                label="Postcode (optional)",
                required=False,
                max_length=10,
                widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "autocomplete": "off"}),
            )
        elif kind == "decision":
            self.fields["answer"] = forms.ChoiceField(
                label=step.text, choices=_outcome_choices(step), widget=Radios, required=False
            )
            self.fields["role"] = forms.ChoiceField(
                label="Who made the decision?",
                choices=[(role, DECIDING_ROLE_LABELS.get(role, role)) for role in step.roles],
                widget=Radios,
                required=False,
            )
            self.fields["note"] = forms.CharField(
                label="The reason for the decision",
                required=False,
                max_length=1000,
                widget=forms.Textarea(attrs={"rows": 3}),
            )
        self._guard()

    def govuk_layout(self) -> list:
        """The step's words are the answer's label, as the region's heading (h2)."""
        layout = []
        for name in self.fields:
            widget = self.fields[name].widget
            if name != "answer":
                layout.append(govuk_field(self, name))
            elif isinstance(widget, forms.RadioSelect):
                layout.append(Field.radios(name, legend_size=Size.MEDIUM, legend_tag="h2", small=True))
            elif isinstance(widget, forms.Textarea):
                layout.append(Field.textarea(name, label_size=Size.MEDIUM, label_tag="h2", rows=widget.attrs["rows"]))
            else:
                layout.append(Field.text(name, label_size=Size.MEDIUM, label_tag="h2"))
        return layout

    def _guard(self):
        from consent.guard import no_credentials

        for field in self.fields.values():
            if isinstance(field, forms.CharField) and no_credentials not in field.validators:
                field.validators.append(no_credentials)

    def answer_for_service(self) -> dict:
        """{value, role, note} for step_answer/step_change, from the cleaned data."""
        data = self.cleaned_data
        if self.kind == "instruction":
            return {"value": "done"}
        if self.kind == "information":
            return {"value": "given"}
        value = data.get("answer") or ""
        if self.kind == "location":
            value = {"description": value, "postcode": data.get("postcode") or None} if value else ""
        about = {}
        if self.kind == "decision":
            about = {"role": data.get("role") or None, "note": data.get("note") or ""}
        return {"value": value, **about}

    @staticmethod
    def initial_for(step, value, event: dict | None = None) -> dict:
        """The form's initial values from a recorded answer (changing a step)."""
        if isinstance(value, dict):
            return {"answer": value.get("description", ""), "postcode": value.get("postcode") or ""}
        initial = {"answer": "" if value is None else str(value)}
        if event and step.kind == "decision":
            initial.update(role=event.get("role") or "", note=event.get("note") or "")
        return initial
