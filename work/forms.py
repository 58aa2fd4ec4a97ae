"""Forms for the work pages. Services judge the rules; forms carry what was typed."""

from crispy_forms_gds.layout import Field
from django import forms

from accounts.forms.base import HavenForm, Radios
from core.forms import GovukForm, grid_row

QUEUE = "queue"


class FilterForm(GovukForm, forms.Form):
    state = forms.ChoiceField(
        label="State",
        required=False,
        choices=[("open", "Open"), ("done", "Done"), ("cancelled", "Cancelled"), ("all", "All")],
    )
    overdue = forms.BooleanField(label="Overdue only", required=False)
    rule = forms.ChoiceField(label="Rule", required=False, choices=[("", "Any rule")])

    def __init__(self, *args, rules: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rule"].choices = [("", "Any rule"), *rules]

    def govuk_layout(self) -> list:
        # The three filters side by side above the queue.
        columns = [[Field.select("state")], [Field.select("rule")], [Field.checkbox("overdue", small=True)]]
        return [grid_row(*columns, width="one-third")]


class CompleteForm(HavenForm):
    prefix = "complete"
    version = forms.IntegerField(widget=forms.HiddenInput)
    outcome = forms.CharField(
        label="What was done",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": "What was done must be 4000 characters or fewer"},
    )


class CancelForm(HavenForm):
    prefix = "cancel"
    version = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label="Why it is no longer needed",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": "The reason must be 4000 characters or fewer"},
    )


def _people_choices(members) -> list[tuple[str, str]]:
    return [(QUEUE, "The team queue")] + [(str(person.pk), person.display_name) for person in members]


class ReassignForm(HavenForm):
    prefix = "reassign"
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    to = forms.ChoiceField(
        label="Give the task to",
        widget=Radios,
        error_messages={"required": "Choose who the task is for", "invalid_choice": "Choose who the task is for"},
    )

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.members = {str(person.pk): person for person in members}
        self.fields["to"].choices = _people_choices(members)

    def target(self) -> dict:
        """Keyword arguments for the reassign services."""
        to = self.cleaned_data["to"]
        return {"to_queue": True} if to == QUEUE else {"assignee": self.members[to]}


class TaskIds(forms.Field):
    """The ticked tasks. Which of them the leader may move is the service's question."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value):
        try:
            return [int(item) for item in value or []]
        except (TypeError, ValueError) as exc:
            raise forms.ValidationError("Select the tasks to reassign") from exc


class BulkReassignForm(ReassignForm):
    prefix = "bulk"
    tasks = TaskIds(label="Tasks", required=False)

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, members=members, **kwargs)
        self.fields["to"].widget = forms.Select()
        self.fields["to"].choices = [("", "Choose someone")] + _people_choices(members)

    def govuk_layout(self) -> list:
        # The ticked tasks are the checkboxes in the queue's table (their own `form=`).
        return [Field.select("to")]
