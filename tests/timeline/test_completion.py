"""A milestone is done when its work is: nothing is ticked by hand."""

import datetime

import pytest
from django.utils import timezone

from factual_accuracy.models import AccuracyCheck
from peel.models import Inspection, InspectionStatus
from publication.models import Publication, SignOff, SignOffState
from reviews.models import CaseFile, ReviewKind
from reviews.services.moderation import review_accept
from tests.factories.reviews import (
    accepted_review,
    drawn_inspection,
    frame_rows,
    import_rows,
    inspection_2016,
    submitted_review,
)
from timeline.models import MilestoneKind
from timeline.selectors import timeline_of, timelines_for

pytestmark = pytest.mark.django_db


def done(inspection) -> set[str]:
    return {row.kind for row in timeline_of(inspection=inspection).rows if row.complete}


def test_a_new_inspection_has_done_nothing(inspection):
    assert done(inspection) == set()


def test_the_data_request_is_done_once_the_crime_list_is_imported_and_the_sample_once_it_is_drawn():
    imported = inspection_2016()
    import_rows(imported, frame_rows(5))
    assert done(imported) == {MilestoneKind.DATA_REQUEST}
    drawn = drawn_inspection(5, allocate=False)
    assert done(drawn) == {MilestoneKind.DATA_REQUEST, MilestoneKind.SAMPLE_DUE}


def test_fieldwork_is_done_once_the_inspection_moves_past_it(inspection):
    for status, finished in [
        (InspectionStatus.SETUP, False),
        (InspectionStatus.FIELDWORK, False),
        (InspectionStatus.MODERATION, True),
        (InspectionStatus.JUDGMENTS, True),
    ]:
        inspection.status = status
        inspection.save(update_fields=["status"])
        assert (MilestoneKind.FIELDWORK in done(inspection)) is finished, status


def test_moderation_is_done_once_the_inspection_moves_past_it(inspection):
    for status, finished in [
        (InspectionStatus.FIELDWORK, False),
        (InspectionStatus.MODERATION, False),
        (InspectionStatus.JUDGMENTS, True),
        (InspectionStatus.PUBLISHED, True),
    ]:
        inspection.status = status
        inspection.save(update_fields=["status"])
        assert (MilestoneKind.MODERATION in done(inspection)) is finished, status


def test_moderation_is_not_done_while_a_file_in_the_sample_has_no_review_yet():
    """Every review there is accepted, but not every review wanted: the timeline once called this done
    while the stage stayed put. Now both read the stage, which the wanted reviews move."""
    inspection = drawn_inspection(5)
    files = list(CaseFile.objects.filter(inspection=inspection).order_by("pk"))
    accepted_review(files[0])

    assert MilestoneKind.MODERATION not in done(inspection)
    assert Inspection.objects.get(pk=inspection.pk).status == InspectionStatus.FIELDWORK


def test_moderation_is_done_when_every_wanted_review_is_accepted_as_the_stage_moves_on():
    inspection = drawn_inspection(2)
    files = list(CaseFile.objects.filter(inspection=inspection).order_by("pk"))
    seconds = [(f, ReviewKind.SECOND) for f in files if f.double_review]
    wanted = [(f, ReviewKind.FIRST) for f in files] + seconds
    reviews = [submitted_review(case_file, kind) for case_file, kind in wanted]
    for review in reviews[:-1]:
        review_accept(inspection=inspection, review_id=review.pk, user=inspection.lead)
    assert MilestoneKind.MODERATION not in done(inspection)

    review_accept(inspection=inspection, review_id=reviews[-1].pk, user=inspection.lead)

    assert Inspection.objects.get(pk=inspection.pk).status == InspectionStatus.JUDGMENTS
    assert MilestoneKind.MODERATION in done(inspection)


def test_the_factual_accuracy_check_is_done_when_every_round_is_closed(inspection):
    lead = inspection.lead
    first = AccuracyCheck.objects.create(
        inspection=inspection, round=1, due_on=datetime.date(2017, 1, 30), opened_by=lead
    )
    assert MilestoneKind.FA_CHECK not in done(inspection)
    AccuracyCheck.objects.filter(pk=first.pk).update(closed_at=timezone.now(), closed_by=lead)
    assert MilestoneKind.FA_CHECK in done(inspection)
    AccuracyCheck.objects.create(
        inspection=inspection, round=2, due_on=datetime.date(2017, 2, 6), opened_by=lead
    )
    assert MilestoneKind.FA_CHECK not in done(inspection)


def test_sign_off_is_done_when_signed_off_and_publication_when_published(inspection):
    sign_off = SignOff.objects.create(
        inspection=inspection, content_digest="c" * 64, submitted_by=inspection.lead
    )
    assert MilestoneKind.SIGN_OFF not in done(inspection)
    SignOff.objects.filter(pk=sign_off.pk).update(
        state=SignOffState.SIGNED_OFF, decided_by=inspection.hmi or inspection.lead
    )
    assert MilestoneKind.SIGN_OFF in done(inspection)
    assert MilestoneKind.PUBLICATION not in done(inspection)
    publication = Publication(
        inspection=inspection,
        version=1,
        published_on=datetime.date(2017, 3, 2),
        published_by=inspection.lead,
        sign_off=sign_off,
        content_digest="c" * 64,
        document_html="<p>published</p>",
    )
    publication.pdf_stored(b"%PDF-1.7 published")
    publication.save()
    assert MilestoneKind.PUBLICATION in done(inspection)


def test_the_completion_of_many_inspections_costs_two_queries(django_assert_num_queries):
    inspections = [drawn_inspection(5, allocate=False), inspection_2016()]
    with django_assert_num_queries(2):
        timelines = timelines_for(inspections=inspections)
    assert [len(t.rows) for t in timelines.values()] == [7, 7]
