"""The overview's task list and the timeline read what an inspection has done from one place
(``timeline.progress``): a step is done on both or on neither."""

import datetime

import pytest
from django.utils import timezone

from peel.models import InspectionStatus
from peel.tasklist import TaskStatus
from peel.tasklist import task_list_for as tasks_of
from publication.models import SignOff, SignOffState
from reviews.models import CaseFile
from tests.factories.reviews import (
    accepted_review,
    drawn_inspection,
    frame_rows,
    import_rows,
    inspection_2016,
)
from timeline.models import MilestoneKind
from timeline.selectors import timeline_of

pytestmark = pytest.mark.django_db

# Each milestone and the task that does its work.
TASK_OF = {
    MilestoneKind.DATA_REQUEST: "Import the crime list",
    MilestoneKind.SAMPLE_DUE: "Draw the sample",
    MilestoneKind.FA_CHECK: "Factual accuracy check",
    MilestoneKind.SIGN_OFF: "The HM Inspector's sign-off",
    MilestoneKind.PUBLICATION: "Publish the report",
}


def done_on_both(inspection) -> dict[MilestoneKind, tuple[bool, bool]]:
    """Each milestone: (done on the timeline, completed on the task list)."""
    timeline = {row.kind: row.complete for row in timeline_of(inspection=inspection).rows}
    tasks = {
        task.name: task.status
        for stage in tasks_of(inspection=inspection, user=inspection.lead)
        for task in stage.tasks
    }
    return {kind: (timeline[kind], tasks[name] == TaskStatus.COMPLETED) for kind, name in TASK_OF.items()}


def assert_agree(inspection) -> None:
    for kind, (on_timeline, on_task_list) in done_on_both(inspection).items():
        assert on_timeline == on_task_list, kind


def sign_off(inspection, state: str, *, days_ago: int) -> SignOff:
    return SignOff.objects.create(
        inspection=inspection,
        state=state,
        content_digest="c" * 64,
        submitted_by=inspection.lead,
        submitted_at=timezone.now() - datetime.timedelta(days=days_ago),
        decided_by=None if state == SignOffState.WAITING else inspection.lead,
    )


def test_the_import_and_the_draw_are_done_on_both_or_on_neither():
    inspection = inspection_2016()
    assert_agree(inspection)
    import_rows(inspection, frame_rows(3))
    assert done_on_both(inspection)[MilestoneKind.DATA_REQUEST] == (True, True)
    drawn = drawn_inspection(3, allocate=False)
    assert done_on_both(drawn)[MilestoneKind.SAMPLE_DUE] == (True, True)
    assert_agree(drawn)


def test_a_sign_off_followed_by_a_later_submission_is_no_longer_done_on_either():
    """The timeline once counted any sign-off ever given, the task list the latest: a report changed and
    submitted again after a sign-off was done on one and in progress on the other."""
    inspection = inspection_2016()
    sign_off(inspection, SignOffState.SIGNED_OFF, days_ago=3)
    assert done_on_both(inspection)[MilestoneKind.SIGN_OFF] == (True, True)

    sign_off(inspection, SignOffState.WAITING, days_ago=1)

    assert done_on_both(inspection)[MilestoneKind.SIGN_OFF] == (False, False)
    assert_agree(inspection)


def test_moderation_stays_open_on_both_while_a_file_in_the_sample_has_no_review():
    """Every review there is accepted, but a file has none yet: not done on the timeline, and the task
    list's moderation (which counts the reviews wanted) still in progress; the stage has not moved."""
    inspection = drawn_inspection(3)
    accepted_review(CaseFile.objects.filter(inspection=inspection).order_by("pk").first())
    inspection.refresh_from_db()

    rows = {row.kind: row.complete for row in timeline_of(inspection=inspection).rows}
    tasks = {
        task.name: task.status
        for stage in tasks_of(inspection=inspection, user=inspection.lead)
        for task in stage.tasks
    }

    assert inspection.status == InspectionStatus.FIELDWORK
    assert rows[MilestoneKind.MODERATION] is False
    assert tasks["Moderate the reviews"] == TaskStatus.IN_PROGRESS


def test_the_task_list_reads_a_fixed_number_of_queries(django_assert_num_queries):
    inspection = drawn_inspection(3)
    accepted_review(CaseFile.objects.filter(inspection=inspection).order_by("pk").first())
    sign_off(inspection, SignOffState.RETURNED, days_ago=1)
    inspection.refresh_from_db()

    # Whether the user leads it (the lead, their groups), the reviews' counts (two), what the inspection
    # has done (one: the import, the draw, the compiles, the checks, the sign-off, the publication), the
    # team, the notes, the judgments, the sections.
    with django_assert_num_queries(9):
        tasks_of(inspection=inspection, user=inspection.lead)
