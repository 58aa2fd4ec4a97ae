"""Forms for what follows an incident. Each field's rules are the service's: the forms
collect words, the services judge them, and their messages go beside the fields."""

from django import forms

from accounts.forms.base import HavenForm, Radios
from incidents.models import ReferralKind, ReferralOutcome
from incidents.services_review import REVIEW_FIELDS


def _area(label: str, *, hint: str = "", rows: int = 4, max_length: int = 5000) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=max_length,
        help_text=hint,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={"max_length": f"This must be {max_length:,} characters or fewer"},
    )


class RecordForm(HavenForm):
    """One box per item the pinned definition lists, in its order: `item_0`, `item_1`..."""

    def __init__(self, *args, items: list[str], values: list[str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        for index, label in enumerate(items):
            self.fields[f"item_{index}"] = _area(label)
            if values and index < len(values):
                self.fields[f"item_{index}"].initial = values[index]

    def values(self) -> list[str]:
        return [self.cleaned_data.get(name, "") for name in self.fields]


class ReviewForm(HavenForm):
    how_handled = _area(REVIEW_FIELDS["how_handled"])
    procedures_worked = _area(REVIEW_FIELDS["procedures_worked"])
    lessons = _area(REVIEW_FIELDS["lessons"])
    mental_health_first_aider = _area(
        REVIEW_FIELDS["mental_health_first_aider"], hint="Say whether a conversation was offered and wanted", rows=2
    )
    support_agreed = _area(REVIEW_FIELDS["support_agreed"], hint="Include any time away agreed")


class TimeAwayForm(HavenForm):
    user = forms.TypedChoiceField(
        label="Who the time away is for", coerce=int, widget=Radios,
        error_messages={"required": "Choose the worker or the support partner"},
    )  # fmt: skip
    details = _area("The time away agreed", hint="For example, the rest of the shift, or two days from 3 March", rows=3)

    def __init__(self, *args, people=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].choices = [(person.pk, person.get_full_name() or person.username) for person in people]


class UCBForm(HavenForm):
    what_happened = _area(
        "What happened",
        hint="What the customer said or did that threatened or intimidated you or anyone else",
        rows=6,
    )


class ReferralForm(HavenForm):
    kind = forms.ChoiceField(
        label="Who to refer to", choices=ReferralKind.choices, widget=Radios,
        error_messages={"required": "Choose who the referral is to: an ACSSL or the Senior Safeguarding Leader"},
    )  # fmt: skip
    referred_to = forms.TypedChoiceField(
        label="The safeguarding lead it goes to", coerce=int,
        error_messages={"required": "Choose the safeguarding lead the referral goes to"},
    )  # fmt: skip
    reason = _area("Why the customer needs further support", hint="What you discussed with your senior team leader")

    def __init__(self, *args, leads=(), kind: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["referred_to"].choices = [("", "Choose")] + [(u.pk, u.get_full_name() or u.username) for u in leads]
        if kind:
            self.fields["kind"].initial = kind


class OutcomeForm(HavenForm):
    outcome = forms.ChoiceField(
        label="The outcome", choices=ReferralOutcome.choices, widget=Radios,
        error_messages={"required": "Choose the outcome: no further action, advice, or the case taken over"},
    )  # fmt: skip
    note = _area("What was advised or agreed", hint="This goes into the customer's contact notes", rows=3)


class DeclineForm(HavenForm):
    note = _area("Why it is not needed", rows=2, max_length=300)
