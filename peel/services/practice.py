"""Writing innovative and promising practice (``NotablePractice``): only in programmes whose finding types
include the kind; edited, submitted and approved through the shared approval flow."""

import uuid

from django.core.exceptions import ValidationError
from django.db import transaction

from peel.models import FindingKind, Inspection, NotablePractice, Question, QuestionLevel
from peel.services.approval import contributor_ensure, inspection_writable_ensure
from peel.services.submissions import earlier_submission, inspection_lock


def notable_practice_create(
    *,
    inspection: Inspection,
    user,
    question: Question,
    kind: str,
    text: str,
    submission_key: uuid.UUID | None = None,
) -> NotablePractice:
    """A draft piece of practice numbered after the others of its kind under the question; a repeated
    submission returns the one it created."""
    inspection_writable_ensure(inspection)
    contributor_ensure(inspection=inspection, user=user)
    if question.programme_id != inspection.programme_id or question.level != QuestionLevel.CORE:
        raise ValidationError({"question": f"Choose a core question of {inspection.programme.name}."})
    if kind not in inspection.programme.finding_kinds or kind not in NotablePractice.KINDS:
        raise ValidationError(
            {"kind": f"{inspection.programme.name} does not record {FindingKind(kind).label.lower()}."}
        )
    with transaction.atomic():
        inspection_lock(inspection)
        earlier = earlier_submission(NotablePractice, key=submission_key, inspection=inspection)
        if earlier is not None:
            return earlier
        last = (
            NotablePractice.objects.filter(inspection=inspection, question=question, kind=kind)
            .order_by("-order")
            .first()
        )
        practice = NotablePractice(
            inspection=inspection,
            question=question,
            kind=kind,
            text=text.strip(),
            order=(last.order + 1) if last else 0,
            submission_key=submission_key,
        )
        practice._history_user = user
        practice._change_reason = "Created"
        practice.save()
    return practice
