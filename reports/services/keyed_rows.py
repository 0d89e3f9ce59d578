"""Bring a table's rows in line with a computed set, keyed by what produced each row.

Unchanged rows are not written, changed rows are updated in place, new keys are inserted and vanished
keys deleted: a re-run on unchanged evidence writes nothing, and every step is one bulk query.
"""

from collections.abc import Callable, Hashable, Iterable

from django.db import models


def rows_sync(
    *,
    model: type[models.Model],
    existing: Iterable[models.Model],
    desired: dict[Hashable, dict],
    key_of: Callable[[models.Model], Hashable],
    key_fields: Callable[[Hashable], dict],
) -> int:
    """Returns how many rows were inserted, updated or deleted."""
    remaining = {key_of(row): row for row in existing}
    to_create, to_update, changed_fields = [], [], set()
    for key, values in desired.items():
        row = remaining.pop(key, None)
        if row is None:
            to_create.append(model(**key_fields(key), **values))
            continue
        changed = [name for name, value in values.items() if getattr(row, name) != value]
        if changed:
            for name in changed:
                setattr(row, name, values[name])
            to_update.append(row)
            changed_fields.update(changed)
    if to_create:
        model.objects.bulk_create(to_create)
    if to_update:
        model.objects.bulk_update(to_update, sorted(changed_fields))
    if remaining:
        model.objects.filter(pk__in=[row.pk for row in remaining.values()]).delete()
    return len(to_create) + len(to_update) + len(remaining)
