"""Builders for the case-file review: a PEEL 2016 inspection, crime lists, drawn samples and reviews."""

import datetime
import io

from forces.models import Force
from peel.models import Criterion, Inspection, Programme
from reviews.applicability import FileFacts, criterion_applies
from reviews.models import AnswerValue, CaseFile, DesignKind, DesignTemplate, Review, ReviewKind, Stratum
from reviews.services.allocation import case_files_allocate
from reviews.services.design import sample_quotas_update
from reviews.services.draw import sample_draw
from reviews.services.frame import crime_list_import
from reviews.services.moderation import review_accept
from reviews.services.reviewing import ReviewInput, review_save
from tests.factories.inspections import InspectionFactory

HEADER = ("crime_reference", "crime_type", "recorded_date", "domestic_abuse_flag", "outcome_code")
# The crime types of the PEEL 2016 design, as a force's list might name them.
STRATUM_CRIME_TYPES = {
    "Robbery": ("Robbery", False),
    "Common assault (domestic abuse)": ("Common assault", True),
    "Grievous bodily harm": ("GBH", False),
    "Stalking": ("Stalking", False),
    "Harassment": ("Harassment", False),
    "Rape": ("Rape", False),
    "Domestic burglary": ("Domestic burglary", False),
}


def peel_2016() -> Programme:
    return Programme.objects.get(slug="peel-effectiveness-2016")


def criteria_2016() -> list[Criterion]:
    return list(Criterion.objects.filter(programme=peel_2016()))


def inspection_2016(**kwargs) -> Inspection:
    """A PEEL 2016 inspection (window 1 January to 31 March 2016) of a force with none yet."""
    if "force" not in kwargs:
        taken = Inspection.objects.filter(programme=peel_2016()).values("force_id")
        kwargs["force"] = Force.objects.exclude(pk__in=taken).order_by("slug").first()
    return InspectionFactory(programme=peel_2016(), **kwargs)


def csv_bytes(rows, header=HEADER, *, bom=False, newline="\n") -> bytes:
    lines = [",".join(header)] + [",".join(str(cell) for cell in row) for row in rows]
    text = newline.join(lines) + newline
    return (("\ufeff" if bom else "") + text).encode("utf-8")


def frame_rows(
    per_stratum: int | dict[str, int] = 20, *, date=datetime.date(2016, 2, 1), prefix="CL"
) -> list[tuple]:
    """Well-formed rows, ``per_stratum`` crimes of each PEEL 2016 stratum, all inside the window."""
    counts = per_stratum if isinstance(per_stratum, dict) else dict.fromkeys(STRATUM_CRIME_TYPES, per_stratum)
    rows = []
    for label, count in counts.items():
        crime_type, domestic_abuse = STRATUM_CRIME_TYPES[label]
        code = list(STRATUM_CRIME_TYPES).index(label) + 1
        for n in range(count):
            rows.append(
                (f"{prefix}/{code}/{n:05d}", crime_type, date.isoformat(), "Y" if domestic_abuse else "N", "")
            )
    return rows


def import_rows(inspection: Inspection, rows, **kwargs):
    return crime_list_import(
        inspection=inspection, file=io.BytesIO(csv_bytes(rows)), filename="crimes.csv", **kwargs
    )


def drawn_inspection(
    per_stratum: int | dict[str, int] = 20, *, seed: int = 2016, allocate: bool = True, **kwargs
):
    """An inspection whose crime list is imported, sample drawn (seed given) and files allocated."""
    inspection = inspection_2016(**kwargs)
    import_rows(inspection, frame_rows(per_stratum))
    sample_draw(inspection=inspection, seed=seed)
    if allocate:
        case_files_allocate(inspection=inspection)
    return inspection


def complete_input(
    case_file: CaseFile, value: str = AnswerValue.YES, *, overrides: dict[str, str] | None = None
):
    """Answers to every criterion that applies (``overrides`` by criterion code), with settled facts."""
    facts = FileFacts(
        outcome_code=case_file.outcome_code,
        domestic_abuse=case_file.domestic_abuse,
        vulnerable_victim=case_file.vulnerable_victim,
        repeat_victim=case_file.repeat_victim,
        suspect_identified=True if case_file.suspect_identified is None else case_file.suspect_identified,
        risk_level=case_file.risk_level or ("standard" if case_file.domestic_abuse else ""),
    )
    answers = {}
    for criterion in criteria_2016():
        if criterion_applies(criterion.applicability, facts):
            answers[criterion.pk] = (overrides or {}).get(criterion.code, value)
    return ReviewInput(answers=answers, notes={}, facts=facts)


def submitted_review(
    case_file: CaseFile, kind: str = ReviewKind.FIRST, value=AnswerValue.YES, overrides=None
) -> Review:
    reviewer = case_file.reviewer if kind == ReviewKind.FIRST else case_file.second_reviewer
    data = complete_input(case_file, value, overrides=overrides)
    if kind == ReviewKind.SECOND:
        data.facts = None
    current = Review.objects.filter(case_file=case_file, kind=kind).first()
    return review_save(
        inspection=case_file.inspection,
        case_file_id=case_file.pk,
        kind=kind,
        user=reviewer,
        expected_version=current.version if current else 0,
        data=data,
        submit=True,
    )


def accepted_review(
    case_file: CaseFile, kind: str = ReviewKind.FIRST, value=AnswerValue.YES, overrides=None
) -> Review:
    review = submitted_review(case_file, kind, value, overrides)
    return review_accept(inspection=case_file.inspection, review_id=review.pk, user=case_file.inspection.lead)


AUDIT_QUESTION = "Was the crime correctly recorded?"


def audit_inspection(frame: dict[str, int], quotas: dict[str, int], *, seed: int = 2016) -> Inspection:
    """A PEEL 2016 inspection run as an audit (its programme's default design made one, then copied as
    any inspection's is): ``frame`` crimes per stratum imported, ``quotas`` drawn (strata not named get
    none), files allocated."""
    DesignTemplate.objects.filter(programme=peel_2016()).update(
        kind=DesignKind.AUDIT, decision_question=AUDIT_QUESTION
    )
    inspection = inspection_2016()
    import_rows(inspection, frame_rows(frame))
    strata = Stratum.objects.filter(inspection=inspection)
    sample_quotas_update(
        inspection=inspection,
        total=sum(quotas.values()),
        quotas={stratum.pk: quotas.get(stratum.label, 0) for stratum in strata},
    )
    sample_draw(inspection=inspection, seed=seed)
    case_files_allocate(inspection=inspection)
    return inspection


def audit_decided(
    case_file: CaseFile, decision: str, *, kind: str = ReviewKind.FIRST, accept: bool = True, note: str = ""
) -> Review:
    """The file's review submitted with ``decision`` (and accepted by the lead unless ``accept`` is
    False)."""
    reviewer = case_file.reviewer if kind == ReviewKind.FIRST else case_file.second_reviewer
    current = Review.objects.filter(case_file=case_file, kind=kind).first()
    review = review_save(
        inspection=case_file.inspection,
        case_file_id=case_file.pk,
        kind=kind,
        user=reviewer,
        expected_version=current.version if current else 0,
        data=ReviewInput(decision=decision, decision_note=note),
        submit=True,
    )
    if not accept:
        return review
    return review_accept(inspection=case_file.inspection, review_id=review.pk, user=case_file.inspection.lead)
