"""The compile's reads: file-review answers and evidence notes, counted by the database.

Every count here is a SQL aggregate (GROUP BY); no Python loop ever walks the answers or the notes, only
the few aggregated rows, so the compile's cost does not grow with the number of files reviewed.
"""

from dataclasses import dataclass

from django.db.models import Count

from peel.models import Criterion, EvidenceNote, Judgment, Question
from reviews.models import AnswerValue, Stratum
from reviews.selectors import answers_that_count


@dataclass(frozen=True)
class AnswerCounts:
    """Counted answers to one criterion over all files (``stratum_id`` None) or one stratum's."""

    criterion_id: int
    stratum_id: int | None
    n: int
    yes: int
    partly: int
    no: int
    not_known: int


_FIELD_OF = {
    AnswerValue.YES: "yes",
    AnswerValue.PARTLY: "partly",
    AnswerValue.NO: "no",
    AnswerValue.NOT_KNOWN: "not_known",
}


def answer_counts(*, inspection_id: int) -> list[AnswerCounts]:
    """Per criterion, per stratum and overall: one GROUP BY query over the answers that count.

    The database counts the answers by criterion, stratum and the value that counts (at most criteria ×
    strata × 5 rows, whatever the number of files); those counts are then added up per criterion. Grouping
    by the value, rather than counting each value with a FILTER, evaluates the adjudication lookup once per
    answer instead of once per value counted.
    """
    grouped = (
        answers_that_count(inspection_id=inspection_id)
        .values("criterion_id", "stratum_id", "counted_value")
        .annotate(answers=Count("pk"))
        .order_by()  # drops Answer's default ordering, which would otherwise join the GROUP BY
    )
    totals: dict[tuple[int, int | None], dict[str, int]] = {}
    for row in grouped:
        field = _FIELD_OF.get(row["counted_value"])
        for key in ((row["criterion_id"], row["stratum_id"]), (row["criterion_id"], None)):
            counts = totals.setdefault(key, {"yes": 0, "partly": 0, "no": 0, "not_known": 0})
            if field is not None:  # not applicable (or unanswered) is not counted in n
                counts[field] += row["answers"]
    return [
        AnswerCounts(criterion_id=criterion_id, stratum_id=stratum_id, n=sum(counts.values()), **counts)
        for (criterion_id, stratum_id), counts in totals.items()
    ]


@dataclass(frozen=True)
class NoteCounts:
    question_id: int
    source: str
    direction: str
    notes: int


def note_counts(*, inspection_id: int) -> list[NoteCounts]:
    """Evidence notes counted by question, source and direction: one GROUP BY query."""
    rows = (
        EvidenceNote.objects.filter(inspection_id=inspection_id)
        .values("question_id", "source", "direction")
        .annotate(notes=Count("pk"))
        .order_by()
    )
    return [NoteCounts(**row) for row in rows]


@dataclass(frozen=True)
class FlaggedNote:
    pk: int
    question_id: int
    text: str


def notes_proposed_as_afis(*, inspection_id: int) -> list[FlaggedNote]:
    """The notes inspectors flagged as proposed areas for improvement, in framework and date order."""
    rows = (
        EvidenceNote.objects.filter(inspection_id=inspection_id, proposed_afi=True)
        .order_by("question__order", "question__code", "observed_on", "pk")
        .values("pk", "question_id", "text")
    )
    return [FlaggedNote(**row) for row in rows]


@dataclass(frozen=True)
class Framework:
    """The programme's questions and criteria, and the inspection's strata and judgments."""

    questions: dict[int, Question]
    criteria: dict[int, Criterion]
    criterion_questions: dict[int, list[int]]
    strata: dict[int, Stratum]
    judgments: dict[int, Judgment]


def framework_load(*, inspection) -> Framework:
    """Four small queries: questions, criteria, their mapping to questions, strata, judgments."""
    programme_id = inspection.programme_id
    questions = {q.pk: q for q in Question.objects.filter(programme_id=programme_id)}
    criteria = {c.pk: c for c in Criterion.objects.filter(programme_id=programme_id)}
    mapping: dict[int, list[int]] = {criterion_id: [] for criterion_id in criteria}
    links = Criterion.questions.through.objects.filter(criterion__programme_id=programme_id).values_list(
        "criterion_id", "question_id"
    )
    for criterion_id, question_id in links:
        mapping[criterion_id].append(question_id)
    strata = {s.pk: s for s in Stratum.objects.filter(inspection_id=inspection.pk)}
    judgments = {j.question_id: j for j in Judgment.objects.filter(inspection_id=inspection.pk)}
    return Framework(
        questions=questions,
        criteria=criteria,
        criterion_questions=mapping,
        strata=strata,
        judgments=judgments,
    )
