"""Reads of evidence notes: the list and the counts by direction."""

from django.db.models import Count, Q, QuerySet

from peel.models import Direction, EvidenceNote, Inspection


def evidence_notes_for(*, inspection: Inspection) -> QuerySet[EvidenceNote]:
    return EvidenceNote.objects.filter(inspection=inspection).select_related("question", "author")


def evidence_totals(*, inspection: Inspection) -> dict[str, int]:
    """Counts of the inspection's notes: total, by direction, and proposed AFIs (one query)."""
    return EvidenceNote.objects.filter(inspection=inspection).aggregate(
        total=Count("pk"),
        strength=Count("pk", filter=Q(direction=Direction.STRENGTH)),
        weakness=Count("pk", filter=Q(direction=Direction.WEAKNESS)),
        neutral=Count("pk", filter=Q(direction=Direction.NEUTRAL)),
        proposed_afi=Count("pk", filter=Q(proposed_afi=True)),
    )
