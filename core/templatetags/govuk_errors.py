"""Where each message in the GOV.UK error summary links to.

crispy-forms-gds's own summary links a group of radios to an id no element has, and
the boxes of a date input to `<id>_0`; Haven's radios and date inputs have real ids
for their first radio and each box. This filter is used by Haven's copy of the
package's `gds/layout/error_summary.html`, so pages still call its `{% error_summary %}`.
"""

from django import forms, template

register = template.Library()


def _target(bound_field) -> str:
    widget = bound_field.field.widget
    if isinstance(widget, forms.MultiWidget) and bound_field.auto_id:
        # A date input's message links to its first box, whichever names its boxes carry
        # (Haven's `_day`, or the package's own `_0` where a form uses its field directly).
        return f"{bound_field.auto_id}{widget.widgets_names[0]}"
    return bound_field.id_for_label or bound_field.auto_id or "main-content"


def _field_links(bound_field) -> list[tuple[str, str]]:
    links = []
    widget = bound_field.field.widget
    if isinstance(widget, forms.MultiWidget) and bound_field.auto_id:
        # Messages kept on the parts (the date input marks the boxes a message is about)
        # link to the first box they are about; the rest link to the first box.
        for suffix, subfield in zip(widget.widgets_names, bound_field.field.fields, strict=True):
            for message in getattr(subfield.widget, "errors", []):
                if message not in [text for _, text in links]:
                    links.append((f"{bound_field.auto_id}{suffix}", message))
    seen = {text for _, text in links}
    links += [(_target(bound_field), message) for message in bound_field.errors if message not in seen]
    return links


@register.filter
def error_links(form) -> list[tuple[str, str]]:
    """(id, message) for every error of the form: the form's own first, pointing at its
    first visible field, then each field's in order, with the same words as beside it."""
    if not getattr(form, "errors", None):
        return []
    visible = form.visible_fields()
    first = _target(visible[0]) if visible else "main-content"
    links = [(first, message) for message in form.non_field_errors()]
    for bound_field in form:
        links += _field_links(bound_field)
    return links
