"""Reads of compiled results, with the related rows each page needs."""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from peel.models import AreaForImprovement, Inspection, Judgment, QuestionLevel
from reports.models import AuditEstimate, CompileRun, CriterionResult, QuestionEvidence
from reviews.models import CaseFileStatus, ReviewKind, ReviewStatus, Stratum


def audit_estimate_for(*, inspection: Inspection) -> AuditEstimate | None:
    """The audit's result as last compiled; None for a quality review or before the first compile."""
    return AuditEstimate.objects.filter(inspection=inspection).first()


def files_reviewed_by_stratum(*, inspection: Inspection) -> dict[int, int]:
    """Per stratum (by id), the files in the sample whose first review is accepted: what Annex A counts
    as reviewed, live between compiles (one query)."""
    return dict(
        Stratum.objects.filter(inspection=inspection)
        .annotate(
            files=Count(
                "case_files",
                filter=Q(
                    case_files__status=CaseFileStatus.IN_SAMPLE,
                    case_files__reviews__kind=ReviewKind.FIRST,
                    case_files__reviews__status=ReviewStatus.ACCEPTED,
                ),
            )
        )
        .order_by("pk")
        .values_list("pk", "files")
    )


def compile_runs_for(*, inspection: Inspection) -> QuerySet[CompileRun]:
    return CompileRun.objects.filter(inspection=inspection).select_related("requested_by")


def compile_run_for(*, inspection: Inspection, run_id: int) -> CompileRun:
    """A run of this inspection (404 semantics are the caller's: DoesNotExist for another's run)."""
    return compile_runs_for(inspection=inspection).get(pk=run_id)


def question_evidence_for(*, inspection: Inspection) -> QuerySet[QuestionEvidence]:
    return QuestionEvidence.objects.filter(inspection=inspection).select_related("question")


def report_afis_for(*, inspection: Inspection) -> QuerySet[AreaForImprovement]:
    """The AFIs a report lists (not rejected), with their recommendations and nothing else."""
    return AreaForImprovement.objects.filter(inspection=inspection, rejected=False).prefetch_related(
        "recommendations"
    )


def compiled_afis_for(*, inspection: Inspection) -> QuerySet[AreaForImprovement]:
    return (
        AreaForImprovement.objects.filter(inspection=inspection)
        .exclude(source_key="")
        .select_related("question")
    )


def proposed_judgments_for(*, inspection: Inspection) -> QuerySet[Judgment]:
    return (
        Judgment.objects.filter(
            inspection=inspection, question__level__in=[QuestionLevel.OVERALL, QuestionLevel.CORE]
        )
        .exclude(proposed_grade="")
        .select_related("question")
    )


@dataclass(frozen=True)
class CriterionRow:
    """One criterion's overall result and its result in each stratum, in stratum order."""

    overall: CriterionResult
    by_stratum: list[CriterionResult | None]


@dataclass(frozen=True)
class ResultsTable:
    strata: list[Stratum]
    rows: list[CriterionRow]

    @property
    def has_small_samples(self) -> bool:
        return any(row.overall.small_sample for row in self.rows)


def results_table(*, inspection: Inspection) -> ResultsTable:
    """The compiled results arranged as a criterion × stratum table: three queries.

    Each result is given its criterion and stratum from the two short lists rather than joined: eight
    results share each criterion, and building a copy of it per row was most of the table's cost."""
    strata = list(Stratum.objects.filter(inspection=inspection).order_by("order"))
    criteria = {criterion.pk: criterion for criterion in inspection.programme.criteria.all()}
    by_id = {stratum.pk: stratum for stratum in strata}
    position = {stratum.pk: index for index, stratum in enumerate(strata)}
    overall: dict[int, CriterionResult] = {}
    cells: dict[int, list[CriterionResult | None]] = {}
    for result in CriterionResult.objects.filter(inspection=inspection):
        result.criterion = criteria[result.criterion_id]
        result.stratum = by_id.get(result.stratum_id)
        if result.stratum_id is None:
            overall[result.criterion_id] = result
        elif result.stratum_id in position:
            cells.setdefault(result.criterion_id, [None] * len(strata))[position[result.stratum_id]] = result
    rows = [
        CriterionRow(overall=result, by_stratum=cells.get(criterion_id, [None] * len(strata)))
        for criterion_id, result in sorted(
            overall.items(), key=lambda item: (item[1].criterion.order, item[1].criterion.code)
        )
    ]
    return ResultsTable(strata=strata, rows=rows)
