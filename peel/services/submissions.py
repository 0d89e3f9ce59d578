"""One submission, one row: a create form carries a key (a UUID rendered into it), stored on the row it
creates, so a repeated POST of the same form (a double click, a resend after a timeout) finds the row
already made instead of making another. Callers look it up while holding the lock that serialises
creation under the parent, so two identical POSTs at once cannot both insert."""

import uuid

from django.core.exceptions import ValidationError
from django.db.models import Model

from peel.models import Inspection


def inspection_lock(inspection: Inspection) -> Inspection:
    """Lock the inspection's row: creations under it (and their order numbers) happen one at a time."""
    return Inspection.objects.select_for_update().get(pk=inspection.pk)


def earlier_submission(model: type[Model], *, key: uuid.UUID | None, **parent) -> Model | None:
    """The row this submission already created, if any; refused if the key belongs to another parent."""
    if key is None:
        return None
    row = model.objects.filter(submission_key=key).first()
    if row is not None and any(getattr(row, f"{name}_id") != value.pk for name, value in parent.items()):
        raise ValidationError("This form was already used for something else: reload the page and try again.")
    return row
