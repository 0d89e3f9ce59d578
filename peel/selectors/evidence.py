"""Reads of evidence notes (their counts are in the overview's one query, selectors/inspections.py)."""

from django.db.models import QuerySet

from peel.models import EvidenceNote, Inspection


def evidence_notes_for(*, inspection: Inspection) -> QuerySet[EvidenceNote]:
    return EvidenceNote.objects.filter(inspection=inspection).select_related("question", "author")
