"""Reads of the report's sections, with what their editor shows beside them."""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from authoring.models import ReportDetails, ReportSection, SectionComment, SectionRevision, SectionStatus
from peel.models import EvidenceNote, Inspection, Question
from reports.models import CriterionResult


def sections_for(*, inspection: Inspection) -> QuerySet[ReportSection]:
    """The inspection's sections in report order, with their question and author."""
    return ReportSection.objects.filter(inspection=inspection).select_related("question", "author")


def section_for(*, inspection: Inspection, section_id: int) -> ReportSection:
    """One section of this inspection (DoesNotExist for another's: the caller answers 404)."""
    section = sections_for(inspection=inspection).get(pk=section_id)
    section.inspection = inspection  # the one already loaded, with its team
    return section


def writing_list_for(*, inspection: Inspection) -> QuerySet[ReportSection]:
    """The writing page's rows: each section with its count of open comments."""
    return sections_for(inspection=inspection).annotate(
        open_comments=Count("comments", filter=Q(comments__resolved_at__isnull=True))
    )


@dataclass(frozen=True)
class SectionProgress:
    total: int
    approved: int
    ready: int

    @property
    def all_approved(self) -> bool:
        return self.total > 0 and self.approved == self.total


def section_progress(sections: list[ReportSection]) -> SectionProgress:
    return SectionProgress(
        total=len(sections),
        approved=sum(1 for s in sections if s.status == SectionStatus.APPROVED),
        ready=sum(1 for s in sections if s.status == SectionStatus.READY_FOR_REVIEW),
    )


def revisions_of(*, section: ReportSection) -> QuerySet[SectionRevision]:
    return section.revisions.select_related("saved_by")


def comments_of(*, section: ReportSection) -> QuerySet[SectionComment]:
    return section.comments.select_related("author", "resolved_by")


def details_of(*, inspection: Inspection) -> ReportDetails | None:
    return ReportDetails.objects.filter(inspection=inspection).first()


def _questions_under(question: Question | None) -> list[int]:
    if question is None:
        return []
    return [question.pk, *question.children.values_list("pk", flat=True)]


def section_evidence(*, section: ReportSection) -> QuerySet[EvidenceNote]:
    """The evidence notes of the section's question and its sub-questions, for its editor."""
    return (
        EvidenceNote.objects.filter(
            inspection_id=section.inspection_id, question__in=_questions_under(section.question)
        )
        .select_related("question", "author")
        .order_by("question__order", "observed_on", "pk")
    )


def section_results(*, section: ReportSection) -> list[CriterionResult]:
    """The overall file-review results of the criteria mapped to the section's question or its
    sub-questions, for its editor (each with an Insert button for its ``{{result:CODE}}``)."""
    questions = _questions_under(section.question)
    if not questions:
        return []
    return list(
        CriterionResult.objects.filter(
            inspection_id=section.inspection_id,
            stratum=None,
            n__gt=0,
            criterion__questions__in=questions,
        )
        .select_related("criterion")
        .distinct()
        .order_by("criterion__order", "criterion__code")
    )
