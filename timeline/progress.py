"""What each inspection has done, read from its work: the one answer that the timeline's milestones and
the overview's task list both read, so a step is done in one place or in neither. One query however many
inspections."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Subquery

from factual_accuracy.models import AccuracyCheck
from peel.models import Inspection, InspectionStatus
from peel.models.runs import RunStatus
from publication.models import Publication, SignOff, SignOffState
from reports.models import CompileRun
from reviews.models import CrimeListImport, SampleDraw


@dataclass(frozen=True)
class InspectionProgress:
    status: InspectionStatus
    imported: bool  # a crime list is imported
    drawn: bool  # the file-review sample is drawn
    compile_status: RunStatus | None  # of the latest compile, None before the first
    compiled: bool  # some compile has succeeded
    accuracy_check_started: bool  # a factual accuracy round has been opened
    accuracy_check_open: bool  # and one is still open
    sign_off_state: SignOffState | None  # of the latest submission: a later one supersedes a sign-off
    published: bool  # a publication of the report exists (it stays through a correction)

    @property
    def accuracy_checked(self) -> bool:
        return self.accuracy_check_started and not self.accuracy_check_open

    @property
    def signed_off(self) -> bool:
        return self.sign_off_state == SignOffState.SIGNED_OFF


def progress_of(inspection_ids: Iterable[int]) -> dict[int, InspectionProgress]:
    """Each inspection's progress, by its id: one query of ``EXISTS`` and latest-row subqueries."""
    this = OuterRef("pk")
    checks = AccuracyCheck.objects.filter(inspection_id=this)
    runs = CompileRun.objects.filter(inspection_id=this)
    latest_sign_off = SignOff.objects.filter(inspection_id=this).order_by("-submitted_at", "-pk")
    rows = (
        Inspection.objects.filter(pk__in=list(inspection_ids))
        .annotate(
            imported=Exists(CrimeListImport.objects.filter(inspection_id=this)),
            drawn=Exists(SampleDraw.objects.filter(inspection_id=this)),
            compile_status=Subquery(runs.order_by("-pk").values("status")[:1]),
            compiled=Exists(runs.filter(status=RunStatus.SUCCEEDED)),
            accuracy_check_started=Exists(checks),
            accuracy_check_open=Exists(checks.filter(closed_at__isnull=True)),
            sign_off_state=Subquery(latest_sign_off.values("state")[:1]),
            published=Exists(Publication.objects.filter(inspection_id=this)),
        )
        .values(
            "pk",
            "status",
            "imported",
            "drawn",
            "compile_status",
            "compiled",
            "accuracy_check_started",
            "accuracy_check_open",
            "sign_off_state",
            "published",
        )
    )
    return {row["pk"]: _progress(row) for row in rows}


def _progress(row: dict) -> InspectionProgress:
    return InspectionProgress(
        status=InspectionStatus(row["status"]),
        imported=row["imported"],
        drawn=row["drawn"],
        compile_status=RunStatus(row["compile_status"]) if row["compile_status"] else None,
        compiled=row["compiled"],
        accuracy_check_started=row["accuracy_check_started"],
        accuracy_check_open=row["accuracy_check_open"],
        sign_off_state=SignOffState(row["sign_off_state"]) if row["sign_off_state"] else None,
        published=row["published"],
    )


def inspection_progress(*, inspection_id: int) -> InspectionProgress:
    return progress_of([inspection_id])[inspection_id]
