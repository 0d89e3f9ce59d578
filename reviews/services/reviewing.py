"""Saving and submitting a review, safe against two people editing it at once."""

from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import F, OuterRef
from django.utils import timezone

from peel.models import Criterion, Inspection
from reviews.applicability import FileFacts, criterion_applies
from reviews.models import (
    Answer,
    AnswerValue,
    AuditDecision,
    CaseFile,
    CaseFileStatus,
    Review,
    ReviewKind,
    ReviewStatus,
)
from reviews.selectors import audit_question_of
from reviews.services.refusals import Refused
from reviews.services.stages import stage_follow_reviews


class ReviewConflict(Exception):
    """Someone saved the review after this editor loaded it; ``current`` is what they saved."""

    def __init__(self, current: Review | None):
        super().__init__("The review was changed by someone else since it was opened.")
        self.current = current


@dataclass
class ReviewInput:
    """What the form sends: for a quality review, answers and notes by criterion id and (first review
    only) the file's facts; for an audit, the decision and its note."""

    answers: dict[int, str] = field(default_factory=dict)
    notes: dict[int, str] = field(default_factory=dict)
    facts: FileFacts | None = None
    decision: str = ""
    decision_note: str = ""


def may_edit_review(*, inspection: Inspection, case_file: CaseFile, kind: str, user) -> bool:
    """The allocated reviewer edits their review; the lead may edit any review of their inspection."""
    if inspection.is_lead(user):
        return True
    allocated = case_file.reviewer_id if kind == ReviewKind.FIRST else case_file.second_reviewer_id
    return allocated is not None and allocated == user.pk


def unanswered_criteria(
    criteria: list[Criterion], answers: dict[int, str], facts: FileFacts
) -> list[Criterion]:
    """The applicable criteria without an answer: submitting needs none of them."""
    return [c for c in criteria if criterion_applies(c.applicability, facts) and not answers.get(c.pk)]


def review_save(
    *,
    inspection: Inspection,
    case_file_id: int,
    kind: str,
    user,
    expected_version: int,
    data: ReviewInput,
    submit: bool = False,
) -> Review:
    """Save a draft (no completeness check) or submit (every applicable criterion answered; for an
    audit, the decision given).

    ``expected_version`` is the version the editor loaded (0 for a review not yet started). If the
    review has moved on since, nothing is saved and ``ReviewConflict`` is raised, so a concurrent edit is
    never overwritten silently. On submit, criteria that do not apply to the file are recorded as not
    applicable, so an accepted review has an answer for every criterion.
    """
    with transaction.atomic():
        case_file = (
            CaseFile.objects.select_for_update()
            .annotate(audit_question=audit_question_of(OuterRef("inspection_id")))
            .filter(inspection=inspection, pk=case_file_id, status=CaseFileStatus.IN_SAMPLE)
            .first()
        )
        if case_file is None:
            raise Refused("This file is not in the sample (it may have been marked unusable).")
        if not may_edit_review(inspection=inspection, case_file=case_file, kind=kind, user=user):
            raise Refused("Only the inspector the file is allocated to, or the lead, can edit this review.")
        reviewer_id = case_file.reviewer_id if kind == ReviewKind.FIRST else case_file.second_reviewer_id
        if reviewer_id is None:
            raise Refused("This review has not been allocated to an inspector yet.")
        review = Review.objects.filter(case_file=case_file, kind=kind).first()
        if (review.version if review else 0) != expected_version:
            raise ReviewConflict(review)
        if review is not None and not review.is_editable():
            raise Refused(f"The review is {review.get_status_display().lower()} and can no longer be edited.")

        if case_file.audit_question is not None:
            # An audit's review is its decision: no criteria, and the file's facts stay as recorded.
            criteria, data = [], ReviewInput(decision=data.decision, decision_note=data.decision_note.strip())
            if data.decision and data.decision not in AuditDecision.values:
                raise Refused(f"{data.decision!r} is not a decision this form offers.")
            if submit and not data.decision:
                raise Refused("Give the decision before submitting.")
        else:
            criteria = list(Criterion.objects.filter(programme_id=inspection.programme_id))
            data.decision, data.decision_note = "", ""
        facts = data.facts if kind == ReviewKind.FIRST and data.facts is not None else FileFacts.of(case_file)
        answers = {c.pk: data.answers.get(c.pk, "") for c in criteria}
        invalid = [v for v in answers.values() if v and v not in AnswerValue.values]
        if invalid:
            raise Refused(f"{invalid[0]!r} is not an answer this form offers.")
        if submit:
            missing = unanswered_criteria(criteria, answers, facts)
            if missing:
                raise Refused(
                    "Answer every criterion that applies before submitting.",
                    [f"{c.code} {c.text}" for c in missing],
                )
            for criterion in criteria:
                if not criterion_applies(criterion.applicability, facts):
                    answers[criterion.pk] = AnswerValue.NOT_APPLICABLE

        if review is not None and not submit and _unchanged(review, criteria, answers, data, case_file):
            return review  # a save that changes nothing moves no version
        now = timezone.now()
        if review is None:
            status = ReviewStatus.SUBMITTED if submit else ReviewStatus.DRAFT
            review = Review.objects.create(
                case_file=case_file,
                kind=kind,
                reviewer_id=reviewer_id,
                status=status,
                version=1,
                updated_by=user,
                submitted_at=now if submit else None,
                decision=data.decision,
                decision_note=data.decision_note,
            )
        else:
            status = ReviewStatus.SUBMITTED if submit else review.status
            changed = Review.objects.filter(pk=review.pk, version=expected_version).update(
                version=F("version") + 1,
                status=status,
                updated_by=user,
                updated_at=now,
                submitted_at=now if submit else review.submitted_at,
                decision=data.decision,
                decision_note=data.decision_note,
            )
            if changed != 1:  # only possible where rows are not locked (SQLite serialises writes instead)
                raise ReviewConflict(Review.objects.filter(pk=review.pk).first())
            review.refresh_from_db()
        _answers_store(review, criteria, answers, data.notes)
        if kind == ReviewKind.FIRST and data.facts is not None:
            _facts_store(case_file, data.facts)
        if submit:
            stage_follow_reviews(inspection_id=inspection.pk)
    return review


def _unchanged(review: Review, criteria, answers: dict[int, str], data: ReviewInput, case_file) -> bool:
    if (review.decision, review.decision_note) != (data.decision, data.decision_note):
        return False
    stored = {answer.criterion_id: (answer.value, answer.note) for answer in review.answers.all()}
    for criterion in criteria:
        wanted = (answers.get(criterion.pk, ""), data.notes.get(criterion.pk, "").strip())
        if stored.get(criterion.pk, ("", "")) != wanted:
            return False
    return data.facts is None or review.kind != ReviewKind.FIRST or data.facts == FileFacts.of(case_file)


def _answers_store(review: Review, criteria: list[Criterion], answers: dict[int, str], notes: dict[int, str]):
    existing = {answer.criterion_id: answer for answer in Answer.objects.filter(review=review)}
    to_create, to_update = [], []
    for criterion in criteria:
        value, note = answers.get(criterion.pk, ""), notes.get(criterion.pk, "").strip()
        answer = existing.get(criterion.pk)
        if answer is None:
            if value or note:
                to_create.append(Answer(review=review, criterion=criterion, value=value, note=note))
        elif (answer.value, answer.note) != (value, note):
            answer.value, answer.note = value, note
            to_update.append(answer)
    Answer.objects.bulk_create(to_create)
    Answer.objects.bulk_update(to_update, ["value", "note"])


def _facts_store(case_file: CaseFile, facts: FileFacts) -> None:
    case_file.outcome_code = facts.outcome_code
    case_file.domestic_abuse = facts.domestic_abuse
    case_file.vulnerable_victim = facts.vulnerable_victim
    case_file.repeat_victim = facts.repeat_victim
    case_file.suspect_identified = facts.suspect_identified
    case_file.risk_level = facts.risk_level
    case_file.save(
        update_fields=[
            "outcome_code",
            "domestic_abuse",
            "vulnerable_victim",
            "repeat_victim",
            "suspect_identified",
            "risk_level",
        ]
    )
