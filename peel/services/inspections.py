"""Setting up an inspection and moving it through its stages."""

import datetime
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from forces.models import Force
from peel.models import (
    ApprovalState,
    AreaForImprovement,
    CauseOfConcern,
    FindingSummary,
    Inspection,
    InspectionStatus,
    Judgment,
    Programme,
    QuestionLevel,
)
from peel.roles import Role, is_admin, roles_of
from peel.services.approval import changes_apply, lead_ensure, version_ensure

STAGES = list(InspectionStatus)


def _people_check(*, lead, team: Iterable, hmi=None) -> list[str]:
    problems = []
    if hmi is not None:
        if not hmi.is_active:
            problems.append(f"The HM Inspector {hmi.username!r} is not an active user.")
        elif Role.HMI not in roles_of(hmi):
            problems.append(f"The HM Inspector {hmi.username!r} does not have the HM Inspector role.")
        elif lead is not None and hmi.pk == lead.pk:
            problems.append(f"{hmi.username!r} leads the inspection, so cannot also sign its report off.")
    if lead is not None:
        if not lead.is_active:
            problems.append(f"The lead {lead.username!r} is not an active user.")
        elif Role.LEAD not in roles_of(lead):
            problems.append(f"The lead {lead.username!r} does not have the Lead role.")
    for member in team:
        if lead is not None and member.pk == lead.pk:
            problems.append(f"{member.username!r} is the lead; the team lists the other inspectors.")
        elif not member.is_active:
            problems.append(f"Team member {member.username!r} is not an active user.")
        elif Role.INSPECTOR not in roles_of(member):
            problems.append(f"Team member {member.username!r} does not have the Inspector role.")
    return problems


def _previous_inspection_of(*, force: Force, programme: Programme) -> Inspection | None:
    """The latest inspection of the same force in an earlier year, for change since last year."""
    return (
        Inspection.objects.filter(force=force, programme__year__lt=programme.year)
        .order_by("-programme__year", "-created_at")
        .first()
    )


def inspection_create(
    *,
    force: Force,
    programme: Programme,
    review_window_start: datetime.date,
    review_window_end: datetime.date,
    lead=None,
    hmi=None,
    team: Iterable = (),
    fieldwork_start: datetime.date | None = None,
    fieldwork_end: datetime.date | None = None,
    previous: Inspection | None = None,
    created_by=None,
    is_generated: bool = False,
) -> Inspection:
    """Create an inspection with its draft judgments (overall and every core question) and its empty
    summaries of findings (every core question).

    Core questions the programme does not grade (specialist capabilities in 2016) get a judgment already
    set to *ungraded*, so the report's summary table has a row for each core question.
    """
    team = list(team)
    if created_by is not None and not is_admin(created_by):
        raise PermissionDenied("Only an administrator can create an inspection.")
    problems = _people_check(lead=lead, team=team, hmi=hmi)
    if review_window_start > review_window_end:
        problems.append(
            f"The file-review window starts ({review_window_start:%Y-%m-%d}) after it ends "
            f"({review_window_end:%Y-%m-%d})."
        )
    if fieldwork_start and fieldwork_end and fieldwork_start > fieldwork_end:
        problems.append("Fieldwork starts after it ends.")
    existing = Inspection.objects.filter(force=force, programme=programme).first()
    if existing is not None:
        problems.append(f"{force.name} already has an inspection in {programme.name} (id {existing.pk}).")
    if previous is not None and previous.force_id != force.pk:
        problems.append("The previous inspection must be of the same force.")
    if problems:
        raise ValidationError(problems)
    if previous is None:
        previous = _previous_inspection_of(force=force, programme=programme)
    try:
        with transaction.atomic():
            inspection = Inspection.objects.create(
                force=force,
                programme=programme,
                lead=lead,
                hmi=hmi,
                review_window_start=review_window_start,
                review_window_end=review_window_end,
                fieldwork_start=fieldwork_start,
                fieldwork_end=fieldwork_end,
                previous=previous,
                is_generated=is_generated,
            )
            inspection.team.set(team)
            _drafts_create(inspection=inspection)
    except IntegrityError:
        # Someone created the same inspection between our check and our insert.
        raise ValidationError(f"{force.name} already has an inspection in {programme.name}.") from None
    return inspection


def _drafts_create(*, inspection: Inspection) -> None:
    questions = inspection.programme.questions.filter(level__in=[QuestionLevel.OVERALL, QuestionLevel.CORE])
    judgments, summaries = [], []
    for question in questions:
        grade = "" if question.graded else "ungraded"
        judgments.append(Judgment(inspection=inspection, question=question, grade=grade))
        if question.level == QuestionLevel.CORE:
            summaries.append(FindingSummary(inspection=inspection, question=question))
    # save() one by one so each row gets its first history record ("created").
    for row in [*judgments, *summaries]:
        row._change_reason = "Created with the inspection"
        row.save()


def inspection_update(
    *,
    inspection: Inspection,
    user,
    team: Iterable,
    fieldwork_start: datetime.date | None,
    fieldwork_end: datetime.date | None,
    version: str | None = None,
    hmi=None,
) -> Inspection:
    """The lead keeps the HM Inspector, the team and the fieldwork dates up to date; refused if someone
    saved them since the lead's ``version``. A save that changes nothing writes nothing."""
    team = list(team)
    lead_ensure(inspection=inspection, user=user)
    problems = _people_check(lead=inspection.lead, team=team, hmi=hmi)
    if fieldwork_start and fieldwork_end and fieldwork_start > fieldwork_end:
        problems.append("Fieldwork starts after it ends.")
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        locked = Inspection.objects.select_for_update().get(pk=inspection.pk)
        if locked.is_published:
            raise ValidationError("This inspection is published: its team and dates can no longer change.")
        version_ensure(current=locked, version=version)
        changes = {"fieldwork_start": fieldwork_start, "fieldwork_end": fieldwork_end, "hmi": hmi}
        team_changed = set(locked.team.all()) != set(team)
        if changes_apply(locked, changes) or team_changed:
            locked.save(update_fields=[*changes, "updated_at"])
            locked.team.set(team)
    return locked


def inspection_status_moves(inspection: Inspection) -> list[InspectionStatus]:
    """Where the inspection may go next: one stage on or one stage back, short of publication (which
    follows the sign-off, from the report); a published one stays."""
    if inspection.is_published:
        return []
    index = STAGES.index(InspectionStatus(inspection.status))
    moves = [STAGES[i] for i in (index - 1, index + 1) if 0 <= i < len(STAGES)]
    return [stage for stage in moves if stage != InspectionStatus.PUBLISHED]


def _unapproved_for_publication(inspection: Inspection) -> list[str]:
    counts = {
        "judgment": Judgment.objects.filter(inspection=inspection).exclude(state=ApprovalState.APPROVED),
        "summary of findings": FindingSummary.objects.filter(inspection=inspection).exclude(
            state=ApprovalState.APPROVED
        ),
        "area for improvement": AreaForImprovement.objects.filter(
            inspection=inspection, rejected=False
        ).exclude(state=ApprovalState.APPROVED),
        "cause of concern": CauseOfConcern.objects.filter(inspection=inspection).exclude(
            state=ApprovalState.APPROVED
        ),
    }
    return [
        f"{n} {label}{'' if n == 1 else 's'}" for label, queryset in counts.items() if (n := queryset.count())
    ]


def inspection_status_set(*, inspection: Inspection, user, status: str) -> Inspection:
    """Move the inspection one stage on or back (setup → fieldwork → moderation → judgments).

    Publication is not a move of this kind: it follows the HM Inspector's sign-off and renders the
    published report (``publication.services``, through ``inspection_publish``).
    """
    try:
        target = InspectionStatus(status)
    except ValueError:
        raise ValidationError(f"{status!r} is not a stage of an inspection.") from None
    with transaction.atomic():
        locked = _locked(inspection)
        lead_ensure(inspection=locked, user=user)
        current = InspectionStatus(locked.status)
        if target == current:
            raise ValidationError(f"The inspection is already at the {current.label.lower()} stage.")
        if locked.is_published:
            raise ValidationError("This inspection is published: its stage can no longer change.")
        if target == InspectionStatus.PUBLISHED:
            raise ValidationError(
                "An inspection is published from its report, once the HM Inspector has signed it off."
            )
        allowed = inspection_status_moves(locked)
        if target not in allowed:
            options = " or ".join(stage.label.lower() for stage in allowed)
            raise ValidationError(
                f"An inspection moves one stage at a time: from {current.label.lower()} it can go to "
                f"{options}, not {target.label.lower()}."
            )
        locked.status = target
        locked.save(update_fields=["status"])
    return locked


def inspection_status_advance(
    *, inspection_id: int, from_status: InspectionStatus, to_status: InspectionStatus
) -> bool:
    """Move the inspection on by itself once the work of its stage is done: one stage forward from the
    stage it is at, never to published (which follows the sign-off). Returns whether it moved.

    A conditional update: where the lead moved the stage meanwhile, or two last reviews finish at once,
    nothing is overridden and it moves once. ``updated_at`` is left alone, so a settings form open
    elsewhere still saves."""
    if to_status == InspectionStatus.PUBLISHED or STAGES.index(to_status) != STAGES.index(from_status) + 1:
        raise ValueError(f"An inspection does not advance by itself from {from_status} to {to_status}.")
    return Inspection.objects.filter(pk=inspection_id, status=from_status).update(status=to_status) == 1


def _locked(inspection: Inspection) -> Inspection:
    return Inspection.objects.select_for_update().select_related("force", "programme").get(pk=inspection.pk)


def inspection_publication_blockers(inspection: Inspection) -> list[str]:
    """Why the inspection cannot be published now (empty when it can): its stage and its content."""
    problems = []
    if inspection.status != InspectionStatus.JUDGMENTS:
        problems.append(
            f"The inspection is at the {inspection.get_status_display().lower()} stage; it is published "
            "from the judgments stage."
        )
    waiting = _unapproved_for_publication(inspection)
    if waiting:
        problems.append(f"not approved — {', '.join(waiting)}.")
    return problems


def inspection_publish(*, inspection: Inspection, user, published_at: datetime.datetime) -> Inspection:
    """Freeze the inspection as published, dated ``published_at`` (the date its report carries).

    Only for the publication service, which checks the HM Inspector's sign-off first; call it inside
    that service's transaction. From here on every write to the inspection's content is refused.
    """
    with transaction.atomic():
        locked = _locked(inspection)
        lead_ensure(inspection=locked, user=user)
        if locked.is_published:
            raise ValidationError("This inspection is already published.")
        problems = inspection_publication_blockers(locked)
        if problems:
            raise ValidationError(f"Cannot publish yet: {' '.join(problems)}")
        locked.status = InspectionStatus.PUBLISHED
        locked.published_at = published_at
        locked.save(update_fields=["status", "published_at"])
    return locked


def inspection_reopen_for_correction(*, inspection: Inspection, user) -> Inspection:
    """Take a published inspection back to the judgments stage, so a correction can be made, signed off
    and republished (the publication service records why). Its published versions stay as they were."""
    with transaction.atomic():
        locked = _locked(inspection)
        lead_ensure(inspection=locked, user=user)
        if not locked.is_published:
            raise ValidationError("Only a published inspection is reopened for a correction.")
        locked.status = InspectionStatus.JUDGMENTS
        locked.save(update_fields=["status"])
    return locked
