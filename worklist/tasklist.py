"""An inspection's task list for its overview (``peel.tasklist``): each stage's tasks with a status read
from the work itself, so the list is never out of step with it. What the inspection has done (the import,
the draw, the compile, the factual accuracy check, the sign-off, the publication) comes from
``timeline.progress``, which the timeline's milestones read too: the two cannot disagree."""

from django.db.models import Count, Q
from django.urls import reverse

from authoring.models import ReportSection, SectionStatus
from peel.models import ApprovalState, EvidenceNote, Inspection, InspectionStatus, Judgment
from peel.models.runs import RunStatus
from peel.tasklist import TaskItem, TaskStage, TaskStatus
from publication.models import SignOffState
from reviews.selectors import review_completion
from timeline.progress import InspectionProgress, inspection_progress

S = TaskStatus


def _counted(done: int, total: int, *, can_start: bool = True) -> TaskStatus:
    if not can_start:
        return S.CANNOT_START
    if total and done >= total:
        return S.COMPLETED
    return S.IN_PROGRESS if done else S.NOT_STARTED


def _link(inspection: Inspection, name: str, *, shown: bool = True) -> str:
    return reverse(name, kwargs={"pk": inspection.pk}) if shown else ""


def task_list(*, inspection: Inspection, user) -> list[TaskStage]:
    lead = inspection.is_lead(user)
    done = review_completion(inspection_id=inspection.pk)
    progress = inspection_progress(inspection_id=inspection.pk)
    stages = [
        ("Set up", InspectionStatus.SETUP, _setup(inspection, progress, done, lead)),
        ("Fieldwork", InspectionStatus.FIELDWORK, _fieldwork(inspection, done)),
        ("Moderation", InspectionStatus.MODERATION, _moderation(inspection, done, lead)),
        ("Judgments and report", InspectionStatus.JUDGMENTS, _report(inspection, progress, lead)),
        ("Sign-off and publication", InspectionStatus.PUBLISHED, _publication(inspection, progress)),
    ]
    return [
        TaskStage(name, tuple(tasks), is_current=inspection.status == status)
        for name, status, tasks in stages
    ]


def _setup(inspection: Inspection, progress: InspectionProgress, done: dict, lead: bool) -> list[TaskItem]:
    people = bool(inspection.lead_id) and bool(inspection.team.all())  # prefetched by the overview
    dates = bool(inspection.fieldwork_start and inspection.fieldwork_end)
    imported, drawn = progress.imported, progress.drawn
    allocated = drawn and done["files"] > 0 and not done["unallocated"]
    return [
        TaskItem(
            "Team and fieldwork dates",
            S.COMPLETED if people and dates else (S.IN_PROGRESS if people or dates else S.NOT_STARTED),
            _link(inspection, "peel:inspection_settings", shown=lead),
        ),
        TaskItem(
            "Import the crime list",
            S.COMPLETED if imported else S.NOT_STARTED,
            _link(inspection, "reviews:crime_list_import", shown=lead),
        ),
        TaskItem(
            "Draw the sample",
            S.COMPLETED if drawn else (S.NOT_STARTED if imported else S.CANNOT_START),
            _link(inspection, "reviews:sample"),
        ),
        TaskItem(
            "Allocate the files",
            S.COMPLETED if allocated else (S.NOT_STARTED if drawn else S.CANNOT_START),
            _link(inspection, "reviews:sample"),
            hint=f"{done['unallocated']} without a reviewer" if drawn and done["unallocated"] else "",
        ),
    ]


def _fieldwork(inspection: Inspection, done: dict) -> list[TaskItem]:
    notes = EvidenceNote.objects.filter(inspection=inspection).count()
    return [
        TaskItem(
            "Review the case files",
            _counted(
                done["finished"], done["wanted"], can_start=done["files"] > 0 and not done["unallocated"]
            ),
            _link(inspection, "reviews:progress"),
            hint=f"{done['finished']} of {done['wanted']} submitted" if done["wanted"] else "",
        ),
        TaskItem(
            "Record evidence notes",
            S.IN_PROGRESS if notes else S.NOT_STARTED,
            _link(inspection, "peel:evidence_list"),
            hint=f"{notes} recorded" if notes else "",
        ),
    ]


def _moderation(inspection: Inspection, done: dict, lead: bool) -> list[TaskItem]:
    return [
        TaskItem(
            "Moderate the reviews",
            _counted(done["accepted"], done["wanted"], can_start=done["finished"] > 0),
            _link(inspection, "reviews:moderation", shown=lead),
            hint=f"{done['accepted']} of {done['wanted']} accepted" if done["wanted"] else "",
        ),
    ]


def _report(inspection: Inspection, progress: InspectionProgress, lead: bool) -> list[TaskItem]:
    judgments = Judgment.objects.filter(inspection=inspection).aggregate(
        total=Count("pk"), approved=Count("pk", filter=Q(state=ApprovalState.APPROVED))
    )
    sections = ReportSection.objects.filter(inspection=inspection).aggregate(
        total=Count("pk"),
        approved=Count("pk", filter=Q(status=SectionStatus.APPROVED)),
        started=Count("pk", filter=~Q(status=SectionStatus.NOT_STARTED)),
    )
    if progress.compile_status == RunStatus.FAILED:
        compile_status = S.PROBLEM
    elif progress.compiled:
        compile_status = S.COMPLETED
    else:
        compile_status = S.NOT_STARTED if progress.compile_status is None else S.IN_PROGRESS
    if progress.accuracy_check_started:
        check_status = S.IN_PROGRESS if progress.accuracy_check_open else S.COMPLETED
    else:
        check_status = S.NOT_STARTED
    return [
        TaskItem("Compile the evidence", compile_status, _link(inspection, "reports:compile", shown=lead)),
        TaskItem(
            "Approve the judgments",
            _counted(judgments["approved"], judgments["total"]),
            _link(inspection, "peel:judgment_list"),
            hint=f"{judgments['approved']} of {judgments['total']} approved" if judgments["total"] else "",
        ),
        TaskItem(
            "Write the report",
            _sections_status(sections),
            _link(inspection, "authoring:writing"),
            hint=f"{sections['approved']} of {sections['total']} sections approved"
            if sections["total"]
            else "",
        ),
        TaskItem(
            "Factual accuracy check",
            check_status,
            _link(inspection, "factual_accuracy:inspection_check", shown=lead),
        ),
    ]


def _sections_status(sections: dict[str, int]) -> TaskStatus:
    if sections["total"] and sections["approved"] == sections["total"]:
        return S.COMPLETED
    return S.IN_PROGRESS if sections["started"] else S.NOT_STARTED


SIGN_OFF_STATUS = {
    None: S.NOT_STARTED,
    SignOffState.WAITING: S.IN_PROGRESS,
    SignOffState.SIGNED_OFF: S.COMPLETED,
    SignOffState.RETURNED: S.PROBLEM,
}


def _publication(inspection: Inspection, progress: InspectionProgress) -> list[TaskItem]:
    sign_off_status = SIGN_OFF_STATUS[progress.sign_off_state]
    report = _link(inspection, "publication:report")
    return [
        TaskItem(
            "The HM Inspector's sign-off",
            sign_off_status,
            report,
            hint="Returned with comments" if sign_off_status == S.PROBLEM else "",
        ),
        TaskItem(
            "Publish the report",
            S.COMPLETED
            if progress.published
            else (S.NOT_STARTED if sign_off_status == S.COMPLETED else S.CANNOT_START),
            report,
        ),
    ]
