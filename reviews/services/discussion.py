"""The discussion of a case file: who takes part, posting a message, and telling the others.

A thread is one review's: its reviewer and the inspection's lead (who moderates every review). The
second review's thread exists only on a file chosen for double review, and its reviewer sees only it,
as they see only their own review (``reviews.selectors.reviews_visible_to``)."""

import uuid

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse

from notifications.models import NotificationKind
from notifications.services import notification_send
from peel.models import Criterion, Inspection
from peel.services.submissions import earlier_submission
from reviews.models import MESSAGE_LIMIT, CaseFile, Message, MessageKind, Review, ReviewKind
from reviews.services.refusals import Refused


def thread_kinds(case_file: CaseFile) -> list[str]:
    """The file's threads: the first review's, and the second's on a file chosen for double review."""
    return [ReviewKind.FIRST, ReviewKind.SECOND] if case_file.double_review else [ReviewKind.FIRST]


def thread_reviewer_id(case_file: CaseFile, review_kind: str) -> int | None:
    return case_file.second_reviewer_id if review_kind == ReviewKind.SECOND else case_file.reviewer_id


def may_discuss(*, inspection: Inspection, case_file: CaseFile, user, review_kind: str) -> bool:
    """The review's reviewer and the inspection's lead; nobody else (not an Admin or the HM Inspector
    who may read the file, nor the other review's reviewer)."""
    if not user.is_authenticated or review_kind not in thread_kinds(case_file):
        return False
    return inspection.is_lead(user) or thread_reviewer_id(case_file, review_kind) == user.pk


def thread_url(case_file: CaseFile, review_kind: str) -> str:
    return reverse(
        f"reviews:discussion_{review_kind}", kwargs={"pk": case_file.inspection_id, "file_id": case_file.pk}
    )


def _body_clean(body: str) -> str:
    body = body.strip()
    if not body:
        raise ValidationError({"body": "Write your message."})
    if len(body) > MESSAGE_LIMIT:
        raise ValidationError(
            {"body": f"Message: at most {MESSAGE_LIMIT:,} characters; this has {len(body):,}. Shorten it."}
        )
    return body


def _message_create(*, case_file: CaseFile, author, body: str, review_kind: str, **fields) -> Message:
    return Message.objects.create(
        case_file=case_file, author=author, body=_body_clean(body), review_kind=review_kind, **fields
    )


def message_post(
    *,
    inspection: Inspection,
    case_file: CaseFile,
    author,
    body: str,
    review_kind: str = ReviewKind.FIRST,
    criterion: Criterion | None = None,
    submission_key: uuid.UUID | None = None,
) -> Message:
    """Post a message to one review's thread of the file and tell the other participants.

    The same form submitted twice (its ``submission_key``) posts once."""
    if not may_discuss(inspection=inspection, case_file=case_file, user=author, review_kind=review_kind):
        raise Refused("Only the file's reviewer and the inspection's lead take part in its discussion.")
    if criterion is not None and criterion.programme_id != inspection.programme_id:
        raise ValidationError({"criterion": "Choose a criterion of this inspection's programme."})
    with transaction.atomic():
        # The file's row serialises posts to it, so a double submission finds the first one's message.
        case_file = CaseFile.objects.select_for_update().select_related("crime").get(pk=case_file.pk)
        earlier = earlier_submission(Message, key=submission_key, case_file=case_file)
        if earlier is not None:
            return earlier
        message = _message_create(
            case_file=case_file,
            author=author,
            body=body,
            review_kind=review_kind,
            criterion=criterion,
            submission_key=submission_key,
        )
        _message_notify(inspection=inspection, message=message)
    return message


def _message_notify(*, inspection: Inspection, message: Message) -> None:
    case_file = message.case_file
    recipients = {inspection.lead_id, thread_reviewer_id(case_file, message.review_kind)}
    recipients -= {None, message.author_id}
    if not recipients:
        return
    author = message.author.get_full_name() or message.author.username
    about = f" about {message.criterion.code}" if message.criterion_id else ""
    for recipient in get_user_model().objects.filter(pk__in=recipients):
        notification_send(
            recipient=recipient,
            kind=NotificationKind.MESSAGE,
            subject=f"{author} wrote{about} on case file {case_file.crime_reference}",
            body=message.body,
            url=thread_url(case_file, message.review_kind),
            key=f"message:{message.pk}",
        )


def return_message_post(*, review: Review, author, comment: str) -> Message:
    """The lead's comment returning ``review`` for change, as a message of its thread, and the reviewer
    told. Called by ``review_return`` inside its transaction, so the return and its message are one."""
    message = _message_create(
        case_file=review.case_file,
        author=author,
        body=comment,
        review_kind=review.kind,
        kind=MessageKind.RETURN_FOR_CHANGE,
    )
    reference = review.case_file.crime.crime_reference
    notification_send(
        recipient=review.reviewer,
        kind=NotificationKind.REVIEW_RETURNED,
        subject=f"Your {review.get_kind_display().lower()} of {reference} was returned for change",
        body=comment,
        url=thread_url(review.case_file, review.kind),
        key=f"review-returned:{review.pk}:{message.pk}",
    )
    return message
