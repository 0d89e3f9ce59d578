"""The inspection's stage moves on by itself as the case-file review gets done."""

import pytest

from peel.models import Inspection, InspectionStatus
from peel.services.inspections import inspection_status_advance
from reviews.models import CaseFile, ReviewKind
from reviews.services.allocation import case_files_allocate
from reviews.services.moderation import review_accept, reviews_accept
from tests.factories.reviews import drawn_inspection, submitted_review

pytestmark = pytest.mark.django_db


def stage_of(inspection) -> str:
    return Inspection.objects.get(pk=inspection.pk).status


def every_review(inspection):
    for case_file in CaseFile.objects.filter(inspection=inspection).select_related("crime"):
        yield case_file, ReviewKind.FIRST
        if case_file.double_review:
            yield case_file, ReviewKind.SECOND


def test_allocating_the_files_starts_fieldwork():
    inspection = drawn_inspection(2, allocate=False)
    assert stage_of(inspection) == InspectionStatus.SETUP

    case_files_allocate(inspection=inspection)

    assert stage_of(inspection) == InspectionStatus.FIELDWORK


def test_the_last_review_submitted_starts_moderation_and_the_last_accepted_starts_judgments():
    inspection = drawn_inspection(2)
    reviews = [submitted_review(case_file, kind) for case_file, kind in every_review(inspection)]
    assert stage_of(inspection) == InspectionStatus.MODERATION

    for review in reviews[:-1]:
        review_accept(inspection=inspection, review_id=review.pk, user=inspection.lead)
    assert stage_of(inspection) == InspectionStatus.MODERATION
    review_accept(inspection=inspection, review_id=reviews[-1].pk, user=inspection.lead)

    assert stage_of(inspection) == InspectionStatus.JUDGMENTS


def test_accepting_every_review_at_once_starts_judgments():
    inspection = drawn_inspection(2)
    reviews = [submitted_review(case_file, kind) for case_file, kind in every_review(inspection)]

    reviews_accept(inspection=inspection, versions={r.pk: r.version for r in reviews}, user=inspection.lead)

    assert stage_of(inspection) == InspectionStatus.JUDGMENTS


def test_an_inspection_advances_one_stage_from_where_it_is_and_never_to_published():
    inspection = drawn_inspection(2)  # at fieldwork

    moved_from_setup = inspection_status_advance(
        inspection_id=inspection.pk, from_status=InspectionStatus.SETUP, to_status=InspectionStatus.FIELDWORK
    )

    assert moved_from_setup is False and stage_of(inspection) == InspectionStatus.FIELDWORK
    for skipped in (
        {"from_status": InspectionStatus.FIELDWORK, "to_status": InspectionStatus.JUDGMENTS},
        {"from_status": InspectionStatus.JUDGMENTS, "to_status": InspectionStatus.PUBLISHED},
    ):
        with pytest.raises(ValueError):
            inspection_status_advance(inspection_id=inspection.pk, **skipped)
