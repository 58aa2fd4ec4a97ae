"""Form pieces every app shares: GOV.UK Frontend markup from crispy-forms-gds.

Every Haven form renders through the package (`{% crispy form %}` with the form's
`helper`); this module holds the presentation they share, and no business rule:
- `GovukForm` gives a form its `FormHelper`, laid out with the package's `Field.text`,
  `Field.radios`, `Field.checkbox`, `Field.select` and `Field.textarea` by widget; a form
  that groups its fields (a grid, a fieldset) overrides `govuk_layout`.
- `DateInputField` is the package's day, month and year date input with Haven's
  names (`<name>_day`, `_month`, `_year`) and the Design System's rules and words.
"""

from datetime import date
from functools import cached_property

from crispy_forms_gds.fields import DateInputField as GdsDateInputField
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Div, Field, Layout, Size
from crispy_forms_gds.widgets import DateInputWidget as GdsDateInputWidget
from django import forms
from django.core.exceptions import ValidationError

from core.errors import HavenError, field_errors

DATE_PARTS = ("day", "month", "year")


def govuk_field(form: forms.BaseForm, name: str):
    """The package's layout object for one field, chosen by its widget."""
    widget = form.fields[name].widget
    if widget.is_hidden or isinstance(widget, forms.MultiWidget):
        return Field(name)
    if isinstance(widget, forms.RadioSelect):
        return Field.radios(name, small=True)
    if isinstance(widget, forms.CheckboxInput):
        return Field.checkbox(name, small=True)
    if isinstance(widget, forms.Textarea):
        return Field.textarea(name, rows=widget.attrs.get("rows", 5))
    if isinstance(widget, forms.Select):
        return Field.select(name)
    return Field.text(name)


def grid_row(*columns, width: str = "one-half") -> Div:
    """A GOV.UK grid row of columns, each a list of layout objects, side by side."""
    cells = (Div(*column, css_class=f"govuk-grid-column-{width}") for column in columns)
    return Div(*cells, css_class="govuk-grid-row")


class GovukForm:
    """Mix into a Django form to render it with crispy-forms-gds.

    The helper renders the fields only: the page's template holds the `<form>` element
    (its action, method, `novalidate` and CSRF token) and its buttons, because both differ
    from page to page. Labels and legends are bold (`Size.SMALL`), as on every Haven page."""

    label_size = Size.SMALL

    def govuk_layout(self) -> list:
        """The layout objects, in order. Every field, each as its widget asks, by default."""
        return [govuk_field(self, name) for name in self.fields]

    @cached_property
    def helper(self) -> FormHelper:
        # Made for each form: crispy layout objects keep state while they render.
        helper = FormHelper()
        helper.form_tag = False
        helper.disable_csrf = True
        if self.label_size:
            helper.label_size = self.label_size
            helper.legend_size = self.label_size
        helper.layout = Layout(*self.govuk_layout())
        return helper


class DateInputWidget(GdsDateInputWidget):
    """The package's date input (its `gds/widgets/date.html`), with the boxes named and
    identified `<name>_day`, `_month` and `_year` (the package numbers them `_0`, `_1`,
    `_2`), so that links, bookmarks and tests made before it keep working."""

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs)
        self.widgets_names = [f"_{part}" for part in DATE_PARTS]
        for widget in self.widgets:
            widget.attrs["inputmode"] = "numeric"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        id_ = context["widget"]["attrs"].get("id")
        if id_:
            for part, subwidget in zip(DATE_PARTS, context["widget"]["subwidgets"], strict=True):
                subwidget["attrs"]["id"] = f"{id_}_{part}"
        return context

    def id_for_label(self, id_):
        # The error summary links to the first box (GOV.UK date input pattern).
        return f"{id_}_day" if id_ else ""


class DateInputField(GdsDateInputField):
    """A date typed as day, month and year: all three or none, a four-digit year, and a
    real date. A part that is missing is marked and its message goes beside it; a date
    that is not real marks all three boxes (GOV.UK date input, "Error messages").

    `name` is how a message refers to the date when the label is not a noun phrase."""

    widget = DateInputWidget

    def __init__(self, *, label: str, hint: str = "", name: str = "", required: bool = False, **kwargs) -> None:
        required_message = kwargs.pop("required_message", "")
        super().__init__(label=label, help_text=hint, required=required, require_all_fields=False, **kwargs)
        self.name = name or label
        if required_message:
            self.error_messages["required"] = required_message

    def clean(self, value):
        for field in self.fields:
            field.widget.errors = []
        parts = [(part or "").strip() for part in self._parts(value)]
        if not any(parts):
            if self.required:
                raise ValidationError(self.error_messages["required"], code="required")
            return None
        missing = [index for index, part in enumerate(parts) if not part]
        if missing:
            message = f"{self.name} must include a {' and '.join(DATE_PARTS[index] for index in missing)}"
            for index in missing:
                self.fields[index].widget.errors.append(message)
            raise ValidationError(message, code="incomplete")
        try:
            day, month, year = (int(part) for part in parts)
            if len(parts[2]) != 4:
                raise ValueError
            out = date(year, month, day)
        except ValueError as exc:
            raise ValidationError(f"{self.name} must be a real date", code="invalid") from exc
        self.validate(out)
        self.run_validators(out)
        return out

    @staticmethod
    def _parts(value) -> list:
        if isinstance(value, date):
            return [str(value.day), str(value.month), str(value.year)]
        if isinstance(value, list | tuple):
            return [str(part) if part is not None else "" for part in value] + [""] * (3 - len(value))
        return ["", "", ""]


class ShowsServiceErrors:
    """Mix into a form: a service's error (InvalidInput names several fields at once) is
    shown beside each field it names, or above the form when it names none of them, and
    everything typed is kept. A service may name the value it judged ("review_on") where
    the page has a differently named box for it: FIELD_ALIASES maps one to the other."""

    FIELD_ALIASES: dict[str, str] = {}

    def add_haven_error(self, error: HavenError) -> None:
        for name, message in field_errors(error).items():
            name = self.FIELD_ALIASES.get(name, name)
            self.add_error(name if name in self.fields else None, message)
