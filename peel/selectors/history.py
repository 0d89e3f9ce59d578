"""An object's history (django-simple-history) as entries a person reads: who, when, what changed, why."""

import datetime
from dataclasses import dataclass, field

from django.db import models
from simple_history.models import DeletedObject

# Bookkeeping that changes with every save and says nothing to a reader.
NOT_SHOWN = ["updated_at", "created_at", "assessed_at"]

HISTORY_TYPES = {"+": "Created", "~": "Changed", "-": "Deleted"}


@dataclass(frozen=True)
class HistoryChange:
    field: str
    old: str
    new: str


@dataclass
class HistoryEntry:
    when: datetime.datetime
    who: object
    what: str
    reason: str
    changes: list[HistoryChange] = field(default_factory=list)


def _shown(model_field, value, labels: dict[str, str] | None = None) -> str:
    if labels is not None and value in labels:
        return labels[value]
    if value is None or value == "" or (isinstance(value, DeletedObject) and value.pk is None):
        return "—"
    if isinstance(value, DeletedObject):
        return f"a deleted {value.model._meta.verbose_name}"
    if isinstance(value, list):  # a many-to-many field: the rows of its through table
        return f"{len(value)} linked"
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, models.Model) and hasattr(value, "get_full_name"):
        return value.get_full_name() or value.get_username()
    if isinstance(value, datetime.datetime):
        return f"{value:%d %B %Y %H:%M}"
    return str(value)


def history_entries(item) -> list[HistoryEntry]:
    """Newest first; each entry lists the fields that changed against the entry before it. A field whose
    values are data rather than choices (a judgment's grade: a level of the programme's scale) is shown
    with the labels the item gives (``history_labels``)."""
    labels_of = getattr(item, "history_labels", lambda name: None)
    records = list(item.history.select_related("history_user").order_by("history_date", "history_id"))
    entries: list[HistoryEntry] = []
    previous = None
    for record in records:
        changes = []
        if previous is not None:
            delta = record.diff_against(previous, excluded_fields=NOT_SHOWN, foreign_keys_are_objs=True)
            for change in delta.changes:
                model_field = item._meta.get_field(change.field)
                labels = labels_of(change.field)
                changes.append(
                    HistoryChange(
                        field=str(getattr(model_field, "verbose_name", change.field)).capitalize(),
                        old=_shown(model_field, change.old, labels),
                        new=_shown(model_field, change.new, labels),
                    )
                )
        entries.append(
            HistoryEntry(
                when=record.history_date,
                who=record.history_user,
                what=HISTORY_TYPES.get(record.history_type, record.history_type),
                reason=record.history_change_reason or "",
                changes=changes,
            )
        )
        previous = record
    return entries[::-1]
