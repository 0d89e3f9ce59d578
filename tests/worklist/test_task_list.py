"""The overview's task list: each stage's tasks with a status read from the work, the current stage marked."""

import datetime

import pytest
from django.urls import reverse

from peel.models import Inspection
from peel.tasklist import TaskStatus
from peel.tasklist import task_list_for as tasks_of
from reviews.models import CaseFile
from tests.factories.inspections import inspection_with_drafts
from tests.factories.reviews import drawn_inspection, submitted_review
from tests.publication.builders import approved_inspection

pytestmark = pytest.mark.django_db


def statuses(inspection, user) -> dict[str, TaskStatus]:
    return {
        task.name: task.status for stage in tasks_of(inspection=inspection, user=user) for task in stage.tasks
    }


def test_a_new_inspection_can_only_start_its_setup():
    inspection = inspection_with_drafts()

    seen = statuses(inspection, inspection.lead)

    assert seen["Import the crime list"] == TaskStatus.NOT_STARTED
    assert seen["Draw the sample"] == seen["Allocate the files"] == TaskStatus.CANNOT_START
    assert seen["Review the case files"] == TaskStatus.CANNOT_START
    assert seen["Publish the report"] == TaskStatus.CANNOT_START


def test_the_review_tasks_follow_the_files_and_the_current_stage_is_marked():
    inspection = drawn_inspection(2)
    files = list(CaseFile.objects.filter(inspection=inspection))
    submitted_review(files[0])
    Inspection.objects.filter(pk=inspection.pk).update(
        fieldwork_start=datetime.date(2016, 5, 9), fieldwork_end=datetime.date(2016, 5, 13)
    )
    inspection.refresh_from_db()

    stages = tasks_of(inspection=inspection, user=inspection.lead)
    seen = {task.name: task for stage in stages for task in stage.tasks}

    assert [stage.name for stage in stages if stage.is_current] == ["Fieldwork"]
    assert seen["Import the crime list"].status == seen["Allocate the files"].status == TaskStatus.COMPLETED
    assert seen["Review the case files"].status == TaskStatus.IN_PROGRESS
    wanted = len(files) + sum(f.double_review for f in files)
    assert seen["Review the case files"].hint == f"1 of {wanted} submitted"
    assert seen["Moderate the reviews"].status == TaskStatus.NOT_STARTED
    assert stages[0].status == TaskStatus.COMPLETED and stages[1].status == TaskStatus.IN_PROGRESS


def test_only_the_lead_gets_links_to_the_lead_s_pages():
    inspection = drawn_inspection(2)
    member = inspection.team.first()

    for_lead = {t.name: t.url for s in tasks_of(inspection=inspection, user=inspection.lead) for t in s.tasks}
    for_member = {t.name: t.url for s in tasks_of(inspection=inspection, user=member) for t in s.tasks}

    assert for_lead["Moderate the reviews"] == reverse("reviews:moderation", kwargs={"pk": inspection.pk})
    assert for_member["Moderate the reviews"] == ""
    assert for_member["Review the case files"] == reverse("reviews:progress", kwargs={"pk": inspection.pk})


def test_a_report_returned_by_the_hm_inspector_is_a_problem_on_the_overview(client):
    from publication.selectors import report_content_digest
    from publication.services.publishing import sign_off_return, sign_off_submit

    inspection = approved_inspection()
    digest = report_content_digest(inspection=inspection)
    sign_off = sign_off_submit(inspection=inspection, user=inspection.lead, digest=digest)
    sign_off_return(
        inspection=inspection,
        user=inspection.hmi,
        sign_off_id=sign_off.pk,
        digest=digest,
        comments="Shorter.",
    )
    client.force_login(inspection.lead)

    page = client.get(reverse("peel:inspection_overview", kwargs={"pk": inspection.pk})).content.decode()

    assert "The HM Inspector&#x27;s sign-off" in page or "The HM Inspector's sign-off" in page
    assert "There is a problem" in page and "Returned with comments" in page
    assert statuses(inspection, inspection.lead)["Publish the report"] == TaskStatus.CANNOT_START
