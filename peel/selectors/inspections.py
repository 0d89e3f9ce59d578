"""Which inspections a user may see: the single rule every page under /inspections/<pk>/ relies on."""

from dataclasses import dataclass

from django.db import connection
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery, prefetch_related_objects
from django.db.models.functions import Coalesce
from django.http import Http404

from peel.models import (
    ApprovalState,
    AreaForImprovement,
    CauseOfConcern,
    Direction,
    EvidenceNote,
    Inspection,
    InspectionStatus,
    Judgment,
    Progress,
)
from peel.roles import is_admin, is_hmi, is_lead


def inspections_visible_to(*, user) -> QuerySet[Inspection]:
    """Admins see every inspection; anyone else the ones they lead (holding the Lead role, as
    ``Inspection.is_lead`` asks), are on the team of, or are the HM Inspector of (holding that role, as
    ``Inspection.is_hmi`` asks)."""
    inspections = Inspection.objects.select_related("force", "programme", "lead")
    if is_admin(user):
        return inspections
    visible = Exists(Inspection.team.through.objects.filter(inspection_id=OuterRef("pk"), user_id=user.pk))
    if is_lead(user):
        visible |= Q(lead_id=user.pk)
    if is_hmi(user):
        visible |= Q(hmi_id=user.pk)
    return inspections.filter(visible)


def inspections_led_unpublished(*, user) -> QuerySet[Inspection]:
    """The inspections a user leads that are not yet published: while there are any, the Lead role
    cannot be taken from them (``peel.admin``)."""
    return (
        Inspection.objects.filter(lead=user)
        .exclude(status=InspectionStatus.PUBLISHED)
        .select_related("force", "programme")
    )


def with_team(inspection: Inspection) -> Inspection:
    """Load the team once, so every "may this user contribute?" on the page is answered from memory."""
    prefetch_related_objects([inspection], "team")
    return inspection


def inspection_for_user(*, user, pk: int) -> Inspection:
    """The inspection if the user may see it (the rule of ``inspections_visible_to``); otherwise 404, so
    its existence is not disclosed.

    Every inspection page starts here, so the rule is applied to the one row rather than as a filter:
    a lead or an admin costs one plain query, a team member one more for the team (an ``EXISTS`` filter
    cost more to build than both). The team stays prefetched for the page's own checks."""
    try:
        inspection = Inspection.objects.select_related("force", "programme", "lead", "previous").get(pk=pk)
    except Inspection.DoesNotExist:
        raise Http404("No inspection found.") from None
    if not (
        inspection.is_lead(user)
        or inspection.is_hmi(user)
        or is_admin(user)
        or with_team(inspection).is_on_team(user)
    ):
        raise Http404("No inspection found.")
    return inspection


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
    if inspection.is_hmi(user):
        return "HM Inspector"
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
    """The previous inspection's approved AFIs and causes of concern (what its report stated), once it
    is published (``Inspection.published_previous``); none before."""
    previous = inspection.published_previous
    previous_id = previous.pk if previous else None
    afis = AreaForImprovement.objects.filter(
        inspection_id=previous_id, state=ApprovalState.APPROVED, rejected=False
    ).select_related("question")
    causes = (
        CauseOfConcern.objects.filter(inspection_id=previous_id, state=ApprovalState.APPROVED)
        .select_related("question")
        .prefetch_related("recommendations")
    )
    return afis, causes


@dataclass(frozen=True)
class InspectionProgress:
    """What the overview counts: evidence notes, content by approval state, the previous findings."""

    evidence: dict[str, int]
    totals: dict[str, dict[str, int]]
    previous: PreviousProgress | None


APPROVABLE_KINDS = ("judgments", "summaries", "afis", "causes")

# The overview's counts as one statement returning one row: each part is a one-row aggregate over one
# table, cross-joined. Written as SQL because the overview is the page everyone opens first and these
# are a dozen small counts: built through the ORM they were ten queries whose compiling cost more than
# running them. The previous inspection's findings count as its report stated them (approved, and for
# AFIs not rejected); an assessment counts only against one of those. PostgreSQL and SQLite (3.30+).
PROGRESS_SQL = """
SELECT * FROM
  (SELECT count(*) AS evidence_total,
          count(*) FILTER (WHERE direction = %(strength)s) AS evidence_strength,
          count(*) FILTER (WHERE direction = %(weakness)s) AS evidence_weakness,
          count(*) FILTER (WHERE direction = %(neutral)s) AS evidence_neutral,
          count(*) FILTER (WHERE proposed_afi) AS evidence_proposed_afi
   FROM peel_evidencenote WHERE inspection_id = %(inspection)s) AS evidence
CROSS JOIN
  (SELECT count(*) AS judgments_total,
          count(*) FILTER (WHERE state = %(approved)s) AS judgments_approved,
          count(*) FILTER (WHERE state = %(submitted)s) AS judgments_submitted
   FROM peel_judgment WHERE inspection_id = %(inspection)s) AS judgments
CROSS JOIN
  (SELECT count(*) AS summaries_total,
          count(*) FILTER (WHERE state = %(approved)s) AS summaries_approved,
          count(*) FILTER (WHERE state = %(submitted)s) AS summaries_submitted
   FROM peel_findingsummary WHERE inspection_id = %(inspection)s) AS summaries
CROSS JOIN
  (SELECT count(*) AS afis_total,
          count(*) FILTER (WHERE state = %(approved)s) AS afis_approved,
          count(*) FILTER (WHERE state = %(submitted)s) AS afis_submitted
   FROM peel_areaforimprovement WHERE inspection_id = %(inspection)s AND NOT rejected) AS afis
CROSS JOIN
  (SELECT count(*) AS causes_total,
          count(*) FILTER (WHERE state = %(approved)s) AS causes_approved,
          count(*) FILTER (WHERE state = %(submitted)s) AS causes_submitted
   FROM peel_causeofconcern WHERE inspection_id = %(inspection)s) AS causes
CROSS JOIN
  (SELECT count(*) AS previous_afis FROM peel_areaforimprovement
   WHERE inspection_id = %(previous)s AND state = %(approved)s AND NOT rejected) AS previous_afis
CROSS JOIN
  (SELECT count(*) AS previous_causes FROM peel_causeofconcern
   WHERE inspection_id = %(previous)s AND state = %(approved)s) AS previous_causes
CROSS JOIN
  (SELECT count(afi.id) AS afis_assessed,
          count(afi.id) FILTER (WHERE assessment.progress = %(addressed)s) AS afis_addressed,
          count(afi.id) FILTER (WHERE assessment.progress = %(partly)s) AS afis_partly,
          count(cause.id) FILTER (WHERE assessment.progress = %(addressed)s) AS causes_addressed
   FROM peel_previousfindingassessment AS assessment
   LEFT JOIN peel_areaforimprovement AS afi ON afi.id = assessment.afi_id
        AND afi.inspection_id = %(previous)s AND afi.state = %(approved)s AND NOT afi.rejected
   LEFT JOIN peel_causeofconcern AS cause ON cause.id = assessment.cause_of_concern_id
        AND cause.inspection_id = %(previous)s AND cause.state = %(approved)s
   WHERE assessment.inspection_id = %(inspection)s) AS assessments
"""


def inspection_progress(inspection: Inspection) -> InspectionProgress:
    """The overview's counts in one query (the previous findings' only once that inspection is
    published)."""
    previous_inspection = inspection.published_previous
    with connection.cursor() as cursor:
        cursor.execute(
            PROGRESS_SQL,
            {
                "inspection": inspection.pk,
                "previous": previous_inspection.pk if previous_inspection else None,
                "strength": Direction.STRENGTH,
                "weakness": Direction.WEAKNESS,
                "neutral": Direction.NEUTRAL,
                "approved": ApprovalState.APPROVED,
                "submitted": ApprovalState.SUBMITTED,
                "addressed": Progress.ADDRESSED,
                "partly": Progress.PARTLY_ADDRESSED,
            },
        )
        names = [column[0] for column in cursor.description]
        row = dict(zip(names, cursor.fetchone(), strict=True))
    evidence = {
        key: row[f"evidence_{key}"] for key in ("total", "strength", "weakness", "neutral", "proposed_afi")
    }
    totals = {
        kind: {key: row[f"{kind}_{key}"] for key in ("total", "approved", "submitted")}
        for kind in APPROVABLE_KINDS
    }
    previous = None
    if previous_inspection is not None:
        previous = PreviousProgress(
            afis_total=row["previous_afis"],
            afis_addressed=row["afis_addressed"],
            afis_partly=row["afis_partly"],
            afis_assessed=row["afis_assessed"],
            causes_total=row["previous_causes"],
            causes_addressed=row["causes_addressed"],
        )
    return InspectionProgress(evidence=evidence, totals=totals, previous=previous)


def previous_progress(inspection: Inspection) -> PreviousProgress | None:
    """How far the previous inspection's findings were addressed; None without a published previous
    inspection."""
    return inspection_progress(inspection).previous
