from django.db.models import QuerySet

from forces.models import Force


def force_list(*, include_inactive: bool = False) -> QuerySet[Force]:
    forces = Force.objects.all()
    return forces if include_inactive else forces.filter(active=True)


def force_find(*, identifier: str) -> Force:
    """A force by slug, short name or official name (case-insensitive): what a command-line user types."""
    identifier = identifier.strip()
    for lookup in ("slug__iexact", "short_name__iexact", "name__iexact"):
        match = Force.objects.filter(**{lookup: identifier}).first()
        if match is not None:
            return match
    raise Force.DoesNotExist(
        f"No force is called {identifier!r} (give its slug, e.g. 'cleveland', or its name)."
    )
