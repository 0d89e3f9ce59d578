"""The error summary shown at the top of every form (templates/includes/error_summary.html)."""

from dataclasses import dataclass

from django import template

register = template.Library()


@dataclass(frozen=True)
class ErrorItem:
    message: str
    label: str = ""
    anchor: str = ""  # the id of the field's first input, which the summary links to


def _anchor(bound_field) -> str:
    """Radio buttons and checkboxes are numbered from the field's id (``id_direction_0``)."""
    widget = bound_field.field.widget
    if getattr(widget, "input_type", "") in ("radio", "checkbox") and hasattr(widget, "choices"):
        return f"{bound_field.auto_id}_0"
    return bound_field.auto_id or ""


@register.simple_tag
def error_items(form) -> list[ErrorItem]:
    """The form's problems in page order: its own, then each field's, each field's linked to it."""
    if not hasattr(form, "is_bound") or not form.is_bound or not form.errors:  # no form: a page from cache
        return []
    items = [ErrorItem(str(message)) for message in form.non_field_errors()]
    for bound_field in form:
        for message in bound_field.errors:
            items.append(
                ErrorItem(str(message), str(bound_field.label or bound_field.name), _anchor(bound_field))
            )
    return items
