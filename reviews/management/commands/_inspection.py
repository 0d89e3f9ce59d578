"""The ``--inspection N`` argument the review commands share."""

from django.core.management.base import CommandError

from peel.models import Inspection


def inspection_by_id(inspection_id: int) -> Inspection:
    inspection = Inspection.objects.select_related("force", "programme").filter(pk=inspection_id).first()
    if inspection is None:
        raise CommandError(f"There is no inspection {inspection_id}.")
    return inspection
