"""The review export: every answer, one row per reviewed file × criterion, as CSV or XLSX."""

from collections.abc import Iterator
from dataclasses import dataclass

from django.utils.text import slugify

from peel.models import Criterion, Inspection
from reviews.applicability import FileFacts, criterion_applies
from reviews.models import AdjudicatedAnswer, Answer, CaseFile, Review, ReviewKind, ReviewStatus
from reviews.spreadsheets import csv_bytes, xlsx_bytes

EXPORT_HEADER = (
    "stratum",
    "crime_reference",
    "crime_type",
    "recorded_date",
    "file_status",
    "replaces",
    "outcome_code",
    "domestic_abuse",
    "vulnerable_victim",
    "repeat_victim",
    "suspect_identified",
    "risk_level",
    "criterion_code",
    "criterion_section",
    "criterion",
    "applies",
    "first_reviewer",
    "first_review_status",
    "first_answer",
    "first_note",
    "second_reviewer",
    "second_review_status",
    "second_answer",
    "second_note",
    "adjudicated_answer",
    "adjudication_note",
    "counted_answer",
)
FORMATS = ("csv", "xlsx")


def _yes_no(value: bool | None) -> str:
    return "" if value is None else ("yes" if value else "no")


def review_export_rows(*, inspection: Inspection) -> Iterator[tuple]:
    """One row per file that has a review × every criterion of the programme, in stratum and draw order.
    ``counted_answer`` is what the results use (see ``selectors.answers_that_count``). Five queries."""
    criteria = list(Criterion.objects.filter(programme_id=inspection.programme_id).order_by("order", "code"))
    reviews = {
        (review.case_file_id, review.kind): review
        for review in Review.objects.filter(case_file__inspection=inspection).select_related("reviewer")
    }
    files = (
        CaseFile.objects.filter(pk__in={file_id for file_id, _ in reviews})
        .select_related("stratum", "crime", "replaces__crime")
        .order_by("stratum__order", "rank")
    )
    answers = {
        (answer.review_id, answer.criterion_id): answer
        for answer in Answer.objects.filter(review__case_file__inspection=inspection)
    }
    decisions = {
        (decision.case_file_id, decision.criterion_id): decision
        for decision in AdjudicatedAnswer.objects.filter(case_file__inspection=inspection)
    }
    for case_file in files:
        facts = FileFacts.of(case_file)
        first, second = (
            reviews.get((case_file.pk, ReviewKind.FIRST)),
            reviews.get((case_file.pk, ReviewKind.SECOND)),
        )
        for criterion in criteria:
            first_answer = answers.get((first.pk, criterion.pk)) if first else None
            second_answer = answers.get((second.pk, criterion.pk)) if second else None
            decision = decisions.get((case_file.pk, criterion.pk))
            counts = case_file.is_usable() and first is not None and first.status == ReviewStatus.ACCEPTED
            counted = (
                (decision.value if decision else (first_answer.value if first_answer else ""))
                if counts
                else ""
            )
            yield (
                case_file.stratum.label,
                case_file.crime.crime_reference,
                case_file.crime.crime_type,
                case_file.crime.recorded_date.isoformat(),
                case_file.get_status_display(),
                case_file.replaces.crime.crime_reference if case_file.replaces else "",
                case_file.outcome_code if case_file.outcome_code is not None else "",
                _yes_no(case_file.domestic_abuse),
                _yes_no(case_file.vulnerable_victim),
                _yes_no(case_file.repeat_victim),
                _yes_no(case_file.suspect_identified),
                case_file.get_risk_level_display() if case_file.risk_level else "",
                criterion.code,
                criterion.section,
                criterion.text,
                _yes_no(criterion_applies(criterion.applicability, facts)),
                first.reviewer.username if first else "",
                first.status if first else "",
                first_answer.value if first_answer else "",
                first_answer.note if first_answer else "",
                second.reviewer.username if second else "",
                second.status if second else "",
                second_answer.value if second_answer else "",
                second_answer.note if second_answer else "",
                decision.value if decision else "",
                decision.note if decision else "",
                counted,
            )


@dataclass(frozen=True)
class ExportFile:
    content: bytes
    content_type: str
    filename: str


def review_export(*, inspection: Inspection, file_format: str) -> ExportFile:
    """The export as a file in ``csv`` or ``xlsx``; every cell is neutralised against formulae."""
    stem = f"file-review-{slugify(inspection.force.name)}-{inspection.programme.slug}"
    rows = review_export_rows(inspection=inspection)
    if file_format == "csv":
        return ExportFile(csv_bytes(EXPORT_HEADER, rows), "text/csv; charset=utf-8", f"{stem}.csv")
    if file_format == "xlsx":
        return ExportFile(
            xlsx_bytes(EXPORT_HEADER, rows, sheet_title="File review"),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            f"{stem}.xlsx",
        )
    raise ValueError(f"Unknown export format {file_format!r}; expected one of {', '.join(FORMATS)}.")
