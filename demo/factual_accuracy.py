"""The demo's factual accuracy checks and force liaisons.

- ``liaison`` is Cleveland Police's liaison: they commented on the Cleveland 2016 draft in its check
  (January 2017, before the HM Inspector's sign-off), and now read its log.
- ``liaison2`` is Northumbria Police's: Northumbria 2016 has had its check (closed, every comment
  answered), so it is ready for sign-off; a newcomer can send the draft again (round 2) and comment as
  ``liaison2``.

The comments are demonstration text, marked so: the reference report says nothing of its check.
Each step is done only if it has not been, so running ``seed_demo`` again changes nothing.
"""

import datetime

from django.utils import timezone

from factual_accuracy.models import AccuracyCheck, AccuracyComment, Answer, ForceLiaison
from factual_accuracy.services.checks import (
    accuracy_check_close,
    accuracy_check_open,
    accuracy_comment_answer,
    accuracy_comment_submit,
)
from forces.models import Force
from peel.models import Inspection

LIAISONS = {"liaison": "cleveland", "liaison2": "northumbria"}

# (section anchor, passage, comment, proposed correction, answer, reason)
CLEVELAND_COMMENTS = (
    (
        "force-in-numbers",
        "",
        "Demonstration comment: please state the period the 999 call figure covers, as the force's own "
        "reporting does.",
        "Add 'in the 12 months to 31 March 2016'.",
        Answer.ACCEPTED,
        "The period is now given beside the figure.",
    ),
    (
        "q3",
        "",
        "Demonstration comment: the force introduced a daily review of high-risk domestic abuse cases in "
        "November 2016; the draft does not mention it.",
        "",
        Answer.NOT_ACCEPTED,
        "The review began after our fieldwork, so it could not be inspected; we will look at it in the "
        "next inspection.",
    ),
)
NORTHUMBRIA_COMMENTS = (
    (
        "overview",
        "",
        "Demonstration comment: the force's name is Northumbria Police throughout, not 'the constabulary'.",
        "Northumbria Police",
        Answer.ACCEPTED,
        "Corrected.",
    ),
    (
        "q1",
        "",
        "Demonstration comment: the neighbourhood policing model changed in April 2016.",
        "",
        Answer.ACCEPTED,
        "The date is added.",
    ),
    (
        "q2",
        "",
        "Demonstration comment: we think the judgment is harsh.",
        "",
        Answer.NOT_ACCEPTED,
        "The check is of facts, not of the judgment; no fact was shown to be wrong.",
    ),
)
CLEVELAND_CHECK = (datetime.date(2017, 1, 16), datetime.date(2017, 1, 30), datetime.date(2017, 2, 1))


def _at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


def liaisons_ensure(*, users: dict) -> None:
    for username, slug in LIAISONS.items():
        ForceLiaison.objects.update_or_create(
            user=users[username], defaults={"force": Force.objects.get(slug=slug)}
        )


def accuracy_check_ensure(
    *, inspection: Inspection, users: dict, liaison: str, comments: tuple, dates: tuple | None = None
) -> None:
    """A closed check of the inspection with the comments given, each answered by the lead; dated
    ``dates`` (opened, due, closed) where given, as it would have happened."""
    if AccuracyCheck.objects.filter(inspection=inspection).exists():
        return
    lead, author = users["lead"], users[liaison]
    opened_on, due_on, closed_on = dates or (timezone.localdate(),) * 3
    check = accuracy_check_open(inspection=inspection, user=lead, due_on=max(due_on, timezone.localdate()))
    for key, passage, text, correction, answer, reason in comments:
        comment = accuracy_comment_submit(
            check=check,
            user=author,
            section_key=key,
            text=text,
            quoted_text=passage,
            proposed_correction=correction,
        )
        accuracy_comment_answer(
            inspection=inspection,
            user=lead,
            comment_id=comment.pk,
            answer=answer,
            reason=reason,
            version=None,
        )
    accuracy_check_close(inspection=inspection, user=lead, check_id=check.pk)
    if dates:
        AccuracyCheck.objects.filter(pk=check.pk).update(
            opened_at=_at(opened_on), due_on=due_on, closed_at=_at(closed_on, 16)
        )
        AccuracyComment.objects.filter(accuracy_check=check).update(
            created_at=_at(opened_on + datetime.timedelta(days=7)),
            answered_at=_at(closed_on - datetime.timedelta(days=1)),
        )
