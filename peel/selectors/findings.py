"""Reads of judgments, summaries of findings, AFIs, causes of concern and the previous findings."""

from django.db.models import Prefetch, QuerySet

from peel.models import (
    AreaForImprovement,
    CauseOfConcern,
    EvidenceNote,
    FindingSummary,
    Inspection,
    Judgment,
    NotablePractice,
    PreviousFindingAssessment,
)


def judgments_for(*, inspection: Inspection) -> QuerySet[Judgment]:
    return Judgment.objects.filter(inspection=inspection).select_related("question", "approved_by")


def summaries_for(*, inspection: Inspection) -> QuerySet[FindingSummary]:
    return FindingSummary.objects.filter(inspection=inspection).select_related("question", "approved_by")


def afis_for(*, inspection: Inspection) -> QuerySet[AreaForImprovement]:
    return (
        AreaForImprovement.objects.filter(inspection=inspection)
        .select_related("question", "approved_by")
        .prefetch_related(
            Prefetch("evidence_notes", queryset=EvidenceNote.objects.select_related("question")),
            "criteria",
            "recommendations",
        )
    )


def causes_for(*, inspection: Inspection) -> QuerySet[CauseOfConcern]:
    return (
        CauseOfConcern.objects.filter(inspection=inspection)
        .select_related("question", "approved_by")
        .prefetch_related("recommendations")
    )


def causes_with_links_for(*, inspection: Inspection) -> QuerySet[CauseOfConcern]:
    """For the cause's own page: with the notes and criteria it rests on."""
    return causes_for(inspection=inspection).prefetch_related(
        Prefetch("evidence_notes", queryset=EvidenceNote.objects.select_related("question")), "criteria"
    )


def practices_for(*, inspection: Inspection) -> QuerySet[NotablePractice]:
    return NotablePractice.objects.filter(inspection=inspection).select_related("question", "approved_by")


Assessments = dict[tuple[str, int], PreviousFindingAssessment]


def previous_assessments_by_finding(*, inspection: Inspection) -> Assessments:
    """This inspection's assessments keyed by ("afi" | "cause", id of the previous finding)."""
    assessments = PreviousFindingAssessment.objects.filter(inspection=inspection).select_related(
        "assessed_by"
    )
    return {("afi", a.afi_id) if a.afi_id else ("cause", a.cause_of_concern_id): a for a in assessments}
