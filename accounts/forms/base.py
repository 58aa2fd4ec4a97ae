"""What every Haven form shares: GOV.UK markup from crispy-forms-gds, radios the error
summary can link to, and a service's error put beside the field it names."""

from django import forms

from consent.guard import CredentialGuardMixin
from core.forms import GovukForm, ShowsServiceErrors


class Radios(forms.RadioSelect):
    """Django gives a group of radios no id to link to; the GOV.UK error summary links
    to the first radio, so the field's id is the first radio's id."""

    def id_for_label(self, id_, index=None):
        return super(forms.RadioSelect, self).id_for_label(id_, "0" if index is None else index)


class HavenForm(CredentialGuardMixin, ShowsServiceErrors, GovukForm, forms.Form):
    """Rendered by crispy-forms-gds (see `core.forms.GovukForm`); a service's errors go
    beside their fields (`core.forms.ShowsServiceErrors`)."""


def text(label: str, *, width: str = "", hint: str = "", max_length: int = 200, **attrs) -> forms.CharField:
    """A text field whose emptiness the service judges, so the message is the service's."""
    widget_attrs = {"class": width} if width else {}
    widget_attrs.update(attrs)
    return forms.CharField(
        label=label,
        required=False,
        max_length=max_length,
        help_text=hint,
        widget=forms.TextInput(attrs=widget_attrs),
        error_messages={"max_length": f"{label} must be {max_length} characters or fewer"},
    )


def choice(queryset, *, label: str, required_message: str, empty_label: str | None = None, **kwargs):
    return forms.ModelChoiceField(
        queryset=queryset,
        label=label,
        empty_label=empty_label,
        error_messages={"required": required_message, "invalid_choice": required_message},
        **kwargs,
    )
