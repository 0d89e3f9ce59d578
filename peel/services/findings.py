"""Areas for improvement, causes of concern and their recommendations, and the assessment of the
previous inspection's findings. Approving, rejecting and reopening go through ``peel.services.approval``."""

import datetime
import uuid
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import prefetch_related_objects

from peel.models import (
    AfiOrigin,
    AreaForImprovement,
    CauseOfConcern,
    Criterion,
    EvidenceNote,
    Inspection,
    PreviousFindingAssessment,
    Question,
    QuestionLevel,
    Recommendation,
)
from peel.services.approval import (
    ApprovalAction,
    approvable_transition,
    approvable_update,
    changes_apply,
    contributor_ensure,
    inspection_writable_ensure,
    lead_ensure,
    version_ensure,
)
from peel.services.submissions import earlier_submission, inspection_lock


def _core_question_check(*, inspection: Inspection, question: Question) -> None:
    if question.programme_id != inspection.programme_id or question.level != QuestionLevel.CORE:
        raise ValidationError({"question": f"Choose a core question of {inspection.programme.name}."})


def _links_check(
    *, inspection: Inspection, question: Question, evidence_notes: Iterable[EvidenceNote], criteria
) -> None:
    problems = []
    for note in evidence_notes:
        if note.inspection_id != inspection.pk:
            problems.append(f"Evidence note {note.pk} belongs to another inspection.")
        elif note.question.parent_id != question.pk:
            problems.append(
                f"Evidence note {note.pk} is about {note.question.code}, not core question {question.code}."
            )
    for criterion in criteria:
        if criterion.programme_id != inspection.programme_id:
            problems.append(
                f"Criterion {criterion.code} is not one of {inspection.programme.name}'s criteria."
            )
    if problems:
        raise ValidationError(problems)


def afi_create(
    *,
    inspection: Inspection,
    user,
    question: Question,
    text: str,
    evidence_notes: Iterable[EvidenceNote] = (),
    criteria: Iterable[Criterion] = (),
    submission_key: uuid.UUID | None = None,
) -> AreaForImprovement:
    """A team-written AFI, numbered after the others under its core question; a repeated submission
    (same ``submission_key``) returns the AFI it created."""
    evidence_notes, criteria = list(evidence_notes), list(criteria)
    inspection_writable_ensure(inspection)
    contributor_ensure(inspection=inspection, user=user)
    _core_question_check(inspection=inspection, question=question)
    _links_check(inspection=inspection, question=question, evidence_notes=evidence_notes, criteria=criteria)
    with transaction.atomic():
        inspection_lock(inspection)
        earlier = earlier_submission(AreaForImprovement, key=submission_key, inspection=inspection)
        if earlier is not None:
            return earlier
        last = inspection.afis.filter(question=question).order_by("-order").first()
        afi = AreaForImprovement(
            inspection=inspection,
            question=question,
            text=text.strip(),
            order=(last.order + 1) if last else 0,
            origin=AfiOrigin.LEAD,
            submission_key=submission_key,
        )
        afi._history_user = user
        afi._change_reason = "Created"
        afi.save()
        afi.evidence_notes.set(evidence_notes)
        afi.criteria.set(criteria)
    return afi


def afi_update(
    *,
    afi: AreaForImprovement,
    user,
    question: Question,
    text: str,
    evidence_notes: Iterable[EvidenceNote],
    criteria: Iterable[Criterion],
    version: str | None = None,
) -> AreaForImprovement:
    return _linked_update(
        item=afi, user=user, question=question, text=text, evidence_notes=evidence_notes, criteria=criteria,
        version=version,
    )  # fmt: skip


def cause_of_concern_update(
    *,
    cause: CauseOfConcern,
    user,
    question: Question,
    text: str,
    evidence_notes: Iterable[EvidenceNote] = (),
    criteria: Iterable[Criterion] = (),
    version: str | None = None,
) -> CauseOfConcern:
    return _linked_update(
        item=cause, user=user, question=question, text=text, evidence_notes=evidence_notes,
        criteria=criteria, version=version,
    )  # fmt: skip


def _linked_update(*, item, user, question: Question, text: str, evidence_notes, criteria, version):
    """An AFI's or cause of concern's question, text and the notes and criteria it rests on."""
    evidence_notes, criteria = list(evidence_notes), list(criteria)
    inspection = item.inspection
    _core_question_check(inspection=inspection, question=question)
    _links_check(inspection=inspection, question=question, evidence_notes=evidence_notes, criteria=criteria)
    with transaction.atomic():
        notes_changed = set(item.evidence_notes.all()) != set(evidence_notes)
        links_changed = notes_changed or set(item.criteria.all()) != set(criteria)
        updated = approvable_update(
            item=item, user=user, changes={"question": question, "text": text.strip()}, version=version
        )
        if links_changed:
            updated._history_user = user
            updated.evidence_notes.set(evidence_notes)
            updated.criteria.set(criteria)
    return updated


def cause_of_concern_create(
    *,
    inspection: Inspection,
    user,
    question: Question,
    text: str,
    evidence_notes: Iterable[EvidenceNote] = (),
    criteria: Iterable[Criterion] = (),
    submission_key: uuid.UUID | None = None,
) -> CauseOfConcern:
    """A cause of concern numbered after the inspection's others; a repeated submission returns the one
    it created."""
    evidence_notes, criteria = list(evidence_notes), list(criteria)
    inspection_writable_ensure(inspection)
    contributor_ensure(inspection=inspection, user=user)
    _core_question_check(inspection=inspection, question=question)
    _links_check(inspection=inspection, question=question, evidence_notes=evidence_notes, criteria=criteria)
    with transaction.atomic():
        inspection_lock(inspection)
        earlier = earlier_submission(CauseOfConcern, key=submission_key, inspection=inspection)
        if earlier is not None:
            return earlier
        last = inspection.causes_of_concern.order_by("-order").first()
        cause = CauseOfConcern(
            inspection=inspection,
            question=question,
            text=text.strip(),
            order=(last.order + 1) if last else 0,
            submission_key=submission_key,
        )
        cause._history_user = user
        cause._change_reason = "Created"
        cause.save()
        cause.evidence_notes.set(evidence_notes)
        cause.criteria.set(criteria)
    return cause


def _parent_editable_ensure(*, parent: AreaForImprovement | CauseOfConcern, user) -> None:
    inspection_writable_ensure(parent.inspection)
    contributor_ensure(inspection=parent.inspection, user=user)
    if parent.is_locked:
        state = "rejected" if getattr(parent, "rejected", False) else "approved"
        raise ValidationError(
            f"The {parent._meta.verbose_name} is {state}, so its recommendations are read-only. "
            "The lead can reopen it with a reason."
        )


def _locked_parent(parent: AreaForImprovement | CauseOfConcern) -> AreaForImprovement | CauseOfConcern:
    return (
        type(parent)
        .objects.select_for_update(of=("self", "inspection"))
        .select_related("inspection__programme")
        .get(pk=parent.pk)
    )


def recommendations_allowed_ensure(*, parent: AreaForImprovement | CauseOfConcern) -> None:
    """Refused where the programme's finding type carries no recommendations (e.g. an area for
    improvement in PEEL 2021)."""
    if not parent.takes_recommendations():
        raise ValidationError(
            f"Recommendations cannot be added: in {parent.inspection.programme} "
            f"{'an' if isinstance(parent, AreaForImprovement) else 'a'} {parent._meta.verbose_name} "
            "carries none.",
            code="no_recommendations",
        )


def recommendation_create(
    *,
    parent: AreaForImprovement | CauseOfConcern,
    user,
    text: str,
    due_date: datetime.date | None,
    submission_key: uuid.UUID | None = None,
) -> Recommendation:
    """A recommendation belongs to a cause of concern or (as in Cleveland 2016) to an AFI; it is
    editable while its parent is. Numbered after its parent's others under the parent's lock; a repeated
    submission returns the one it created."""
    is_afi = isinstance(parent, AreaForImprovement)
    with transaction.atomic():
        parent = _locked_parent(parent)
        _parent_editable_ensure(parent=parent, user=user)
        recommendations_allowed_ensure(parent=parent)
        earlier = earlier_submission(
            Recommendation, key=submission_key, **{"afi" if is_afi else "cause_of_concern": parent}
        )
        if earlier is not None:
            return earlier
        last = parent.recommendations.order_by("-order").first()
        recommendation = Recommendation(
            text=text.strip(),
            due_date=due_date,
            order=(last.order + 1) if last else 0,
            submission_key=submission_key,
        )
        if is_afi:
            recommendation.afi = parent
        else:
            recommendation.cause_of_concern = parent
        recommendation._history_user = user
        recommendation.save()
    return recommendation


def recommendation_update(
    *, recommendation: Recommendation, user, text: str, due_date: datetime.date, version: str | None = None
) -> Recommendation:
    """Change a recommendation; refused if someone saved it since the editor's ``version``."""
    with transaction.atomic():
        _parent_editable_ensure(parent=_locked_parent(recommendation.parent), user=user)
        locked = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
        version_ensure(current=locked, version=version)
        if changes_apply(locked, {"text": text.strip(), "due_date": due_date}):
            locked._history_user = user
            locked.save()
    return locked


def recommendation_delete(*, recommendation: Recommendation, user) -> None:
    with transaction.atomic():
        _parent_editable_ensure(parent=_locked_parent(recommendation.parent), user=user)
        recommendation._history_user = user
        recommendation.delete()


def previous_finding_assess(
    *,
    inspection: Inspection,
    user,
    progress: str,
    note: str = "",
    afi: AreaForImprovement | None = None,
    cause_of_concern: CauseOfConcern | None = None,
) -> PreviousFindingAssessment:
    """The lead records how far one of the previous inspection's AFIs or causes of concern was addressed."""
    if (afi is None) == (cause_of_concern is None):
        raise ValidationError("Assess exactly one previous area for improvement or cause of concern.")
    inspection_writable_ensure(inspection)
    lead_ensure(inspection=inspection, user=user)
    finding = afi or cause_of_concern
    previous = inspection.published_previous
    if previous is None or finding.inspection_id != previous.pk:
        raise PermissionDenied("Only the published previous inspection's findings can be assessed here.")
    with transaction.atomic():
        # Lock the inspection so two first assessments of one finding cannot both insert.
        Inspection.objects.select_for_update().filter(pk=inspection.pk).first()
        assessment = (
            PreviousFindingAssessment.objects.select_for_update()
            .filter(inspection=inspection, afi=afi, cause_of_concern=cause_of_concern)
            .first()
        ) or PreviousFindingAssessment(inspection=inspection, afi=afi, cause_of_concern=cause_of_concern)
        assessment.progress = progress
        assessment.note = note.strip()
        assessment.assessed_by = user
        assessment.full_clean(exclude=["inspection", "afi", "cause_of_concern", "assessed_by"])
        assessment._history_user = user
        assessment.save()
    return assessment


def _chosen_lock(*, inspection: Inspection, versions: dict[int, str]) -> list[AreaForImprovement]:
    """The AFIs the lead ticked, locked, each as it was when the list was shown: an AFI changed since
    (its version moved), gone, approved or rejected refuses the whole action, naming it."""
    if not versions:
        raise ValidationError("Tick at least one area for improvement.")
    chosen = list(
        AreaForImprovement.objects.select_for_update(of=("self",))
        .filter(inspection=inspection, pk__in=versions)
        .select_related("question")
        .order_by("question__order", "question__code", "order", "pk")
    )
    gone = sorted(set(versions) - {afi.pk for afi in chosen})
    if gone:
        raise ValidationError(
            f"Area for improvement {gone[0]} is no longer on this inspection (deleted or withdrawn by a "
            "compile): nothing was done. Reload the list and choose again.",
            code="conflict",
        )
    for afi in chosen:
        if afi.edit_version != versions[afi.pk]:
            raise ValidationError(
                f"Someone changed “{_short(afi)}” ({afi.question.code}) after you opened the list, so "
                "nothing was done. Your choices are kept: check it and try again.",
                code="conflict",
            )
        if afi.is_locked:
            state = "rejected" if afi.rejected else "approved"
            raise ValidationError(
                f"“{_short(afi)}” ({afi.question.code}) is already {state}: nothing was done."
            )
    return chosen


def _short(afi: AreaForImprovement) -> str:
    return afi.text if len(afi.text) <= 60 else afi.text[:59].rsplit(" ", 1)[0] + "…"


def afis_accept(*, inspection: Inspection, user, versions: dict[int, str]) -> list[AreaForImprovement]:
    """Approve every chosen AFI, or none: each must pass its ``approval_problems``; every one that does
    not is named."""
    inspection_writable_ensure(inspection)
    lead_ensure(inspection=inspection, user=user)
    with transaction.atomic():
        chosen = _chosen_lock(inspection=inspection, versions=versions)
        problems = [
            f"“{_short(afi)}” ({afi.question.code}): {'; '.join(afi.approval_problems())}."
            for afi in chosen
            if afi.approval_problems()
        ]
        if problems:
            raise ValidationError(["Nothing was approved:", *problems])
        return [approvable_transition(item=afi, user=user, action=ApprovalAction.APPROVE) for afi in chosen]


def afis_reject(
    *, inspection: Inspection, user, versions: dict[int, str], reason: str
) -> list[AreaForImprovement]:
    """Reject every chosen AFI with one reason, kept in each one's history."""
    inspection_writable_ensure(inspection)
    lead_ensure(inspection=inspection, user=user)
    if not reason.strip():
        raise ValidationError({"reason": "Give a reason for rejecting: it is kept in each one's history."})
    with transaction.atomic():
        chosen = _chosen_lock(inspection=inspection, versions=versions)
        return [
            approvable_transition(item=afi, user=user, action=ApprovalAction.REJECT, reason=reason)
            for afi in chosen
        ]


def afis_merge(
    *, inspection: Inspection, user, versions: dict[int, str], question: Question, text: str
) -> AreaForImprovement:
    """One draft AFI, under one of the chosen AFIs' questions, resting on all their criteria and notes;
    the chosen ones are rejected as merged into it."""
    inspection_writable_ensure(inspection)
    lead_ensure(inspection=inspection, user=user)
    if len(versions) < 2:
        raise ValidationError("Tick at least two areas for improvement to merge.")
    with transaction.atomic():
        chosen = _chosen_lock(inspection=inspection, versions=versions)
        if question.pk not in {afi.question_id for afi in chosen}:
            raise ValidationError(
                {"question": "Choose the question of one of the areas for improvement merged."}
            )
        prefetch_related_objects(chosen, "evidence_notes__question", "criteria")
        merged = afi_create(
            inspection=inspection,
            user=user,
            question=question,
            text=text,
            evidence_notes={note for afi in chosen for note in afi.evidence_notes.all()},
            criteria={criterion for afi in chosen for criterion in afi.criteria.all()},
        )
        reason = f"Merged into area for improvement {merged.pk} under {question.code}"
        for afi in chosen:
            approvable_transition(item=afi, user=user, action=ApprovalAction.REJECT, reason=reason)
    return merged


def merged_text(afis: Iterable[AreaForImprovement]) -> str:
    """The merge form's starting text: the chosen AFIs' texts, one paragraph each."""
    return "\n\n".join(afi.text.strip() for afi in afis)
