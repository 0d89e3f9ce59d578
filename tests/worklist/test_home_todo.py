"""The home page's to-do list: what waits for each person, a link to each, across their inspections."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from authoring.models import SectionStatus
from authoring.services.sections import section_body_save, section_status_set
from peel.models import ApprovalState, FindingSummary, Judgment
from publication.selectors import report_content_digest
from publication.services.publishing import sign_off_submit
from reviews.models import CaseFile
from reviews.services.moderation import review_return
from tests.authoring.builders import authored, inspection_with_sections
from tests.factories.inspections import inspection_with_drafts
from tests.factories.reviews import drawn_inspection, submitted_review
from tests.factories.users import inspector
from tests.factual_accuracy.builders import setting
from tests.publication.builders import approved_inspection

pytestmark = pytest.mark.django_db


def home_of(client, user) -> str:
    client.force_login(user)
    return client.get(reverse("home")).content.decode()


def test_a_reviewer_sees_how_many_files_wait_and_each_review_returned_to_them(client):
    inspection = drawn_inspection(3)
    case_file = CaseFile.objects.filter(inspection=inspection).select_related("crime", "reviewer").first()
    reviewer = case_file.reviewer
    review = submitted_review(case_file)
    review_return(
        inspection=inspection, review_id=review.pk, comment="Check the outcome.", user=inspection.lead
    )
    waiting = CaseFile.objects.filter(inspection=inspection, reviewer=reviewer).count() - 1
    waiting += CaseFile.objects.filter(inspection=inspection, second_reviewer=reviewer).count()

    page = home_of(client, reviewer)

    my_files = reverse("reviews:my_files", kwargs={"pk": inspection.pk})
    assert f'<a href="{my_files}">{waiting} case files to review</a>' in page
    review_url = reverse("reviews:review_first", kwargs={"pk": inspection.pk, "file_id": case_file.pk})
    assert (
        f'<a href="{review_url}">Review of {case_file.crime_reference} returned to you for change</a>' in page
    )


def test_the_lead_sees_the_reviews_waiting_for_moderation(client):
    inspection = drawn_inspection(3)
    for case_file in CaseFile.objects.filter(inspection=inspection)[:2]:
        submitted_review(case_file)

    page = home_of(client, inspection.lead)

    moderation = reverse("reviews:moderation", kwargs={"pk": inspection.pk})
    assert f'<a href="{moderation}">2 reviews waiting for your moderation</a>' in page


def test_an_author_is_asked_to_write_and_the_lead_to_approve_a_ready_section(client):
    inspection = inspection_with_sections()
    writer = inspection.team.first()
    to_write = authored(inspection, "q-1.2", writer)
    ready = authored(inspection, "q-1.1", writer)
    ready = section_body_save(section=ready, body="Words.", version=ready.edit_version, user=writer)
    section_status_set(section=ready, status=SectionStatus.READY_FOR_REVIEW, user=writer)

    writer_page = home_of(client, writer)
    lead_page = home_of(client, inspection.lead)

    assert f"Write the section “{to_write.title}”" in writer_page
    assert f"“{ready.title}”" not in writer_page
    assert f"Approve or return the section “{ready.title}”" in lead_page


def test_the_hm_inspector_sees_the_report_waiting_for_their_sign_off(client):
    inspection = approved_inspection()
    sign_off_submit(
        inspection=inspection, user=inspection.lead, digest=report_content_digest(inspection=inspection)
    )

    page = home_of(client, inspection.hmi)

    assert reverse("publication:sign_off", kwargs={"pk": inspection.pk}) in page
    assert "The report waits for your sign-off" in page


def test_the_lead_sees_the_factual_accuracy_comments_to_answer(client):
    world = setting()
    check = world.open_check()
    world.comment(check)
    world.comment(check, text="The figure is out of date.")

    page = home_of(client, world.lead)

    assert "2 factual accuracy comments from the force to answer" in page


def test_someone_with_nothing_to_do_is_told_so(client):
    drawn_inspection(3)

    page = home_of(client, inspector(username="idle"))

    assert "Nothing waits for you" in page


def test_the_home_page_costs_the_same_queries_with_three_times_the_inspections(client):
    first = drawn_inspection(2)
    lead = first.lead
    client.force_login(lead)
    client.get(reverse("home"))
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("home"))
    for _ in range(2):
        other = drawn_inspection(2, lead=lead)
        for case_file in CaseFile.objects.filter(inspection=other)[:2]:
            submitted_review(case_file)
    with CaptureQueriesContext(connection) as three:
        page = client.get(reverse("home")).content.decode()
    assert page.count("waiting for your moderation") == 2
    assert len(three) == len(one)


def test_the_lead_sees_each_kind_of_finding_submitted_for_approval_with_its_count(client):
    inspection = inspection_with_drafts()
    judgments = Judgment.objects.filter(inspection=inspection)
    Judgment.objects.filter(pk__in=judgments.values("pk")[:2]).update(state=ApprovalState.SUBMITTED)
    FindingSummary.objects.filter(inspection=inspection).update(state=ApprovalState.DRAFT)
    summary = FindingSummary.objects.filter(inspection=inspection).first()
    FindingSummary.objects.filter(pk=summary.pk).update(state=ApprovalState.SUBMITTED)

    page = home_of(client, inspection.lead)

    judgment_list = reverse("peel:judgment_list", kwargs={"pk": inspection.pk})
    assert f'<a href="{judgment_list}">2 judgments submitted for your approval</a>' in page
    assert "1 summary of findings submitted for your approval" in page
