"""The review export: every answer, one row per reviewed file × criterion, as CSV or XLSX."""

from collections.abc import Iterator

from django.utils.text import slugify

from peel.models import Criterion, Inspection
from peel.spreadsheets import ExportFile, csv_bytes, xlsx_bytes
from reviews.applicability import FileFacts, criterion_applies
from reviews.models import AdjudicatedAnswer, Answer, AnswerValue, CaseFile, Review, ReviewKind, ReviewStatus
from reviews.outcomes import outcome_name

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


# The XLSX export is read by people: column titles, names, answer labels, dates and outcome names (the
# CSV keeps the codes and usernames, for analysis). Same columns, plus the outcome's name.
XLSX_HEADER = tuple(
    title
    for name in EXPORT_HEADER
    for title in (
        ("Outcome number", "Outcome") if name == "outcome_code" else (name.replace("_", " ").capitalize(),)
    )
)
DATE_COLUMNS = ("Recorded date",)


def _yes_no(value: bool | None) -> str:
    return "" if value is None else ("yes" if value else "no")


def _person(user) -> str:
    return (user.get_full_name() or user.username) if user else ""


def _answer_label(value: str) -> str:
    return AnswerValue(value).label if value else ""


def review_records(*, inspection: Inspection) -> Iterator[dict]:
    """One record per file that has a review × every criterion of the programme, in stratum and draw
    order, with typed values (dates, users, codes) for each format to present, and the ``case_file``
    itself. ``counted_answer`` is what the results use (see ``selectors.answers_that_count``). The
    exports and the API's counted answers both read these, so the two cannot disagree. Five queries."""
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
            yield {
                "case_file": case_file,
                "stratum": case_file.stratum.label,
                "crime_reference": case_file.crime.crime_reference,
                "crime_type": case_file.crime.crime_type,
                "recorded_date": case_file.crime.recorded_date,
                "file_status": case_file.get_status_display(),
                "replaces": case_file.replaces.crime.crime_reference if case_file.replaces else "",
                "outcome_code": case_file.outcome_code,
                "domestic_abuse": case_file.domestic_abuse,
                "vulnerable_victim": case_file.vulnerable_victim,
                "repeat_victim": case_file.repeat_victim,
                "suspect_identified": case_file.suspect_identified,
                "risk_level": case_file.get_risk_level_display() if case_file.risk_level else "",
                "criterion_code": criterion.code,
                "criterion_section": criterion.section,
                "criterion": criterion.text,
                "applies": criterion_applies(criterion.applicability, facts),
                "first_reviewer": first.reviewer if first else None,
                "first_review": first,
                "first_answer": first_answer.value if first_answer else "",
                "first_note": first_answer.note if first_answer else "",
                "second_reviewer": second.reviewer if second else None,
                "second_review": second,
                "second_answer": second_answer.value if second_answer else "",
                "second_note": second_answer.note if second_answer else "",
                "adjudicated_answer": decision.value if decision else "",
                "adjudication_note": decision.note if decision else "",
                "counted_answer": counted,
            }


_FLAGS = ("domestic_abuse", "vulnerable_victim", "repeat_victim", "suspect_identified", "applies")
_ANSWERS = ("first_answer", "second_answer", "adjudicated_answer", "counted_answer")


def review_export_rows(*, inspection: Inspection) -> Iterator[tuple]:
    """The CSV's rows (``EXPORT_HEADER``): codes, usernames and ISO dates, for analysis."""
    for record in review_records(inspection=inspection):
        values = {
            **record,
            "recorded_date": record["recorded_date"].isoformat(),
            "outcome_code": "" if record["outcome_code"] is None else record["outcome_code"],
            **{flag: _yes_no(record[flag]) for flag in _FLAGS},
            "first_reviewer": record["first_reviewer"].username if record["first_reviewer"] else "",
            "first_review_status": record["first_review"].status if record["first_review"] else "",
            "second_reviewer": record["second_reviewer"].username if record["second_reviewer"] else "",
            "second_review_status": record["second_review"].status if record["second_review"] else "",
        }
        yield tuple(values[name] for name in EXPORT_HEADER)


def review_export_rows_for_people(*, inspection: Inspection) -> Iterator[tuple]:
    """The XLSX's rows (``XLSX_HEADER``): names, labels, real dates and the outcome's name."""
    for record in review_records(inspection=inspection):
        first, second = record["first_review"], record["second_review"]
        values = {
            **record,
            **{flag: _yes_no(record[flag]).capitalize() for flag in _FLAGS},
            **{answer: _answer_label(record[answer]) for answer in _ANSWERS},
            "first_reviewer": _person(record["first_reviewer"]),
            "first_review_status": first.get_status_display() if first else "",
            "second_reviewer": _person(record["second_reviewer"]),
            "second_review_status": second.get_status_display() if second else "",
        }
        row = []
        for name in EXPORT_HEADER:
            row.append(values[name])
            if name == "outcome_code":
                row.append(outcome_name(record["outcome_code"]))
        yield tuple(row)


def review_export(*, inspection: Inspection, file_format: str) -> ExportFile:
    """The export as a file in ``csv`` or ``xlsx``; every cell is neutralised against formulae."""
    stem = f"file-review-{slugify(inspection.force.name)}-{inspection.programme.slug}"
    if file_format == "csv":
        rows = review_export_rows(inspection=inspection)
        return ExportFile(csv_bytes(EXPORT_HEADER, rows), "text/csv; charset=utf-8", f"{stem}.csv")
    if file_format == "xlsx":
        rows = review_export_rows_for_people(inspection=inspection)
        return ExportFile(
            xlsx_bytes(XLSX_HEADER, rows, sheet_title="File review", date_columns=DATE_COLUMNS),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            f"{stem}.xlsx",
        )
    raise ValueError(f"Unknown export format {file_format!r}; expected one of {', '.join(FORMATS)}.")
