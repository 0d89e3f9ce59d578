"""The pre-publication checklist: what still waits for a decision before the report can go to the HM
Inspector, each with a link to where it is decided, and the report's sections with nothing in them."""

from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.urls import reverse

from authoring.models import ReportSection, SectionStatus
from factual_accuracy.selectors import check_checklist_problems
from peel.models import (
    ApprovalState,
    AreaForImprovement,
    CauseOfConcern,
    FindingSummary,
    Inspection,
    Judgment,
    PreviousFindingAssessment,
    QuestionLevel,
    Recommendation,
)
from peel.services.inspections import inspection_publication_blockers
from reports.models import CompileRun, CompileStatus


@dataclass(frozen=True)
class ChecklistItem:
    label: str
    url: str


@dataclass
class Checklist:
    """What still waits for a decision before the report can go to the HM Inspector, each with a link to
    where it is decided; and the report's sections that have nothing in them (shown, not blocking)."""

    problems: list[str] = field(default_factory=list)
    waiting: list[ChecklistItem] = field(default_factory=list)
    empty: list[ChecklistItem] = field(default_factory=list)

    @property
    def is_clear(self) -> bool:
        return not self.problems and not self.waiting


def _detail(inspection: Inspection, kind: str, item_id: int) -> str:
    return reverse("peel:approvable_detail", kwargs={"pk": inspection.pk, "kind": kind, "item_id": item_id})


def _waiting(queryset: QuerySet) -> QuerySet:
    return queryset.exclude(state=ApprovalState.APPROVED).select_related("question")


def prepublication_checklist(*, inspection: Inspection, content: Checklist | None = None) -> Checklist:
    """The checklist: ``content`` (``content_checklist``, which the report page keeps in its cache) with
    what the factual accuracy check still asks, read now."""
    content = content or content_checklist(inspection=inspection)
    # The force has checked the draft and every comment is answered (docs/report.md).
    check_url = reverse("factual_accuracy:inspection_check", kwargs={"pk": inspection.pk})
    accuracy = [
        ChecklistItem(problem, check_url) for problem in check_checklist_problems(inspection=inspection)
    ]
    return Checklist(problems=list(content.problems), waiting=content.waiting + accuracy, empty=content.empty)


def content_checklist(*, inspection: Inspection) -> Checklist:
    """What waits for a decision in the report's content itself, and its empty sections: everything the
    checklist lists but the factual accuracy check."""
    checklist = Checklist()
    if inspection.hmi_id is None:
        checklist.problems.append(
            "No HM Inspector is named for this inspection: name one in the inspection's settings."
        )
    # The stage; what is waiting is listed item by item below.
    checklist.problems += [
        problem
        for problem in inspection_publication_blockers(inspection)
        if not problem.startswith("not approved")
    ]
    for judgment in _waiting(Judgment.objects.filter(inspection=inspection)):
        checklist.waiting.append(
            ChecklistItem(
                f"Judgment {judgment.question.code}: {judgment.get_state_display().lower()}",
                _detail(inspection, "judgments", judgment.pk),
            )
        )
    for summary in _waiting(FindingSummary.objects.filter(inspection=inspection)):
        checklist.waiting.append(
            ChecklistItem(
                f"Summary of findings {summary.question.code}: {summary.get_state_display().lower()}",
                _detail(inspection, "findings", summary.pk),
            )
        )
    for afi in _waiting(AreaForImprovement.objects.filter(inspection=inspection, rejected=False)):
        checklist.waiting.append(
            ChecklistItem(
                f"Area for improvement ({afi.question.code}) “{afi.text[:70]}”: "
                f"{afi.get_state_display().lower()}",
                _detail(inspection, "afis", afi.pk),
            )
        )
    for cause in _waiting(CauseOfConcern.objects.filter(inspection=inspection)):
        checklist.waiting.append(
            ChecklistItem(
                f"Cause of concern ({cause.question.code}) “{cause.text[:70]}”: "
                f"{cause.get_state_display().lower()}",
                _detail(inspection, "causes", cause.pk),
            )
        )
    for section in ReportSection.objects.filter(inspection=inspection).exclude(status=SectionStatus.APPROVED):
        checklist.waiting.append(
            ChecklistItem(
                f"Section “{section.title[:70]}”: {section.get_status_display().lower()}",
                reverse("authoring:section", kwargs={"pk": inspection.pk, "section_id": section.pk}),
            )
        )
    # A recommendation is decided with what it belongs to: it waits while that does.
    waiting_recommendations = Recommendation.objects.filter(
        Q(afi__inspection=inspection, afi__rejected=False) & ~Q(afi__state=ApprovalState.APPROVED)
        | Q(cause_of_concern__inspection=inspection) & ~Q(cause_of_concern__state=ApprovalState.APPROVED)
    )
    for recommendation in waiting_recommendations:
        checklist.waiting.append(
            ChecklistItem(
                f"Recommendation “{recommendation.text[:70]}”: waits for the finding it belongs to",
                reverse(
                    "peel:recommendation_edit",
                    kwargs={"pk": inspection.pk, "recommendation_id": recommendation.pk},
                ),
            )
        )
    checklist.empty = _empty_sections(inspection)
    return checklist


def _empty_sections(inspection: Inspection) -> list[ChecklistItem]:
    empty = []
    overall = (
        Judgment.objects.filter(inspection=inspection, question__level=QuestionLevel.OVERALL)
        .only("pk", "rationale")
        .first()
    )
    if overall is not None and not overall.rationale.strip():
        empty.append(
            ChecklistItem(
                "Overview: the overall judgment has no rationale",
                _detail(inspection, "judgments", overall.pk),
            )
        )
    for summary in FindingSummary.objects.filter(inspection=inspection, text="").select_related("question"):
        empty.append(
            ChecklistItem(
                f"Summary of findings {summary.question.code} is empty",
                _detail(inspection, "findings", summary.pk),
            )
        )
    if not CompileRun.objects.filter(inspection=inspection, status=CompileStatus.SUCCEEDED).exists():
        empty.append(
            ChecklistItem(
                "Annex A – About the data: no compile has succeeded, so there are no file-review results",
                reverse("reports:compile", kwargs={"pk": inspection.pk}),
            )
        )
    if inspection.previous_id is not None:
        assessed = PreviousFindingAssessment.objects.filter(inspection=inspection).count()
        if not assessed:
            empty.append(
                ChecklistItem(
                    "Progress since the previous inspection: none of its findings is assessed",
                    reverse("peel:previous_findings", kwargs={"pk": inspection.pk}),
                )
            )
    return empty
