"""Evidence notes: the team records them; an author and the lead change them."""

import datetime
import uuid

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from peel.models import ApprovalState, EvidenceNote, Inspection, Question, QuestionLevel
from peel.services.approval import (
    changes_apply,
    contributor_ensure,
    inspection_writable_ensure,
    version_ensure,
)
from peel.services.submissions import earlier_submission, inspection_lock


def _question_check(*, inspection: Inspection, question: Question) -> None:
    if question.programme_id != inspection.programme_id or question.level != QuestionLevel.SUB:
        raise ValidationError(
            {"question": f"Choose a sub-question of {inspection.programme.name}; {question.code} is not one."}
        )


def evidence_note_create(
    *,
    inspection: Inspection,
    author,
    question: Question,
    source: str,
    direction: str,
    observed_on: datetime.date,
    text: str,
    proposed_afi: bool = False,
    submission_key: uuid.UUID | None = None,
) -> EvidenceNote:
    """Record a note; a repeated submission (same ``submission_key``) returns the note it recorded."""
    inspection_writable_ensure(inspection)
    contributor_ensure(inspection=inspection, user=author)
    _question_check(inspection=inspection, question=question)
    with transaction.atomic():
        inspection_lock(inspection)
        earlier = earlier_submission(EvidenceNote, key=submission_key, inspection=inspection)
        if earlier is not None:
            return earlier
        return _note_save(
            EvidenceNote(
                inspection=inspection,
                question=question,
                source=source,
                direction=direction,
                observed_on=observed_on,
                text=text.strip(),
                proposed_afi=proposed_afi,
                author=author,
                submission_key=submission_key,
            )
        )


def _note_save(note: EvidenceNote) -> EvidenceNote:
    note.full_clean(exclude=["inspection", "question", "author"])  # given as objects, checked above
    note._history_user = note.author
    note.save()
    return note


EDITABLE_FIELDS = ("question", "source", "direction", "observed_on", "text", "proposed_afi")


def evidence_note_update(
    *, note: EvidenceNote, user, changes: dict[str, object], version: str | None = None
) -> EvidenceNote:
    """Change a note; refused if someone saved it since the editor's ``version``. A save that changes
    nothing writes nothing."""
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(
            f"These fields of an evidence note cannot be changed: {', '.join(sorted(unknown))}."
        )
    with transaction.atomic():
        locked = (
            EvidenceNote.objects.select_for_update().select_related("inspection__programme").get(pk=note.pk)
        )
        inspection_writable_ensure(locked.inspection)
        if not locked.is_editable_by(user):
            raise PermissionDenied("Only the note's author and the inspection's lead can change it.")
        version_ensure(current=locked, version=version)
        if "question" in changes:
            _question_check(inspection=locked.inspection, question=changes["question"])
        if "text" in changes:
            changes = {**changes, "text": changes["text"].strip()}
        if not changes_apply(locked, changes):
            return locked
        locked.full_clean(exclude=["inspection", "question", "author"])
        locked._history_user = user
        locked.save()
    return locked


def evidence_note_delete(*, note: EvidenceNote, user) -> None:
    """Delete a note; its history stays. A note an approved AFI cites cannot go."""
    with transaction.atomic():
        locked = EvidenceNote.objects.select_for_update().select_related("inspection").get(pk=note.pk)
        inspection_writable_ensure(locked.inspection)
        if not locked.is_editable_by(user):
            raise PermissionDenied("Only the note's author and the inspection's lead can delete it.")
        cited_by = locked.afis.filter(state=ApprovalState.APPROVED).count()
        if cited_by:
            raise ValidationError(
                f"This note is cited by {cited_by} approved area{'s' if cited_by > 1 else ''} for "
                "improvement; the lead must reopen it and remove the link first."
            )
        locked._history_user = user
        locked.delete()
