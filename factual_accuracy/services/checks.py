"""Writes of the factual accuracy check: the lead opens a round (sending the draft as it is now) and
closes it; the force's liaison comments on a section and may withdraw an unanswered comment; the lead
answers each comment, accepted and changed or not accepted with a reason.

Each change locks the check's inspection row (``select_for_update``) and re-reads what it acts on, so two
people acting at once are served one after the other; an answer carries the comment's version, and one
made on a stale copy is refused (the lead keeps their text).
"""

import datetime
import uuid

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from authoring.models import FixedSection, ReportSection, question_key
from factual_accuracy.models import AccuracyCheck, AccuracyComment, Answer
from factual_accuracy.selectors import liaison_force_of, report_for_force, sections_of
from factual_accuracy.services.notices import accuracy_comment_notify
from peel.models import Inspection, InspectionStatus
from peel.services.approval import lead_ensure, version_ensure
from peel.services.submissions import earlier_submission
from reports.services.report_rendering import report_document_html

# The stages in which the draft can go to the force: once the team is writing its judgments.
CHECKABLE_STAGES = (InspectionStatus.JUDGMENTS,)


def _locked(inspection_id: int) -> Inspection:
    return (
        Inspection.objects.select_for_update(of=("self",))
        .select_related("force", "programme", "lead", "previous")
        .get(pk=inspection_id)
    )


def accuracy_check_open(*, inspection: Inspection, user, due_on: datetime.date) -> AccuracyCheck:
    """Send the draft to the force: a new round, holding the draft as it is now (its HTML and SHA-256)."""
    with transaction.atomic():
        locked = _locked(inspection.pk)
        lead_ensure(inspection=locked, user=user)
        if locked.status not in CHECKABLE_STAGES:
            raise ValidationError(
                "The draft goes to the force for its factual accuracy check at the judgments stage, "
                f"before publication; this inspection is at the {locked.get_status_display().lower()} stage."
            )
        if due_on < timezone.localdate():
            raise ValidationError(
                {"due_on": "The due date is in the past: give the force time to read the draft."}
            )
        if AccuracyCheck.objects.filter(inspection=locked, closed_at=None).exists():
            raise ValidationError(
                "A factual accuracy check is already open: close it before opening another."
            )
        latest = (
            AccuracyCheck.objects.filter(inspection=locked).order_by("-round").values_list("round", flat=True)
        )
        check = AccuracyCheck(
            inspection=locked, round=(latest.first() or 0) + 1, due_on=due_on, opened_by=user
        )
        check.document_store(
            report_document_html(inspection=locked, content=report_for_force(inspection=locked))
        )
        check.save()
        return check


def accuracy_check_close(*, inspection: Inspection, user, check_id: int) -> AccuracyCheck:
    """End the force's window: the liaison can no longer comment or read the draft; the lead goes on
    answering what is still waiting."""
    with transaction.atomic():
        locked = _locked(inspection.pk)
        lead_ensure(inspection=locked, user=user)
        check = AccuracyCheck.objects.select_for_update().filter(pk=check_id, inspection=locked).first()
        if check is None or not check.is_open:
            raise ValidationError(
                "This factual accuracy check is already closed; nothing was done.", code="stale"
            )
        check.closed_by, check.closed_at = user, timezone.now()
        check.save(update_fields=["closed_by", "closed_at"])
        return check


def _open_check_for_liaison(*, check_id: int, user) -> AccuracyCheck:
    check = AccuracyCheck.objects.select_related("inspection").defer("document_html").get(pk=check_id)
    force = liaison_force_of(user)
    if force is None or force.pk != check.inspection.force_id:
        raise PermissionDenied("Only a liaison of the inspected force comments on its draft.")
    _locked(check.inspection_id)
    check.refresh_from_db(fields=["closed_at"])
    if not check.is_open:
        raise ValidationError(
            "The factual accuracy check has closed: comments can no longer be made.", code="stale"
        )
    return check


def _authored_section(*, inspection: Inspection, anchor: str) -> ReportSection | None:
    """The authored section a part of the report is: a question's (anchor ``q1.2``, key ``q-1.2``) or a
    fixed one (``introduction``, ``next-steps``, ``annex-a``); None for the rest (Force in numbers...)."""
    if anchor in FixedSection.values:
        key = anchor
    elif anchor.startswith("q") and not anchor.endswith("-summary"):
        key = question_key(anchor[1:])
    else:
        return None
    return ReportSection.objects.filter(inspection=inspection, key=key).first()


def accuracy_comment_submit(
    *,
    check: AccuracyCheck,
    user,
    section_key: str,
    text: str,
    quoted_text: str = "",
    proposed_correction: str = "",
    submission_key: uuid.UUID | None = None,
) -> AccuracyComment:
    """The liaison's comment on one section of the draft, submitted as it is saved."""
    with transaction.atomic():
        check = _open_check_for_liaison(check_id=check.pk, user=user)
        earlier = earlier_submission(AccuracyComment, key=submission_key, accuracy_check=check)
        if earlier is not None:
            return earlier
        sections = {
            section.key: section for section in sections_of(report_for_force(inspection=check.inspection))
        }
        section = sections.get(section_key)
        if section is None:
            raise ValidationError({"section_key": "Choose a section of the draft report."})
        comment = AccuracyComment.objects.create(
            accuracy_check=check,
            section_key=section.key,
            section=_authored_section(inspection=check.inspection, anchor=section.key),
            section_title=section.title[:300],
            quoted_text=quoted_text,
            text=text,
            proposed_correction=proposed_correction,
            author=user,
            submission_key=submission_key,
        )
        accuracy_comment_notify(comment=comment)
        return comment


def accuracy_comment_withdraw(*, check: AccuracyCheck, user, comment_id: int) -> AccuracyComment:
    """A liaison takes back a comment the lead has not answered, while the check is open."""
    with transaction.atomic():
        check = _open_check_for_liaison(check_id=check.pk, user=user)
        comment = (
            AccuracyComment.objects.select_for_update().filter(pk=comment_id, accuracy_check=check).first()
        )
        if comment is None:
            raise ValidationError("No such comment on this check.")
        if comment.is_withdrawn:
            return comment
        if comment.is_answered:
            raise ValidationError(
                "The lead has answered this comment, so it stays in the log; add a new comment instead.",
                code="stale",
            )
        comment.withdrawn_at = timezone.now()
        comment.save(update_fields=["withdrawn_at", "updated_at"])
        return comment


def accuracy_comment_answer(
    *, inspection: Inspection, user, comment_id: int, answer: str, reason: str, version: str | None
) -> AccuracyComment:
    """The lead's answer to a comment: accepted and changed, or not accepted with a reason. An answer
    may be changed (with the version the form was loaded with) until the report is published."""
    reason = reason.strip()
    if answer not in Answer.values:
        raise ValidationError({"answer": "Choose whether the comment is accepted."})
    if answer == Answer.NOT_ACCEPTED and not reason:
        raise ValidationError({"reason": "Say why the comment is not accepted: the force reads the reason."})
    with transaction.atomic():
        locked = _locked(inspection.pk)
        lead_ensure(inspection=locked, user=user)
        if locked.is_published:
            raise ValidationError("The report is published: its factual accuracy log is kept as it was.")
        comment = (
            AccuracyComment.objects.select_for_update()
            .filter(pk=comment_id, accuracy_check__inspection=locked)
            .first()
        )
        if comment is None:
            raise ValidationError("No such comment on this inspection.")
        if comment.is_withdrawn:
            raise ValidationError("The force withdrew this comment, so it needs no answer.", code="stale")
        version_ensure(current=comment, version=version)
        if (comment.answer, comment.reason) == (answer, reason):
            return comment  # saved unchanged: nothing is written, no version moves
        comment.answer, comment.reason = answer, reason
        comment.answered_by, comment.answered_at = user, timezone.now()
        comment.save(update_fields=["answer", "reason", "answered_by", "answered_at", "updated_at"])
        return comment
