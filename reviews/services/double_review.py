"""Double review: choosing files for a blind second review, and the lead's adjudication of disagreements."""

from django.db import transaction

from peel.models import Criterion, Inspection
from reviews.models import (
    AdjudicatedAnswer,
    AdjudicatedDecision,
    AnswerValue,
    AuditDecision,
    CaseFile,
    CaseFileStatus,
    DoubleReviewSelection,
    Review,
    ReviewKind,
)
from reviews.sampling import random_order
from reviews.services.allocation import case_files_allocate
from reviews.services.design import sample_design_lock
from reviews.services.draw import MAX_SEED, new_seed
from reviews.services.refusals import Refused

DOUBLE_REVIEW_STREAM = "double-review"


def double_review_count(share_percent: int, files: int) -> int:
    """How many files a share means: the share of the usable files, rounded half up, at least one.
    The share and the number of files must be whole numbers (2.5 percent is refused, not rounded)."""
    for name, value in (("share_percent", share_percent), ("files", files)):
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(f"{name} must be a whole number, not {value!r}")
    return max(1, (share_percent * files + 50) // 100) if files else 0


def double_review_select(
    *, inspection: Inspection, share_percent: int = 10, seed: int | None = None, user=None
) -> DoubleReviewSelection:
    """Choose a share of the usable files at random (seed recorded) for a blind second review, and
    allocate the second reviews. Choosing again replaces the choice while no second review has started."""
    if isinstance(share_percent, bool) or not isinstance(share_percent, int) or not 1 <= share_percent <= 100:
        raise Refused("The share must be a whole number of percent from 1 to 100.")
    seed = new_seed() if seed is None else seed
    if not 0 <= seed <= MAX_SEED:
        raise Refused(f"The seed must be a whole number from 0 to {MAX_SEED}.")
    with transaction.atomic():
        sample_design_lock(inspection=inspection)
        if Review.objects.filter(case_file__inspection=inspection, kind=ReviewKind.SECOND).exists():
            raise Refused("Second reviews have started, so the files chosen for double review cannot change.")
        files = {
            case_file.crime.crime_reference: case_file
            for case_file in CaseFile.objects.select_related("crime").filter(
                inspection=inspection, status=CaseFileStatus.IN_SAMPLE
            )
        }
        if not files:
            raise Refused("Draw the sample before choosing files for double review.")
        chosen = set(
            random_order(files, seed=seed, stream=DOUBLE_REVIEW_STREAM)[
                : double_review_count(share_percent, len(files))
            ]
        )
        CaseFile.objects.filter(inspection=inspection).update(double_review=False, second_reviewer=None)
        CaseFile.objects.filter(pk__in=[files[reference].pk for reference in chosen]).update(
            double_review=True
        )
        selection, _ = DoubleReviewSelection.objects.update_or_create(
            inspection=inspection,
            defaults={"share_percent": share_percent, "seed": seed, "selected_by": user},
        )
    if CaseFile.objects.filter(inspection=inspection, reviewer__isnull=False).exists():
        case_files_allocate(inspection=inspection)
    return selection


def adjudication_save(
    *, inspection: Inspection, case_file_id: int, decisions: dict[int, tuple[str, str]], user
) -> int:
    """Record the lead's agreed answer for criteria where the two reviews differ; returns how many.

    ``decisions`` maps criterion id to (value, reason); a reason is required. Both reviews must be
    finished (submitted or accepted). The agreed answer is what counts in the results.
    """
    with transaction.atomic():
        case_file = (
            CaseFile.objects.select_for_update().filter(inspection=inspection, pk=case_file_id).first()
        )
        if case_file is None or not case_file.double_review:
            raise Refused("This file is not marked for double review.")
        reviews = {review.kind: review for review in Review.objects.filter(case_file=case_file)}
        if len(reviews) < 2 or not all(review.is_finished() for review in reviews.values()):
            raise Refused("Both reviews must be submitted before their differences can be adjudicated.")
        criteria = {c.pk: c for c in Criterion.objects.filter(programme_id=inspection.programme_id)}
        for criterion_id, (value, note) in decisions.items():
            if criterion_id not in criteria:
                raise Refused("That criterion is not on this programme's form.")
            if value not in AnswerValue.values:
                raise Refused(f"Choose the agreed answer for {criteria[criterion_id].code}.")
            if not note.strip():
                raise Refused(f"Give the reason for the agreed answer on {criteria[criterion_id].code}.")
            if "\x00" in note:  # PostgreSQL cannot store it: refused here rather than a 500
                raise Refused(
                    f"The note on {criteria[criterion_id].code} contains a null character: remove it."
                )
        for criterion_id, (value, note) in decisions.items():
            AdjudicatedAnswer.objects.update_or_create(
                case_file=case_file,
                criterion_id=criterion_id,
                defaults={"value": value, "note": note.strip(), "decided_by": user},
            )
    return len(decisions)


def decision_adjudication_save(
    *, inspection: Inspection, case_file_id: int, value: str, note: str, user
) -> None:
    """Record the lead's decision on an audit file whose two reviews decided differently: the one that
    counts in the estimate. Both reviews must be finished and must differ."""
    if value not in AuditDecision.values:
        raise Refused("Choose the agreed decision.")
    if not note.strip():
        raise Refused("Give the reason for the agreed decision.")
    if "\x00" in note:
        raise Refused("The reason contains a null character: remove it.")
    with transaction.atomic():
        case_file = (
            CaseFile.objects.select_for_update().filter(inspection=inspection, pk=case_file_id).first()
        )
        if case_file is None or not case_file.double_review:
            raise Refused("This file is not marked for double review.")
        reviews = list(Review.objects.filter(case_file=case_file))
        if len(reviews) < 2 or not all(review.is_finished() for review in reviews):
            raise Refused("Both reviews must be submitted before their differences can be adjudicated.")
        if reviews[0].decision == reviews[1].decision:
            raise Refused("The two reviews made the same decision: there is nothing to adjudicate.")
        AdjudicatedDecision.objects.update_or_create(
            case_file=case_file, defaults={"value": value, "note": note.strip(), "decided_by": user}
        )
