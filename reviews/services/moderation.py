"""Moderation: the lead accepts a submitted review (it locks) or returns it with a comment."""

from django.db import transaction
from django.utils import timezone

from peel.models import Inspection
from reviews.models import MESSAGE_LIMIT, Review, ReviewStatus
from reviews.services.discussion import return_message_post
from reviews.services.refusals import Refused
from reviews.services.stages import stage_follow_reviews


def _review_of(inspection: Inspection, review_id: int) -> Review:
    review = Review.objects.select_for_update().filter(case_file__inspection=inspection, pk=review_id).first()
    if review is None:
        raise Refused("No such review in this inspection.")
    return review


def review_accept(
    *, inspection: Inspection, review_id: int, user, expected_version: int | None = None
) -> Review:
    """Accept a submitted review: it is locked and (a first review) counts in the results.

    With ``expected_version`` (the version the lead read), a review resubmitted since is refused: the lead
    would otherwise accept answers they have not seen."""
    with transaction.atomic():
        review = _accept(
            inspection=inspection, review_id=review_id, user=user, expected_version=expected_version
        )
        stage_follow_reviews(inspection_id=inspection.pk)
    return review


def _accept(*, inspection: Inspection, review_id: int, user, expected_version: int | None) -> Review:
    with transaction.atomic():
        review = _review_of(inspection, review_id)
        if review.status != ReviewStatus.SUBMITTED:
            raise Refused(
                f"Only a submitted review can be accepted; this one is {review.get_status_display().lower()}."
            )
        if expected_version is not None and review.version != expected_version:
            raise Refused(
                f"The review of {review.case_file.crime.crime_reference} changed since you opened it: "
                "read it again before accepting it."
            )
        review.status = ReviewStatus.ACCEPTED
        review.accepted_at = timezone.now()
        review.moderated_by = user
        review.version += 1
        review.save(update_fields=["status", "accepted_at", "moderated_by", "version", "updated_at"])
    return review


def reviews_accept(*, inspection: Inspection, versions: dict[int, int], user) -> list[Review]:
    """Accept several submitted reviews at once, each at the version the lead saw (review id → version):
    all of them, or — if any is refused — none, with the refusal naming its file."""
    with transaction.atomic():
        accepted = [
            _accept(inspection=inspection, review_id=review_id, user=user, expected_version=version)
            for review_id, version in sorted(versions.items())
        ]
        stage_follow_reviews(inspection_id=inspection.pk)
    return accepted


def review_return(*, inspection: Inspection, review_id: int, comment: str, user) -> Review:
    """Return a submitted review to its reviewer with the lead's comment; they can edit and resubmit it.

    The comment is kept as a message of the review's discussion thread (its one record: the review form's
    banner reads the latest, ``reviews.selectors.with_return_comment``), posted in the same transaction,
    and the reviewer is told."""
    comment = comment.strip()
    if not comment:
        raise Refused("Say what needs to change when returning a review.")
    if len(comment) > MESSAGE_LIMIT:
        raise Refused(f"Say what needs to change in at most {MESSAGE_LIMIT:,} characters.")
    with transaction.atomic():
        review = _review_of(inspection, review_id)
        if review.status != ReviewStatus.SUBMITTED:
            raise Refused(
                f"Only a submitted review can be returned; this one is {review.get_status_display().lower()}."
            )
        review.status = ReviewStatus.RETURNED
        review.returned_at = timezone.now()
        review.moderated_by = user
        review.version += 1
        review.save(update_fields=["status", "returned_at", "moderated_by", "version", "updated_at"])
        return_message_post(review=review, author=user, comment=comment)
    return review
