"""Which inspections a user may see: the single rule every page under /inspections/<pk>/ relies on."""

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404

from peel.models import (
    ApprovalState,
    AreaForImprovement,
    CauseOfConcern,
    EvidenceNote,
    Inspection,
    Judgment,
    PreviousFindingAssessment,
    Progress,
)
from peel.roles import is_admin


def inspections_visible_to(*, user) -> QuerySet[Inspection]:
    """Admins see every inspection; anyone else the ones they lead or are on the team of."""
    inspections = Inspection.objects.select_related("force", "programme", "lead")
    if is_admin(user):
        return inspections
    on_team = Inspection.team.through.objects.filter(inspection_id=OuterRef("pk"), user_id=user.pk)
    return inspections.filter(Exists(on_team) | Q(lead_id=user.pk))


def inspection_for_user(*, user, pk: int) -> Inspection:
    """The inspection if the user may see it; otherwise 404, so its existence is not disclosed."""
    try:
        return inspections_visible_to(user=user).get(pk=pk)
    except Inspection.DoesNotExist:
        raise Http404("No inspection found.") from None


def _count_of(queryset: QuerySet) -> Coalesce:
    """A correlated COUNT subquery over rows of one inspection, so a list of inspections costs one query."""
    counted = queryset.filter(inspection=OuterRef("pk")).order_by().values("inspection")
    return Coalesce(Subquery(counted.annotate(n=Count("pk")).values("n")), 0)


def inspections_for_home(*, user) -> QuerySet[Inspection]:
    """My inspections, each with its progress and whether the user is on its team, in one query."""
    on_team = Inspection.team.through.objects.filter(inspection_id=OuterRef("pk"), user_id=user.pk)
    return inspections_visible_to(user=user).annotate(
        viewer_on_team=Exists(on_team),
        evidence_count=_count_of(EvidenceNote.objects.all()),
        judgments_total=_count_of(Judgment.objects.all()),
        judgments_approved=_count_of(Judgment.objects.filter(state=ApprovalState.APPROVED)),
        afis_count=_count_of(AreaForImprovement.objects.filter(rejected=False)),
    )


def inspection_role_label(*, inspection: Inspection, user, on_team: bool | None = None) -> str:
    """How the user takes part in the inspection, in words."""
    if inspection.is_lead(user):
        return "Lead"
    if on_team if on_team is not None else inspection.is_on_team(user):
        return "Team inspector"
    return "Admin (overview)" if is_admin(user) else "—"


@dataclass(frozen=True)
class PreviousProgress:
    afis_total: int
    afis_addressed: int
    afis_partly: int
    afis_assessed: int
    causes_total: int
    causes_addressed: int

    @property
    def statement(self) -> str:
        """As the report puts it: "7 of 9 areas for improvement addressed"."""
        noun = "area" if self.afis_total == 1 else "areas"
        return f"{self.afis_addressed} of {self.afis_total} {noun} for improvement addressed"


def previous_findings_of(inspection: Inspection) -> tuple[QuerySet, QuerySet]:
    """The previous inspection's approved AFIs and causes of concern (what its report stated)."""
    afis = AreaForImprovement.objects.filter(
        inspection_id=inspection.previous_id, state=ApprovalState.APPROVED, rejected=False
    ).select_related("question")
    causes = (
        CauseOfConcern.objects.filter(inspection_id=inspection.previous_id, state=ApprovalState.APPROVED)
        .select_related("question")
        .prefetch_related("recommendations")
    )
    return afis, causes


def previous_progress(inspection: Inspection) -> PreviousProgress | None:
    """How far the previous inspection's findings were addressed; None without a previous inspection."""
    if inspection.previous_id is None:
        return None
    afis, causes = previous_findings_of(inspection)
    assessments = PreviousFindingAssessment.objects.filter(inspection=inspection)
    afi_counts = assessments.filter(afi__in=afis).aggregate(
        assessed=Count("pk"),
        addressed=Count("pk", filter=Q(progress=Progress.ADDRESSED)),
        partly=Count("pk", filter=Q(progress=Progress.PARTLY_ADDRESSED)),
    )
    return PreviousProgress(
        afis_total=afis.count(),
        afis_addressed=afi_counts["addressed"],
        afis_partly=afi_counts["partly"],
        afis_assessed=afi_counts["assessed"],
        causes_total=causes.count(),
        causes_addressed=assessments.filter(cause_of_concern__in=causes, progress=Progress.ADDRESSED).count(),
    )
