"""Reads for the case-file review: querysets with the related rows each page needs."""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from peel.models import Criterion, Inspection
from reviews.agreement import Agreement, cohens_kappa
from reviews.applicability import FileFacts, criterion_applies
from reviews.models import (
    FINISHED_STATUSES,
    AdjudicatedAnswer,
    AdjudicatedDecision,
    Answer,
    CaseFile,
    CaseFileStatus,
    CrimeListUpload,
    DesignKind,
    Message,
    MessageKind,
    Review,
    ReviewKind,
    ReviewStatus,
    SampleDesign,
    SampleDraw,
    Stratum,
)


def answers_that_count(*, inspection_id: int) -> QuerySet[Answer]:
    """The answers the file-review results are computed from, one row per file × criterion.

    Exactly one row per (drawn, usable, accepted) case file × criterion: the answers of the file's
    accepted *first* review (files marked unusable, reserves never brought in, unaccepted reviews and
    blind second reviews are left out). Where the lead adjudicated a double review, the lead's
    adjudicated value is substituted. Each row is annotated in SQL with

    - ``counted_value``: the value that counts (the adjudicated value if there is one, else the
      first review's answer), one of ``AnswerValue``;
    - ``stratum_id``: the case file's stratum;

    and carries ``criterion_id`` (its own column), so the compile can aggregate in one query, e.g.
    ``answers_that_count(inspection_id=i).values("criterion_id", "stratum_id", "counted_value")
    .annotate(n=Count("pk"))``. Submitting a review records an answer for every criterion of the
    programme (``not_applicable`` for criteria that do not apply to the file), so every accepted file
    has a row for every criterion that existed when it was submitted.
    """
    adjudicated = AdjudicatedAnswer.objects.filter(
        case_file_id=OuterRef("review__case_file_id"), criterion_id=OuterRef("criterion_id")
    ).values("value")[:1]
    return Answer.objects.filter(
        review__case_file__inspection_id=inspection_id,
        review__case_file__status=CaseFileStatus.IN_SAMPLE,
        review__kind=ReviewKind.FIRST,
        review__status=ReviewStatus.ACCEPTED,
    ).annotate(
        counted_value=Coalesce(Subquery(adjudicated), F("value")),
        stratum_id=F("review__case_file__stratum_id"),
    )


def design_is_audit(*, inspection_id: int) -> bool:
    """Whether the inspection's design is an audit (one decision per file, no criteria)."""
    return SampleDesign.objects.filter(inspection_id=inspection_id, kind=DesignKind.AUDIT).exists()


def audit_question_of(inspection_id) -> Subquery:
    """For an annotation: the inspection's audit question, NULL unless its design is an audit."""
    return Subquery(
        SampleDesign.objects.filter(inspection_id=inspection_id, kind=DesignKind.AUDIT).values(
            "decision_question"
        )[:1]
    )


def decisions_that_count(*, inspection_id: int) -> QuerySet[Review]:
    """An audit's decisions the estimate is computed from, one row per file: the accepted first review of
    each usable drawn file (unusable files, unaccepted reviews and blind second reviews are left out),
    annotated with ``counted_decision`` (the lead's adjudicated decision where there is one) and
    ``stratum_id``; undecided rows (a review accepted without a decision) are left out too."""
    adjudicated = AdjudicatedDecision.objects.filter(case_file_id=OuterRef("case_file_id")).values("value")[
        :1
    ]
    return (
        Review.objects.filter(
            case_file__inspection_id=inspection_id,
            case_file__status=CaseFileStatus.IN_SAMPLE,
            kind=ReviewKind.FIRST,
            status=ReviewStatus.ACCEPTED,
        )
        .annotate(
            counted_decision=Coalesce(Subquery(adjudicated), F("decision")),
            stratum_id=F("case_file__stratum_id"),
        )
        .exclude(counted_decision="")
    )


def reviews_visible_to(*, inspection: Inspection, user) -> QuerySet[Review]:
    """The reviews of the inspection the user may read: the lead every one; anyone else only their own
    (a second review is blind)."""
    reviews = Review.objects.filter(case_file__inspection=inspection)
    return reviews if inspection.is_lead(user) else reviews.filter(reviewer=user)


def with_return_comment(reviews: QuerySet[Review]) -> QuerySet[Review]:
    """``reviews``, each with ``return_comment``: what the lead asked to change when they last returned it.
    The discussion holds it, as the thread's latest *Returned for change* message (``review_return``
    posts it); None for a review never returned. A subquery: no query more."""
    latest_return = Message.objects.filter(
        case_file_id=OuterRef("case_file_id"),
        review_kind=OuterRef("kind"),
        kind=MessageKind.RETURN_FOR_CHANGE,
    ).order_by("-created_at", "-pk")
    return reviews.annotate(return_comment=Subquery(latest_return.values("body")[:1]))


# --- the sample and the queues ------------------------------------------------------------------------


def _review_status(kind: str):
    return Subquery(Review.objects.filter(case_file_id=OuterRef("pk"), kind=kind).values("status")[:1])


def review_status_annotations() -> dict:
    """A file's ``first_status`` and ``second_status``: its reviews' statuses, None where not started."""
    return {
        "first_status": _review_status(ReviewKind.FIRST),
        "second_status": _review_status(ReviewKind.SECOND),
    }


def sample_files(*, inspection_id: int) -> QuerySet[CaseFile]:
    """Every drawn file (replacements and unusable ones too), in stratum and draw order, annotated with
    ``first_status`` and ``second_status`` (``None`` where the review has not started)."""
    return (
        CaseFile.objects.filter(inspection_id=inspection_id)
        .select_related(
            "crime", "stratum", "reviewer", "second_reviewer", "replaces__crime", "marked_unusable_by"
        )
        .annotate(**review_status_annotations())
        .order_by("stratum__order", "rank")
    )


@dataclass(frozen=True)
class QueueEntry:
    case_file: CaseFile
    kind: str
    status: str | None

    @property
    def bucket(self) -> str:
        return QUEUE_BUCKET_OF_STATUS[self.status]


QUEUE_BUCKETS = (
    ("to_do", "To do"),
    ("in_progress", "In progress"),
    ("returned", "Returned to me"),
    ("done", "Done"),
)
QUEUE_BUCKET_OF_STATUS = {
    None: "to_do",
    ReviewStatus.DRAFT: "in_progress",
    ReviewStatus.RETURNED: "returned",
    ReviewStatus.SUBMITTED: "done",
    ReviewStatus.ACCEPTED: "done",
}


def my_files_of(*, user, inspection_id: int) -> QuerySet[CaseFile]:
    """The in-sample files the user reviews (first or second) in this inspection, with their review states."""
    return (
        CaseFile.objects.filter(inspection_id=inspection_id, status=CaseFileStatus.IN_SAMPLE)
        .filter(Q(reviewer=user) | Q(second_reviewer=user))
        .select_related("crime", "stratum")
        .annotate(**review_status_annotations())
        .order_by("stratum__order", "rank")
    )


def my_queue(*, user, files: QuerySet[CaseFile]) -> dict[str, list[QueueEntry]]:
    """The user's reviews of ``files`` (``my_files_of``, perhaps narrowed), first and second, by bucket:
    to do, in progress, returned, done. One query."""
    queue: dict[str, list[QueueEntry]] = {bucket: [] for bucket, _ in QUEUE_BUCKETS}
    for case_file in files:
        if case_file.reviewer_id == user.pk:
            entry = QueueEntry(case_file, ReviewKind.FIRST, case_file.first_status)
            queue[entry.bucket].append(entry)
        if case_file.second_reviewer_id == user.pk:
            entry = QueueEntry(case_file, ReviewKind.SECOND, case_file.second_status)
            queue[entry.bucket].append(entry)
    return queue


# --- progress --------------------------------------------------------------------------------------------

PROGRESS_COLUMNS = (
    (None, "To do"),
    (ReviewStatus.DRAFT, "In progress"),
    (ReviewStatus.SUBMITTED, "Submitted"),
    (ReviewStatus.RETURNED, "Returned"),
    (ReviewStatus.ACCEPTED, "Accepted"),
)


@dataclass
class ProgressRow:
    label: str
    counts: dict = field(default_factory=lambda: {status: 0 for status, _ in PROGRESS_COLUMNS})

    @property
    def cells(self) -> list[int]:
        return [self.counts[status] for status, _ in PROGRESS_COLUMNS]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass
class Progress:
    by_inspector: list[ProgressRow]
    by_stratum: list[ProgressRow]
    overall: ProgressRow
    unallocated: int


def review_progress(*, inspection_id: int) -> Progress:
    """Counts of reviews by status, per inspector (first and second reviews alike) and per stratum
    (first reviews: one per file). Three queries whatever the size of the sample."""
    rows = list(
        CaseFile.objects.filter(inspection_id=inspection_id, status=CaseFileStatus.IN_SAMPLE)
        .annotate(**review_status_annotations())
        .values_list("reviewer_id", "second_reviewer_id", "stratum_id", "first_status", "second_status")
    )
    reviewer_ids = {r for row in rows for r in row[:2] if r}
    people = {
        user.pk: user.get_full_name() or user.username
        for user in get_user_model().objects.filter(pk__in=reviewer_ids)
    }
    strata = list(
        Stratum.objects.filter(inspection_id=inspection_id).order_by("order").values_list("pk", "label")
    )
    by_inspector = {pk: ProgressRow(label) for pk, label in sorted(people.items(), key=lambda item: item[1])}
    by_stratum = {pk: ProgressRow(label) for pk, label in strata}
    overall = ProgressRow("All files")
    unallocated = 0
    for reviewer_id, second_reviewer_id, stratum_id, first_status, second_status in rows:
        overall.counts[first_status] += 1
        by_stratum[stratum_id].counts[first_status] += 1
        if reviewer_id:
            by_inspector[reviewer_id].counts[first_status] += 1
        else:
            unallocated += 1
        if second_reviewer_id:
            by_inspector[second_reviewer_id].counts[second_status] += 1
    return Progress(list(by_inspector.values()), list(by_stratum.values()), overall, unallocated)


# --- double review: differences and agreement --------------------------------------------------------


@dataclass
class DoubleReviewedFile:
    case_file: CaseFile
    first: dict[int, str]  # criterion id -> answer of the first review
    second: dict[int, str]
    first_finished: bool
    second_finished: bool
    adjudicated: dict[int, AdjudicatedAnswer]
    applicable: set[int]
    # An audit's: each review's decision, and the lead's where they differ.
    first_decision: str = ""
    second_decision: str = ""
    adjudicated_decision: AdjudicatedDecision | None = None

    @property
    def both_finished(self) -> bool:
        return self.first_finished and self.second_finished

    @property
    def decision_differs(self) -> bool:
        return self.both_finished and self.first_decision != self.second_decision

    @property
    def difference_count(self) -> int:
        """Criteria, and an audit's decision, where the two reviews differ."""
        return len(self.differences) + (1 if self.decision_differs else 0)

    @property
    def differences(self) -> list[int]:
        """Criteria (ids) where the two reviews differ; only meaningful once both are finished."""
        return [
            pk
            for pk in sorted(set(self.first) | set(self.second))
            if self.first.get(pk, "") != self.second.get(pk, "")
        ]

    @property
    def awaiting_adjudication(self) -> int:
        if not self.both_finished:
            return 0
        undecided = 1 if self.decision_differs and self.adjudicated_decision is None else 0
        return sum(1 for pk in self.differences if pk not in self.adjudicated) + undecided


def double_reviewed_files(*, inspection: Inspection) -> list[DoubleReviewedFile]:
    """The usable files marked for double review with both reviews' answers (an audit's: decisions) and
    any adjudication. Four queries whatever the number of files."""
    files = list(
        CaseFile.objects.filter(inspection=inspection, double_review=True, status=CaseFileStatus.IN_SAMPLE)
        .select_related("crime", "stratum", "reviewer", "second_reviewer", "adjudicated_decision")
        .annotate(audit_question=audit_question_of(OuterRef("inspection_id")))
        .order_by("stratum__order", "rank")
    )
    criteria = list(Criterion.objects.filter(programme_id=inspection.programme_id))
    answers: dict[tuple[int, str], dict[int, str]] = {
        (f.pk, kind): {} for f in files for kind in ReviewKind.values
    }
    for file_id, kind, criterion_id, value in Answer.objects.filter(review__case_file__in=files).values_list(
        "review__case_file_id", "review__kind", "criterion_id", "value"
    ):
        answers[file_id, kind][criterion_id] = value
    finished, decisions = set(), {}
    for file_id, kind, status, decision in Review.objects.filter(case_file__in=files).values_list(
        "case_file_id", "kind", "status", "decision"
    ):
        decisions[file_id, kind] = decision
        if status in FINISHED_STATUSES:
            finished.add((file_id, kind))
    adjudicated: dict[int, dict[int, AdjudicatedAnswer]] = {f.pk: {} for f in files}
    for decision in AdjudicatedAnswer.objects.filter(case_file__in=files):
        adjudicated[decision.case_file_id][decision.criterion_id] = decision
    result = []
    for case_file in files:
        facts = FileFacts.of(case_file)
        result.append(
            DoubleReviewedFile(
                case_file=case_file,
                first=answers[case_file.pk, ReviewKind.FIRST],
                second=answers[case_file.pk, ReviewKind.SECOND],
                first_finished=(case_file.pk, ReviewKind.FIRST) in finished,
                second_finished=(case_file.pk, ReviewKind.SECOND) in finished,
                adjudicated=adjudicated[case_file.pk],
                applicable={c.pk for c in criteria if criterion_applies(c.applicability, facts)},
                first_decision=decisions.get((case_file.pk, ReviewKind.FIRST), ""),
                second_decision=decisions.get((case_file.pk, ReviewKind.SECOND), ""),
                adjudicated_decision=getattr(case_file, "adjudicated_decision", None),
            )
        )
    return result


def review_notes_of(*, case_file: CaseFile) -> dict[tuple[str, int], str]:
    """(review kind, criterion id) → the reviewer's note on that answer, for the file's reviews that have
    one: what the lead reads beside each answer when adjudicating. One query."""
    return {
        (kind, criterion_id): note
        for kind, criterion_id, note in Answer.objects.filter(review__case_file=case_file)
        .exclude(note="")
        .values_list("review__kind", "criterion_id", "note")
    }


@dataclass(frozen=True)
class CriterionAgreement:
    criterion: Criterion
    agreement: Agreement


@dataclass(frozen=True)
class AgreementReport:
    files: int  # double-reviewed files with both reviews finished
    per_criterion: list[CriterionAgreement]
    decision: Agreement | None = None  # an audit's, on its one decision (it has no criteria)

    def _agreements(self) -> list[Agreement]:
        return [row.agreement for row in self.per_criterion] + ([self.decision] if self.decision else [])

    @property
    def rated_pairs(self) -> int:
        """Criterion × file pairs (an audit's: decisions) that both reviewers rated."""
        return sum(agreement.pairs for agreement in self._agreements())

    @property
    def agreed(self) -> int:
        return sum(agreement.agreed for agreement in self._agreements())

    @property
    def observed(self) -> float | None:
        return self.agreed / self.rated_pairs if self.rated_pairs else None


def review_agreement(
    *, inspection: Inspection, files: list[DoubleReviewedFile] | None = None
) -> AgreementReport:
    """Cohen's kappa (with its standard error) and Krippendorff's alpha between first and second reviews,
    per criterion, on the files where both reviews are finished. A criterion counts for a file only where
    it applies to the file and both reviewers rated it (yes, partly or no; see ``reviews.agreement``).
    No kappa is pooled over criteria: it would mix criteria with different answer rates. An audit has
    one kappa, on its decision. ``files`` saves reading them again where the caller already has
    ``double_reviewed_files``."""
    criteria = list(Criterion.objects.filter(programme_id=inspection.programme_id))
    if files is None:
        files = double_reviewed_files(inspection=inspection)
    if any(f.case_file.audit_question is not None for f in files):
        decided = [(f.first_decision, f.second_decision) for f in files if f.both_finished]
        return AgreementReport(files=len(decided), per_criterion=[], decision=cohens_kappa(decided))
    files = [f for f in files if f.both_finished]
    per_criterion = []
    for criterion in criteria:
        pairs = [
            (f.first.get(criterion.pk, ""), f.second.get(criterion.pk, ""))
            for f in files
            if criterion.pk in f.applicable
        ]
        per_criterion.append(CriterionAgreement(criterion, cohens_kappa(pairs)))
    return AgreementReport(files=len(files), per_criterion=per_criterion)


def sample_design_for(*, inspection: Inspection) -> tuple[SampleDesign, list[Stratum]]:
    """The inspection's design and its strata in order, each with its ``frame_size``. Before a write has
    needed one (``sample_design_ensure``), the programme's default as it would be copied, unsaved: a page
    that only shows the design writes nothing."""
    design = SampleDesign.objects.filter(inspection=inspection).first()
    if design is None:
        design, strata = SampleDesign.from_programme_default(inspection)
        for stratum in strata:
            stratum.frame_size = 0
        return design, strata
    strata = (
        Stratum.objects.filter(inspection=inspection)
        .annotate(frame_size=Count("frame_crimes"))
        .order_by("order", "label")
    )
    return design, list(strata)


def strata_with_rates(strata: list[Stratum], draw: SampleDraw | None) -> list[Stratum]:
    """``strata`` (each with its ``frame_size``) given ``sample_size`` n_h, the files drawn (the quota
    before the draw), and ``sampling_rate`` n_h / N_h with ``sampling_percent`` (None for an empty
    frame)."""
    drawn = {row["stratum_id"]: row["drawn"] for row in draw.allocation} if draw is not None else {}
    for stratum in strata:
        stratum.sample_size = drawn.get(stratum.pk, stratum.quota)
        stratum.sampling_rate = stratum.sample_size / stratum.frame_size if stratum.frame_size else None
        stratum.sampling_percent = None if stratum.sampling_rate is None else stratum.sampling_rate * 100
    return strata


def crime_list_uploads_for(*, inspection_id: int) -> QuerySet[CrimeListUpload]:
    """The inspection's uploads, newest first, without their bytes (a page never needs them)."""
    return (
        CrimeListUpload.objects.filter(inspection_id=inspection_id)
        .defer("content")
        .select_related("requested_by", "crime_list")
    )


def review_completion(*, inspection_id: int) -> dict[str, int]:
    """How far the inspection's review has got: in-sample files (and those chosen for a second review),
    files without a reviewer, and the reviews wanted, started, finished (submitted or accepted) and
    accepted. Two queries."""
    files = CaseFile.objects.filter(inspection_id=inspection_id, status=CaseFileStatus.IN_SAMPLE)
    counts = files.aggregate(
        files=Count("pk"),
        seconds=Count("pk", filter=Q(double_review=True)),
        unallocated=Count("pk", filter=Q(reviewer__isnull=True)),
    )
    counts |= Review.objects.filter(case_file__in=files).aggregate(
        started=Count("pk"),
        finished=Count("pk", filter=Q(status__in=FINISHED_STATUSES)),
        accepted=Count("pk", filter=Q(status=ReviewStatus.ACCEPTED)),
    )
    counts["wanted"] = counts["files"] + counts["seconds"]
    return counts


# --- the discussion -----------------------------------------------------------------------------------


def messages_for_case_file(
    *, case_file: CaseFile, review_kinds: list[str] | None = None
) -> QuerySet[Message]:
    """The file's messages, oldest first, with their author and criterion; of the given threads only."""
    messages = Message.objects.filter(case_file=case_file).select_related("author", "criterion")
    if review_kinds is not None:
        messages = messages.filter(review_kind__in=review_kinds)
    return messages.order_by("created_at", "pk")
