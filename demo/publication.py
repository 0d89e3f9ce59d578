"""The demo's publications: Cleveland 2016 published as HMIC published it, and an inspection a newcomer
takes through sign-off and publication themselves.

- Cleveland 2016 is compiled, checked by the force (``demo.factual_accuracy``, January 2017), submitted
  by ``lead``, signed off by ``hmi`` (the demo HM Inspector; both dated in February 2017) and published
  dated 2 March 2017, the day HMIC published *PEEL: Police effectiveness 2016 – An inspection of
  Cleveland Police*. Its PDF is rendered once, by a worker (in process on the embedded default).
- Northumbria 2016 (generated, and marked so in its report) has every judgment and summary approved, its
  factual accuracy check held and closed with every comment answered (``demo.factual_accuracy``), and
  waits at the judgments stage: the lead submits it for sign-off, the HM Inspector signs it off or
  returns it, and the lead publishes it.

Each step is done only if it has not been, so running ``seed_demo`` again changes nothing.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from demo.factual_accuracy import (
    CLEVELAND_CHECK,
    CLEVELAND_COMMENTS,
    NORTHUMBRIA_COMMENTS,
    accuracy_check_ensure,
)
from forces.models import Force
from peel.models import (
    ApprovalState,
    AreaForImprovement,
    FindingSummary,
    Inspection,
    InspectionStatus,
    Judgment,
    Programme,
)
from peel.services.approval import ApprovalAction, approvable_transition, approvable_update
from peel.services.inspections import inspection_create, inspection_status_set, inspection_update
from publication.models import Publication, SignOff
from publication.selectors import report_content_digest
from publication.services.publishing import publication_publish, sign_off_approve, sign_off_submit
from reports.models import CompileRun, CompileStatus
from reports.services.runs import compile_inspection

CLEVELAND_PUBLISHED_ON = datetime.date(2017, 3, 2)
CLEVELAND_SUBMITTED_ON = datetime.date(2017, 2, 13)
CLEVELAND_SIGNED_OFF_ON = datetime.date(2017, 2, 20)
NEWCOMER_FORCE = "northumbria"
NEWCOMER_GRADE = "good"


def _at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 0)))


def cleveland_publication_ensure(*, inspection: Inspection, users: dict) -> Inspection:
    """Publish Cleveland 2016 as HMIC did, unless it is already published."""
    if Publication.objects.filter(inspection=inspection).exists():
        return inspection
    lead, hmi = users["lead"], users["hmi"]
    if inspection.hmi_id != hmi.pk:
        inspection = inspection_update(
            inspection=inspection,
            user=lead,
            team=list(inspection.team.all()),
            fieldwork_start=inspection.fieldwork_start,
            fieldwork_end=inspection.fieldwork_end,
            hmi=hmi,
        )
    if not CompileRun.objects.filter(inspection=inspection, status=CompileStatus.SUCCEEDED).exists():
        compile_inspection(inspection=inspection, user=lead)
    # The compile proposes areas for improvement of its own; HMIC's report has the ones it published.
    for proposal in AreaForImprovement.objects.filter(inspection=inspection, rejected=False).exclude(
        state=ApprovalState.APPROVED
    ):
        approvable_transition(
            item=proposal,
            user=lead,
            action=ApprovalAction.REJECT,
            reason="Not in the published report: its areas for improvement are HMIC's.",
        )
    with transaction.atomic():
        accuracy_check_ensure(
            inspection=inspection,
            users=users,
            liaison="liaison",
            comments=CLEVELAND_COMMENTS,
            dates=CLEVELAND_CHECK,
        )
        digest = report_content_digest(inspection=inspection)
        sign_off = sign_off_submit(inspection=inspection, user=lead, digest=digest)
        sign_off_approve(inspection=inspection, user=hmi, sign_off_id=sign_off.pk, digest=digest)
        publication_publish(
            inspection=inspection,
            user=lead,
            published_on=CLEVELAND_PUBLISHED_ON,
            sign_off_id=sign_off.pk,
            digest=digest,
        )
        # Dated as it would have happened, before the report went out, rather than the day of the seed.
        SignOff.objects.filter(pk=sign_off.pk).update(
            submitted_at=_at(CLEVELAND_SUBMITTED_ON), decided_at=_at(CLEVELAND_SIGNED_OFF_ON)
        )
    return Inspection.objects.get(pk=inspection.pk)


def newcomer_inspection_ensure(*, programme: Programme, users: dict) -> Inspection:
    """Northumbria 2016, decided and waiting to be submitted for sign-off."""
    force = Force.objects.get(slug=NEWCOMER_FORCE)
    existing = Inspection.objects.filter(force=force, programme=programme).first()
    if existing is not None:
        return existing
    lead = users["lead"]
    inspection = inspection_create(
        force=force,
        programme=programme,
        review_window_start=datetime.date(2016, 1, 1),
        review_window_end=datetime.date(2016, 3, 31),
        fieldwork_start=datetime.date(2016, 9, 5),
        fieldwork_end=datetime.date(2016, 12, 2),
        lead=lead,
        hmi=users["hmi"],
        team=[users["inspector"], users["inspector2"]],
        is_generated=True,
    )
    area = force.short_name
    for judgment in Judgment.objects.filter(inspection=inspection).select_related("question"):
        changes = {
            "rationale": f"Demonstration text: {judgment.question.text_for(area)} The team's rationale "
            "for the grade goes here."
        }
        if judgment.question.graded:
            changes["grade"] = NEWCOMER_GRADE
        approvable_transition(
            item=approvable_update(item=judgment, user=lead, changes=changes),
            user=lead,
            action=ApprovalAction.APPROVE,
        )
    for summary in FindingSummary.objects.filter(inspection=inspection).select_related("question"):
        text = f"Demonstration text: the summary of findings for {summary.question.text_for(area)}"
        approvable_transition(
            item=approvable_update(item=summary, user=lead, changes={"text": text}),
            user=lead,
            action=ApprovalAction.APPROVE,
        )
    for stage in (InspectionStatus.FIELDWORK, InspectionStatus.MODERATION, InspectionStatus.JUDGMENTS):
        inspection = inspection_status_set(inspection=inspection, user=lead, status=stage)
    accuracy_check_ensure(
        inspection=inspection, users=users, liaison="liaison2", comments=NORTHUMBRIA_COMMENTS
    )
    return inspection
