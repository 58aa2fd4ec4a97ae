"""A home-based worker's support group for the day."""

from accounts.forms.base import HavenForm, Radios, choice
from accounts.models import SupportGroup


class SupportGroupJoinForm(HavenForm):
    group = choice(
        SupportGroup.objects.none(),
        label="Which support group are you joining today?",
        required_message="Select the support group you are joining today",
        widget=Radios,
    )

    def __init__(self, *args, groups, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the worker's own organisation's groups can be chosen; any other id is an
        # invalid choice, so a forged form cannot join another organisation's group.
        self.fields["group"].queryset = groups
