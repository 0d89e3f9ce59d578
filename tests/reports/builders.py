"""Inspections with reviewed files and evidence, built directly in the database for the compile's tests.

The answers are chosen by a function of (criterion code, file number), so each test knows exactly what
the compile must count.
"""

import datetime
from collections.abc import Callable

from django.utils import timezone

from peel.models import (
    AfiOrigin,
    ApprovalState,
    AreaForImprovement,
    Criterion,
    Direction,
    EvidenceNote,
    EvidenceSource,
    Inspection,
    Judgment,
    Programme,
    Question,
)
from reviews.models import (
    Answer,
    AnswerValue,
    CaseFile,
    CrimeListImport,
    FrameCrime,
    Review,
    ReviewKind,
    ReviewStatus,
    Stratum,
    StratumTemplate,
)
from tests.factories.inspections import InspectionFactory, ProgrammeFactory, force

PEEL_2016 = "peel-effectiveness-2016"

_VERDICT = {
    Direction.STRENGTH: "does well",
    Direction.WEAKNESS: "falls short",
    Direction.NEUTRAL: "is as expected",
}

ValueFor = Callable[[Criterion, int, Stratum], str]


def programme_2016() -> Programme:
    return Programme.objects.get(slug=PEEL_2016)


def question(inspection: Inspection, code: str) -> Question:
    return Question.objects.get(programme_id=inspection.programme_id, code=code)


def all_yes(criterion: Criterion, number: int, stratum: Stratum) -> str:
    return AnswerValue.YES


def inspection_2016(*, force_slug: str = "cleveland", **kwargs) -> Inspection:
    return InspectionFactory(programme=programme_2016(), force=force(force_slug), **kwargs)


def strata_add(inspection: Inspection) -> list[Stratum]:
    templates = StratumTemplate.objects.filter(template__programme_id=inspection.programme_id).order_by(
        "order"
    )
    return Stratum.objects.bulk_create(
        Stratum(
            inspection=inspection,
            label=t.label,
            crime_type=t.crime_type,
            requires_domestic_abuse=t.requires_domestic_abuse,
            order=t.order,
            quota=0,
        )
        for t in templates
    )


def reviewed_files_add(
    inspection: Inspection,
    *,
    files: int = 60,
    value_for: ValueFor = all_yes,
    status: str = ReviewStatus.ACCEPTED,
    first_number: int = 1,
) -> list[CaseFile]:
    """``files`` case files spread over the strata in turn, each with a first review (accepted by
    default) answering every criterion of the programme with ``value_for``."""
    strata = list(Stratum.objects.filter(inspection=inspection).order_by("order")) or strata_add(inspection)
    criteria = list(Criterion.objects.filter(programme_id=inspection.programme_id).order_by("order"))
    reviewer = inspection.team.first() or inspection.lead
    crime_list = CrimeListImport.objects.create(
        inspection=inspection,
        filename="crimes.csv",
        rows_read=files,
        imported=files,
        summary="built for tests",
    )
    numbers = range(first_number, first_number + files)
    crimes = FrameCrime.objects.bulk_create(
        FrameCrime(
            inspection=inspection,
            crime_list=crime_list,
            stratum=strata[number % len(strata)],
            crime_reference=f"CR/{inspection.pk}/{number:05d}",
            crime_type=strata[number % len(strata)].crime_type,
            recorded_date=datetime.date(2016, 1, 1) + datetime.timedelta(days=number % 90),
            source_row=number + 1,
        )
        for number in numbers
    )
    case_files = CaseFile.objects.bulk_create(
        CaseFile(inspection=inspection, stratum=crime.stratum, crime=crime, rank=number, reviewer=reviewer)
        for number, crime in zip(numbers, crimes, strict=True)
    )
    now = timezone.now()
    reviews = Review.objects.bulk_create(
        Review(
            case_file=case_file,
            kind=ReviewKind.FIRST,
            reviewer=reviewer,
            status=status,
            submitted_at=now,
            accepted_at=now if status == ReviewStatus.ACCEPTED else None,
        )
        for case_file in case_files
    )
    Answer.objects.bulk_create(
        Answer(review=review, criterion=criterion, value=value_for(criterion, number, case_file.stratum))
        for number, case_file, review in zip(numbers, case_files, reviews, strict=True)
        for criterion in criteria
    )
    return case_files


def notes_add(
    inspection: Inspection,
    code: str,
    *,
    strengths: int = 0,
    weaknesses: int = 0,
    neutral: int = 0,
    flagged: int = 0,
    source: str = EvidenceSource.INTERVIEW,
) -> list[EvidenceNote]:
    """Notes under one question; ``flagged`` of the weaknesses are proposed as areas for improvement."""
    target = question(inspection, code)
    author = inspection.team.first() or inspection.lead
    directions = (
        [Direction.STRENGTH] * strengths + [Direction.WEAKNESS] * weaknesses + [Direction.NEUTRAL] * neutral
    )
    existing = EvidenceNote.objects.filter(inspection=inspection).count()
    notes = [
        EvidenceNote(
            inspection=inspection,
            question=target,
            source=source,
            direction=direction,
            observed_on=datetime.date(2016, 10, 1),
            text=f"Finding {existing + index} on {code}: the force {_VERDICT[direction]}.",
            proposed_afi=direction == Direction.WEAKNESS and index - strengths < flagged,
            author=author,
        )
        for index, direction in enumerate(directions)
    ]
    return EvidenceNote.objects.bulk_create(notes)


def approved_judgment(
    inspection: Inspection, code: str, grade: str, rationale: str = "The lead's words."
) -> Judgment:
    return Judgment.objects.create(
        inspection=inspection,
        question=question(inspection, code),
        grade=grade,
        rationale=rationale,
        state=ApprovalState.APPROVED,
        approved_by=inspection.lead,
        approved_at=timezone.now(),
    )


def lead_afi(
    inspection: Inspection, code: str, text: str, *, state: str = ApprovalState.DRAFT
) -> AreaForImprovement:
    core = question(inspection, code)
    return AreaForImprovement.objects.create(
        inspection=inspection,
        question=core,
        text=text,
        origin=AfiOrigin.LEAD,
        state=state,
        # The team's AFIs are numbered in turn under their core question (unique in the database).
        order=AreaForImprovement.objects.filter(
            inspection=inspection, question=core, origin=AfiOrigin.LEAD
        ).count(),
    )


CORE_GRADES = {"1": "good", "2": "good", "3": "requires_improvement", "4": "good"}


def reportable_inspection(
    *, files: int = 60, notes_per_sub_question: int = 3, force_slug: str = "cleveland"
) -> Inspection:
    """A Cleveland-like inspection with every kind of report content: a previous inspection with its
    AFIs assessed, approved and draft judgments, summaries, AFIs (one with a dated recommendation), a
    cause of concern, reviewed files and evidence notes. It is compiled."""
    from peel.models import (
        CauseOfConcern,
        FindingSummary,
        PreviousFindingAssessment,
        Progress,
        QuestionLevel,
        Recommendation,
    )
    from reports.services.runs import compile_inspection

    programme = programme_2016()
    earlier = InspectionFactory(
        programme=ProgrammeFactory(name="PEEL effectiveness 2015", slug="peel-effectiveness-2015", year=2015),
        force=force(force_slug),
        review_window_start=datetime.date(2015, 1, 1),
        review_window_end=datetime.date(2015, 3, 31),
        status="published",  # only a published inspection's findings carry over
        published_at=timezone.now(),
    )
    earlier_overall, _ = Question.objects.get_or_create(
        programme=earlier.programme, code="0", defaults={"level": QuestionLevel.OVERALL, "text": "Overall?"}
    )
    earlier_core, _ = Question.objects.get_or_create(
        programme=earlier.programme,
        code="3",
        defaults={"level": QuestionLevel.CORE, "parent": earlier_overall, "text": "Vulnerable people?"},
    )
    Judgment.objects.create(
        inspection=earlier,
        question=earlier_overall,
        grade="requires_improvement",
        state=ApprovalState.APPROVED,
    )
    earlier_afis = [
        AreaForImprovement.objects.create(
            inspection=earlier,
            question=earlier_core,
            text=f"The force should improve thing {n}.",
            state="approved",
            order=n,
        )
        for n in range(1, 5)
    ]
    inspection = InspectionFactory(programme=programme, force=force(force_slug), previous=earlier)
    for afi, progress in zip(
        earlier_afis,
        [Progress.ADDRESSED, Progress.ADDRESSED, Progress.ADDRESSED, Progress.NOT_ADDRESSED],
        strict=True,
    ):
        PreviousFindingAssessment.objects.create(
            inspection=inspection,
            afi=afi,
            progress=progress,
            note="As we found.",
            assessed_by=inspection.lead,
        )
    approved_judgment(
        inspection,
        "0",
        "good",
        rationale="Cleveland Police is good in respect of its effectiveness at keeping people safe.\n\nMore.",
    )
    for code, grade in CORE_GRADES.items():
        if code == "4":  # one core judgment still a draft with a grade
            Judgment.objects.create(inspection=inspection, question=question(inspection, code), grade=grade)
        else:
            approved_judgment(inspection, code, grade, rationale=f"Rationale for {code}.")
    Judgment.objects.create(inspection=inspection, question=question(inspection, "5"), grade="ungraded")
    for code in ("1", "2", "3", "4", "5"):
        FindingSummary.objects.create(
            inspection=inspection,
            question=question(inspection, code),
            text=f"Approved summary of findings for question {code}.\n\nIts second paragraph.",
            state=ApprovalState.APPROVED if code != "4" else ApprovalState.DRAFT,
        )
    lead_afi(
        inspection,
        "3",
        "The force should ensure that officers use the absent category appropriately.",
        state="approved",
    )
    lead_afi(inspection, "4", "The force should draft this AFI still.")
    with_recommendation = lead_afi(
        inspection, "3", "The force should take immediate steps on evidential difficulties.", state="approved"
    )
    Recommendation.objects.create(
        afi=with_recommendation, text="Produce and submit an action plan.", due_date=datetime.date(2017, 5, 1)
    )
    cause = CauseOfConcern.objects.create(
        inspection=inspection,
        question=question(inspection, "3"),
        text="We have a cause of concern about the response to vulnerable victims.",
        state=ApprovalState.APPROVED,
    )
    Recommendation.objects.create(
        cause_of_concern=cause, text="Review the call-handling process.", due_date=datetime.date(2017, 6, 1)
    )
    for sub in Question.objects.filter(programme=programme, level=QuestionLevel.SUB):
        notes_add(inspection, sub.code, strengths=notes_per_sub_question - 1, weaknesses=1, flagged=1)
    reviewed_files_add(inspection, files=files, value_for=_realistic_answers)
    compile_inspection(inspection=inspection)
    return inspection


def _realistic_answers(criterion: Criterion, number: int, stratum: Stratum) -> str:
    if criterion.code == "C07":
        return (
            AnswerValue.YES
            if stratum.label == "Common assault (domestic abuse)"
            else AnswerValue.NOT_APPLICABLE
        )
    if criterion.code == "C03":
        return AnswerValue.YES if number % 2 else AnswerValue.NO
    return AnswerValue.YES if number % 9 else AnswerValue.PARTLY
