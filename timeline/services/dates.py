"""The lead (or an Admin) sets an inspection's milestone dates, all in one save."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from peel.models import Inspection
from peel.roles import is_admin
from timeline.models import DATED_KINDS, Milestone
from timeline.selectors import timeline_version

CONFLICT = (
    "Someone else changed this timeline after you opened it, so your dates were not saved. Their dates "
    "are shown; yours are kept in the form: check them and save again."
)


def timeline_editor_ensure(*, inspection: Inspection, user) -> None:
    if not (inspection.is_lead(user) or is_admin(user)):
        raise PermissionDenied("Only the inspection's lead or an administrator can change its timeline.")


def timeline_save(
    *,
    inspection: Inspection,
    user,
    dates: dict[str, datetime.date | None],
    fieldwork_start: datetime.date | None,
    fieldwork_end: datetime.date | None,
    version: str | None = None,
) -> Inspection:
    """Save every milestone's date (``dates`` by kind) and the fieldwork days; refused whole if anyone
    saved the timeline or the inspection since ``version``. Rows whose date did not change are not
    written, so saving an unchanged form moves no version."""
    timeline_editor_ensure(inspection=inspection, user=user)
    if fieldwork_start and fieldwork_end and fieldwork_start > fieldwork_end:
        raise ValidationError("Fieldwork's last day is before its first day.")
    with transaction.atomic():
        # The inspection's row lock serialises every save of its timeline, the first one included.
        locked = Inspection.objects.select_for_update().get(pk=inspection.pk)
        if locked.is_published:
            raise ValidationError("This inspection is published: its timeline can no longer change.")
        stored = {m.kind: m for m in Milestone.objects.filter(inspection=locked)}
        if version is not None and timeline_version(locked, stored.values()) != version:
            raise ValidationError(CONFLICT, code="conflict")
        for kind in DATED_KINDS:
            _milestone_set(locked, stored.get(kind), kind, dates.get(kind))
        if (locked.fieldwork_start, locked.fieldwork_end) != (fieldwork_start, fieldwork_end):
            locked.fieldwork_start, locked.fieldwork_end = fieldwork_start, fieldwork_end
            locked.save(update_fields=["fieldwork_start", "fieldwork_end", "updated_at"])
    return locked


def _milestone_set(inspection: Inspection, milestone: Milestone | None, kind: str, due) -> None:
    if milestone is None:
        if due is not None:
            Milestone.objects.create(inspection=inspection, kind=kind, due_date=due)
    elif milestone.due_date != due:
        milestone.due_date = due
        milestone.save(update_fields=["due_date", "updated_at"])
