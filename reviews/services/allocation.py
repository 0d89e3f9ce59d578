"""Allocating the drawn files to the inspection team, and reassigning them."""

from collections import Counter, defaultdict
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q, QuerySet

from peel.models import Inspection
from reviews.models import CaseFile, CaseFileStatus, Review, ReviewKind, ReviewStatus, SampleDraw
from reviews.services.design import sample_design_lock
from reviews.services.notices import file_reassigned_notify, files_allocated_notify
from reviews.services.refusals import Refused
from reviews.services.stages import stage_follow_reviews


def team_reviewers(inspection: Inspection) -> list:
    """Whom files are allocated to: the inspection team's active members, by username."""
    return list(
        get_user_model().objects.filter(is_active=True, inspections_on=inspection).order_by("username")
    )


def reassignment_candidates(inspection: Inspection) -> QuerySet:
    """Whom the lead can give a file to: the team and the lead, by username."""
    on_team = (
        Q(inspections_on=inspection) | Q(pk=inspection.lead_id)
        if inspection.lead_id
        else Q(inspections_on=inspection)
    )
    return get_user_model().objects.filter(on_team, is_active=True).distinct().order_by("username")


@dataclass(frozen=True)
class AllocationResult:
    allocated: int
    second_reviews_unallocated: int


def case_files_allocate(*, inspection: Inspection) -> AllocationResult:
    """Give every unallocated file (and every unallocated second review) a reviewer from the team.

    Balanced by count and spread across strata: files are taken stratum by stratum, each going to the
    reviewer with the fewest reviews so far, then the fewest in that stratum, then by username. A
    second review always goes to someone other than the first reviewer. Existing allocations are kept.
    """
    reviewers = team_reviewers(inspection)
    if not reviewers:
        raise Refused("The inspection has no team to allocate files to: add inspectors to the team first.")
    with transaction.atomic():
        sample_design_lock(inspection=inspection)
        if not SampleDraw.objects.filter(inspection=inspection).exists():
            raise Refused("Draw the sample before allocating files.")
        files = list(
            CaseFile.objects.select_for_update()
            .filter(inspection=inspection, status=CaseFileStatus.IN_SAMPLE)
            .order_by("stratum__order", "rank")
        )
        load: Counter = Counter()
        in_stratum: Counter = Counter()
        for case_file in files:
            for reviewer_id in (case_file.reviewer_id, case_file.second_reviewer_id):
                if reviewer_id:
                    load[reviewer_id] += 1
                    in_stratum[reviewer_id, case_file.stratum_id] += 1

        def least_loaded(case_file: CaseFile, exclude: int | None = None):
            candidates = [user for user in reviewers if user.pk != exclude]
            if not candidates:
                return None
            chosen = min(
                candidates, key=lambda u: (load[u.pk], in_stratum[u.pk, case_file.stratum_id], u.username)
            )
            load[chosen.pk] += 1
            in_stratum[chosen.pk, case_file.stratum_id] += 1
            return chosen

        changed = []
        given: dict[int, list[int]] = defaultdict(list)  # file ids newly given, by reviewer id
        for case_file in files:
            if case_file.reviewer_id is None:
                case_file.reviewer = least_loaded(case_file)
                changed.append(case_file)
                given[case_file.reviewer.pk].append(case_file.pk)
        unallocated_seconds = 0
        for case_file in files:
            if case_file.double_review and case_file.second_reviewer_id is None:
                case_file.second_reviewer = least_loaded(case_file, exclude=case_file.reviewer_id)
                if case_file.second_reviewer is None:
                    unallocated_seconds += 1
                    continue
                given[case_file.second_reviewer.pk].append(case_file.pk)
                if case_file not in changed:
                    changed.append(case_file)
        CaseFile.objects.bulk_update(changed, ["reviewer", "second_reviewer"])
        files_allocated_notify(inspection=inspection, given=given, reviewers=reviewers)
        stage_follow_reviews(inspection_id=inspection.pk)
    return AllocationResult(allocated=len(changed), second_reviews_unallocated=unallocated_seconds)


def case_file_reassign(*, inspection: Inspection, case_file_id: int, kind: str, reviewer) -> CaseFile:
    """Give a file's first or second review to another team member; an unfinished review moves with it."""
    if not reassignment_candidates(inspection).filter(pk=reviewer.pk).exists():
        raise Refused(f"{reviewer} is not on this inspection's team.")
    with transaction.atomic():
        case_file = (
            CaseFile.objects.select_for_update().filter(inspection=inspection, pk=case_file_id).first()
        )
        if case_file is None:
            raise Refused("No such file in this inspection's sample.")
        if not case_file.is_usable():
            raise Refused("The file is marked unusable: reassign its replacement instead.")
        other = case_file.second_reviewer_id if kind == ReviewKind.FIRST else case_file.reviewer_id
        if kind == ReviewKind.SECOND and not case_file.double_review:
            raise Refused("This file is not marked for a second review.")
        if reviewer.pk == other:
            raise Refused("The first and second reviews of a file must be by different inspectors.")
        review = Review.objects.select_for_update().filter(case_file=case_file, kind=kind).first()
        if review is not None and review.status == ReviewStatus.ACCEPTED:
            raise Refused("The review has been accepted, so the file can no longer be reassigned.")
        if kind == ReviewKind.FIRST:
            case_file.reviewer = reviewer
        else:
            case_file.second_reviewer = reviewer
        case_file.save(update_fields=["reviewer", "second_reviewer"])
        if review is not None:
            review.reviewer = reviewer
            review.save(update_fields=["reviewer", "updated_at"])
        file_reassigned_notify(case_file=case_file, kind=kind, reviewer=reviewer)
    return case_file
