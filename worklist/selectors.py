"""What waits for one person, across every inspection they can open: a to-do list built from the state
of the work itself (nothing is ticked by hand), in a fixed number of queries whatever the data."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q, Value
from django.urls import reverse

from authoring.models import ReportSection, SectionStatus
from factual_accuracy.models import AccuracyComment
from peel.models import (
    ApprovalState,
    AreaForImprovement,
    CauseOfConcern,
    FindingSummary,
    Inspection,
    Judgment,
    NotablePractice,
)
from peel.roles import is_hmi, is_lead
from publication.models import SignOff, SignOffState
from reports.wording import counted
from reviews.models import CaseFile, CaseFileStatus, Review, ReviewKind, ReviewStatus
from reviews.selectors import QUEUE_BUCKET_OF_STATUS, review_status_annotations
from timeline.selectors import timelines_for


@dataclass(frozen=True)
class Task:
    text: str
    url: str
    count: int = 1
    attention: bool = False  # returned or waiting on others: shown first, marked
    overdue: bool = False  # a milestone of the timeline past its date and not done: marked red


@dataclass
class InspectionTasks:
    inspection: Inspection
    tasks: list[Task] = field(default_factory=list)


def worklist_for(*, user, inspections: list[Inspection]) -> list[InspectionTasks]:
    """The tasks waiting for ``user`` in each of ``inspections`` (those they can open), in the order given;
    inspections with nothing to do are left out."""
    by_id = {inspection.pk: InspectionTasks(inspection) for inspection in inspections}
    if not by_id:
        return []
    _reviews(user, by_id)
    _sections(user, by_id)
    if is_lead(user):
        led = {pk: tasks for pk, tasks in by_id.items() if tasks.inspection.lead_id == user.pk}
        if led:
            _moderation(led)
            _approvals(led)
            _accuracy_comments(led)
            _overdue_milestones(led)
    signing = {pk: tasks for pk, tasks in by_id.items() if tasks.inspection.hmi_id == user.pk}
    if signing and is_hmi(user):
        _sign_offs(signing)
    return [tasks for tasks in by_id.values() if tasks.tasks]


def _reviews(user, by_id: dict[int, InspectionTasks]) -> None:
    """The user's own files: how many to start, in progress; each review returned to them, by name."""
    files = (
        CaseFile.objects.filter(inspection_id__in=by_id, status=CaseFileStatus.IN_SAMPLE)
        .filter(Q(reviewer=user) | Q(second_reviewer=user))
        .annotate(**review_status_annotations())
        .values(
            "pk",
            "inspection_id",
            "reviewer_id",
            "second_reviewer_id",
            "first_status",
            "second_status",
            "crime__crime_reference",
        )
        .order_by("stratum__order", "rank")
    )
    buckets: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for row in files:
        inspection_id = row["inspection_id"]
        for kind, reviewer_id, status in (
            (ReviewKind.FIRST, row["reviewer_id"], row["first_status"]),
            (ReviewKind.SECOND, row["second_reviewer_id"], row["second_status"]),
        ):
            if reviewer_id != user.pk:
                continue
            bucket = QUEUE_BUCKET_OF_STATUS[status]
            if bucket == "returned":
                by_id[inspection_id].tasks.append(
                    Task(
                        f"Review of {row['crime__crime_reference']} returned to you for change",
                        reverse(f"reviews:review_{kind}", kwargs={"pk": inspection_id, "file_id": row["pk"]}),
                        attention=True,
                    )
                )
            buckets[inspection_id][bucket] += 1
    for inspection_id, counts in buckets.items():
        url = reverse("reviews:my_files", kwargs={"pk": inspection_id})
        if counts["to_do"]:
            by_id[inspection_id].tasks.append(
                Task(f"{counted(counts['to_do'], 'case file', 'case files')} to review", url, counts["to_do"])
            )
        if counts["in_progress"]:
            text = f"{counted(counts['in_progress'], 'review', 'reviews')} in progress"
            by_id[inspection_id].tasks.append(Task(text, url, counts["in_progress"]))


def _sections(user, by_id: dict[int, InspectionTasks]) -> None:
    """Report sections the user writes that are not yet ready for review; and, for the lead, those that
    are."""
    sections = (
        ReportSection.objects.filter(inspection_id__in=by_id)
        .filter(
            Q(author=user, status__in=(SectionStatus.NOT_STARTED, SectionStatus.IN_PROGRESS))
            | Q(inspection__lead=user, status=SectionStatus.READY_FOR_REVIEW)
        )
        .only("pk", "inspection_id", "title", "status", "author_id")
        .order_by("inspection_id", "order")
    )
    lead = is_lead(user)
    for section in sections:
        url = reverse("authoring:section", kwargs={"pk": section.inspection_id, "section_id": section.pk})
        if section.status == SectionStatus.READY_FOR_REVIEW:
            if lead:
                by_id[section.inspection_id].tasks.append(
                    Task(f"Approve or return the section “{section.title}”", url, attention=True)
                )
        else:
            verb = "Write" if section.status == SectionStatus.NOT_STARTED else "Finish writing"
            by_id[section.inspection_id].tasks.append(Task(f"{verb} the section “{section.title}”", url))


def _moderation(led: dict[int, InspectionTasks]) -> None:
    counts = (
        Review.objects.filter(case_file__inspection_id__in=led, status=ReviewStatus.SUBMITTED)
        .values("case_file__inspection_id")
        .annotate(n=Count("pk"))
    )
    for row in counts:
        inspection_id, count = row["case_file__inspection_id"], row["n"]
        led[inspection_id].tasks.append(
            Task(
                f"{counted(count, 'review', 'reviews')} waiting for your moderation",
                reverse("reviews:moderation", kwargs={"pk": inspection_id}),
                count,
                attention=True,
            )
        )


APPROVABLES = (
    (Judgment, "judgment", "judgments", "peel:judgment_list"),
    (FindingSummary, "summary of findings", "summaries of findings", "peel:summary_list"),
    (AreaForImprovement, "area for improvement", "areas for improvement", "peel:afi_list"),
    (CauseOfConcern, "cause of concern", "causes of concern", "peel:cause_list"),
    (NotablePractice, "notable practice", "notable practices", "peel:practice_list"),
)


def _approvals(led: dict[int, InspectionTasks]) -> None:
    """Judgments and findings submitted by the team for the lead's approval, a count per kind (one query)."""
    parts = [
        model.objects.filter(inspection_id__in=led, state=ApprovalState.SUBMITTED)
        .values("inspection_id")
        .annotate(n=Count("pk"), kind=Value(index))
        .order_by()
        for index, (model, *_) in enumerate(APPROVABLES)
    ]
    rows = parts[0].union(*parts[1:], all=True)
    for row in sorted(rows, key=lambda row: (row["inspection_id"], row["kind"])):
        _, singular, plural, url_name = APPROVABLES[row["kind"]]
        inspection_id, count = row["inspection_id"], row["n"]
        led[inspection_id].tasks.append(
            Task(
                f"{counted(count, singular, plural)} submitted for your approval",
                reverse(url_name, kwargs={"pk": inspection_id}),
                count,
                attention=True,
            )
        )


def _accuracy_comments(led: dict[int, InspectionTasks]) -> None:
    counts = (
        AccuracyComment.objects.filter(
            accuracy_check__inspection_id__in=led, answer="", withdrawn_at__isnull=True
        )
        .values("accuracy_check__inspection_id")
        .annotate(n=Count("pk"))
    )
    for row in counts:
        inspection_id, count = row["accuracy_check__inspection_id"], row["n"]
        comments = counted(count, "factual accuracy comment", "factual accuracy comments")
        led[inspection_id].tasks.append(
            Task(
                f"{comments} from the force to answer",
                reverse("factual_accuracy:inspection_check", kwargs={"pk": inspection_id}),
                count,
                attention=True,
            )
        )


def _sign_offs(signing: dict[int, InspectionTasks]) -> None:
    waiting = SignOff.objects.filter(inspection_id__in=signing, state=SignOffState.WAITING).values_list(
        "inspection_id", flat=True
    )
    for inspection_id in waiting:
        signing[inspection_id].tasks.append(
            Task(
                "The report waits for your sign-off",
                reverse("publication:sign_off", kwargs={"pk": inspection_id}),
                attention=True,
            )
        )


def _overdue_milestones(led: dict[int, InspectionTasks]) -> None:
    """The milestones of the lead's timelines past their date and not done (two queries)."""
    timelines = timelines_for(inspections=[tasks.inspection for tasks in led.values()])
    for inspection_id, timeline in timelines.items():
        for row in timeline.overdue:
            led[inspection_id].tasks.append(
                Task(
                    f"{row.label} overdue: due {row.due.day} {row.due:%B %Y}",
                    reverse("timeline:timeline", kwargs={"pk": inspection_id}),
                    attention=True,
                    overdue=True,
                )
            )
