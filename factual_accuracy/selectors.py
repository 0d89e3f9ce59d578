"""Reads of the factual accuracy check: who may see a check, the sections a comment can be on, the log,
what waits for an answer, and what the publication checklist asks of the check."""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from authoring.report import authored_report_content
from factual_accuracy.models import AccuracyCheck, AccuracyComment, ForceLiaison
from forces.models import Force
from peel.models import Inspection
from peel.roles import is_liaison
from peel.selectors.inspections import inspection_for_user
from reports.services.report_content import ReportContent


def liaison_force_of(user) -> Force | None:
    """The force a liaison belongs to; None for anyone else, and for a liaison the admin has not yet
    given a force (who then sees nothing)."""
    if not is_liaison(user):
        return None
    cached = getattr(user, "_peel_liaison_force", False)
    if cached is False:
        row = ForceLiaison.objects.filter(user=user).select_related("force").first()
        cached = row.force if row else None
        user._peel_liaison_force = cached
    return cached


def checks_for_liaison(*, user) -> QuerySet[AccuracyCheck]:
    """Every check of the liaison's force, the open ones first, each with its comments counted."""
    force = liaison_force_of(user)
    return (
        AccuracyCheck.objects.filter(inspection__force=force)
        .select_related("inspection__force", "inspection__programme")
        .annotate(comment_count=Count("comments", filter=Q(comments__withdrawn_at=None)))
        .order_by("-closed_at", "-opened_at")
        if force is not None
        else AccuracyCheck.objects.none()
    )


def check_for_user(*, user, check_id: int) -> AccuracyCheck:
    """The check if the user may see it: a liaison of its inspection's force, or anyone who may see the
    inspection (``inspection_for_user``); otherwise 404, so its existence is not disclosed."""
    check = (
        AccuracyCheck.objects.select_related("inspection", "opened_by", "closed_by")
        .defer("document_html")
        .filter(pk=check_id)
        .first()
    )
    if check is None:
        raise Http404("No factual accuracy check found.")
    if is_liaison(user):
        force = liaison_force_of(user)
        if force is None or force.pk != check.inspection.force_id:
            raise Http404("No factual accuracy check found.")
        check.inspection = Inspection.objects.select_related("force", "programme", "lead", "previous").get(
            pk=check.inspection_id
        )
        return check
    check.inspection = inspection_for_user(user=user, pk=check.inspection_id)
    return check


def open_check_for(*, inspection: Inspection) -> AccuracyCheck | None:
    return (
        AccuracyCheck.objects.filter(inspection=inspection, closed_at=None)
        .defer("document_html")
        .select_related("opened_by")
        .first()
    )


def checks_of(*, inspection: Inspection) -> QuerySet[AccuracyCheck]:
    """Every round of the inspection's check, newest first."""
    return (
        AccuracyCheck.objects.filter(inspection=inspection)
        .defer("document_html")
        .select_related("opened_by", "closed_by")
        .annotate(comment_count=Count("comments", filter=Q(comments__withdrawn_at=None)))
    )


def comments_of(*, check: AccuracyCheck) -> QuerySet[AccuracyComment]:
    return AccuracyComment.objects.filter(accuracy_check=check).select_related("author", "answered_by")


def log_of(*, inspection: Inspection) -> QuerySet[AccuracyComment]:
    """The log: every comment of every round, in order, with who wrote and who answered it."""
    return (
        AccuracyComment.objects.filter(accuracy_check__inspection=inspection)
        .select_related("accuracy_check", "author", "answered_by")
        .order_by("accuracy_check__round", "created_at", "pk")
    )


def comments_waiting_on(*, user) -> QuerySet[AccuracyComment]:
    """Factual accuracy comments waiting on the user: those not withdrawn and not answered, on the
    inspections they lead (the lead answers each). For the to-do list."""
    return (
        AccuracyComment.objects.filter(accuracy_check__inspection__lead=user, withdrawn_at=None, answer="")
        .exclude(accuracy_check__inspection__status="published")
        .select_related(
            "accuracy_check__inspection__force", "accuracy_check__inspection__programme", "author"
        )
        .order_by("created_at", "pk")
    )


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    level: int


def sections_of(report: ReportContent) -> list[Section]:
    """The sections of the draft a comment can be on, in the report's order: its contents list (the
    contents heading itself aside)."""
    return [Section(anchor, title, level) for title, anchor, level in report.contents]


def report_for_force(*, inspection: Inspection) -> ReportContent:
    """The draft as the force reads it: the report without what the team keeps to itself (the evidence
    counts a draft shows the lead)."""
    content = authored_report_content(inspection=inspection)
    content.internal = False
    return content


def check_checklist_problems(*, inspection: Inspection) -> list[str]:
    """What the factual accuracy check still asks before sign-off: a check that has been held and
    closed, and an answer to every comment."""
    checks = list(
        AccuracyCheck.objects.filter(inspection=inspection)
        .only("pk", "closed_at", "round")
        .annotate(waiting=Count("comments", filter=Q(comments__withdrawn_at=None, comments__answer="")))
    )
    if not checks:
        return ["The factual accuracy check has not been held: send the draft to the force first."]
    problems = []
    if any(check.is_open for check in checks):
        problems.append("The factual accuracy check is still open: close it once the force has commented.")
    waiting = sum(check.waiting for check in checks)
    if waiting:
        problems.append(
            f"{waiting} factual accuracy comment{'s' if waiting != 1 else ''} "
            f"{'wait' if waiting != 1 else 'waits'} for an answer."
        )
    return problems
