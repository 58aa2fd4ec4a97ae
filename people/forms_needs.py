"""Forms for a customer's needs: safe contact, privacy, markers, people around, restriction
and break glass. Forms only turn what was typed into values; the services in people/ own
every rule, and a service's message goes back beside the field it names."""

from django import forms

from accounts.forms.base import HavenForm, Radios, text
from core.forms import DateInputField
from people.models import MarkerType, PersonAround

YES_NO = [("yes", "Yes"), ("no", "No")]


def yes_no(label: str, *, required_message: str, hint: str = "") -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=YES_NO,
        widget=Radios,
        help_text=hint,
        error_messages={"required": required_message, "invalid_choice": required_message},
    )


def tick(label: str, hint: str = "") -> forms.BooleanField:
    return forms.BooleanField(label=label, required=False, help_text=hint)


def long_text(
    label: str, *, name: str = "", hint: str = "", max_length: int = 2000, rows: int = 4, required_message: str = ""
) -> forms.CharField:
    """A text area. `name` is how a message refers to it when the label is a question."""
    return forms.CharField(
        label=label,
        required=bool(required_message),
        max_length=max_length,
        help_text=hint,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={
            "required": required_message,
            "max_length": f"{name or label} must be {max_length} characters or fewer",
        },
    )


class NeedsForm(HavenForm):
    """A needs form; a service's messages go beside their fields (HavenForm)."""


class VersionedForm(NeedsForm):
    """Carries the version the worker opened, so a save never silently overwrites a newer one."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    BOOLEAN_RADIOS: tuple[str, ...] = ()

    @classmethod
    def initial_from(cls, record) -> dict:
        initial = {"version": record.version}
        for name in cls.base_fields:
            if name == "version":
                continue
            value = getattr(record, name)
            initial[name] = ("yes" if value else "no") if name in cls.BOOLEAN_RADIOS else (value or "")
        return initial

    def values(self) -> dict:
        """The cleaned values as the service takes them: radios become True or False."""
        values = {name: value for name, value in self.cleaned_data.items() if name != "version"}
        for name in self.BOOLEAN_RADIOS:
            values[name] = values[name] == "yes"
        return values

    def at_version(self, version: int) -> "VersionedForm":
        """The same typed values, now carrying the version someone else saved: the worker
        has seen their version, so saving again is a decision, not an accident."""
        data = self.data.copy()
        data["version"] = str(version)
        form = type(self)(data, initial=self.initial)
        form.is_valid()
        return form


class SafeContactForm(VersionedForm):
    BOOLEAN_RADIOS = ("safe_to_call", "safe_to_text", "safe_to_email", "safe_to_write")

    safe_to_call = yes_no("Is it safe to phone them?", required_message="Select yes if it is safe to phone them")
    safe_to_text = yes_no(
        "Is it safe to send them text messages?", required_message="Select yes if it is safe to text them"
    )
    safe_to_email = yes_no("Is it safe to email them?", required_message="Select yes if it is safe to email them")
    safe_to_write = yes_no(
        "Is it safe to write to them by post?", required_message="Select yes if it is safe to write to them"
    )
    no_voicemail = tick("Do not leave voicemail messages")
    times_to_avoid = text(
        "Times to avoid contacting them", hint="For example, weekday evenings after 6pm", max_length=200
    )
    do_not_disclose_address = tick("Do not disclose their address", "To anyone, including other parties to a claim")
    do_not_disclose_new_name = tick(
        "Do not disclose their new name", "For example, to the other parent of their children (DA Plan, Section B)"
    )
    note = long_text("Anything else about contacting them safely", name="The note")


class PrivacyNeedsForm(VersionedForm):
    needs_private_room = tick("Needs a private room for interviews")
    phone_only_when_private = tick(
        "Phone calls only when they confirm they can talk privately",
        "Ask at the start of every call before discussing anything personal",
    )
    other_adjustments = long_text("Other reasonable adjustments")


class MarkerAddForm(NeedsForm):
    FIELD_ALIASES = {"review_on": "review"}

    marker_type = forms.ModelChoiceField(
        queryset=MarkerType.objects.none(),
        label="Marker",
        empty_label="Choose a marker",
        error_messages={"required": "Select the marker", "invalid_choice": "Select the marker"},
    )
    # Required here as well as in the service, so that a mistake in the date does not
    # hide a missing reason until the next try: every message shows at once.
    reason = long_text(
        "Why is this marker being set?", name="The reason", required_message="Enter why this marker is being set"
    )
    review = DateInputField(
        label="Review date (optional)",
        name="Review date",
        hint="When this marker should be looked at again. For example, 27 3 2027",
    )

    def __init__(self, *args, marker_types, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["marker_type"].queryset = marker_types

    def values(self) -> dict:
        data = self.cleaned_data
        return {"marker_type": data["marker_type"], "reason": data["reason"], "review_on": data["review"]}


class ReasonForm(NeedsForm):
    """Removing a marker: the reason is kept with it in the customer's history."""

    reason = long_text("Why is this marker being removed?", name="The reason")


class MarkerTypeForm(NeedsForm):
    name = text("Name of the marker", max_length=100)
    description = text("What staff should know or do when they see it", max_length=300)


class PersonAroundForm(NeedsForm):
    FIELD_ALIASES = {"date_of_birth": "dob"}

    role = forms.ChoiceField(
        label="Who are they to the customer?",
        choices=PersonAround.Role.choices,
        widget=Radios,
        error_messages={
            "required": "Select who this person is to the customer",
            "invalid_choice": "Select who this person is to the customer",
        },
    )
    name = text("Full name")
    organisation_name = text("Organisation", hint="For example, the council or the adviser's charity")
    phone = text("Phone number", width="govuk-input--width-20", max_length=30, autocomplete="off")
    email = forms.EmailField(
        label="Email address",
        required=False,
        max_length=254,
        widget=forms.EmailInput(attrs={"spellcheck": "false"}),
        error_messages={"invalid": "Enter an email address in the correct format, like name@example.com"},
    )
    address = text("Address", max_length=300)
    dob = DateInputField(label="Date of birth", hint="Needed for a child in the household. For example, 27 3 2019")
    notes = long_text("Notes")

    @classmethod
    def initial_from(cls, person: PersonAround) -> dict:
        initial = {name: getattr(person, name) or "" for name in ("role", "name", "organisation_name", "phone")}
        initial.update(email=person.email, address=person.address, notes=person.notes or "")
        initial["dob"] = person.date_of_birth
        return initial

    def values(self) -> dict:
        names = ("role", "name", "organisation_name", "phone", "email", "address", "notes")
        return {name: self.cleaned_data[name] for name in names} | {"date_of_birth": self.cleaned_data["dob"]}


class NameStaffForm(NeedsForm):
    user = forms.ModelChoiceField(
        queryset=None,
        label="Name a member of staff who may open this record",
        empty_label="Choose a member of staff",
        error_messages={"required": "Select a member of staff", "invalid_choice": "Select a member of staff"},
    )

    def __init__(self, *args, staff, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = staff
        self.fields["user"].label_from_instance = lambda user: f"{user.display_name} ({user.get_role_display()})"


class BreakGlassForm(NeedsForm):
    reason = long_text(
        "Why do you need to open this record?",
        name="The reason",
        hint="Be specific. The data protection officer reads every reason.",
        rows=5,
    )
