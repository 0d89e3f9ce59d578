"""Reflow (WCAG 2.2, 1.4.10): every page of an inspection, as its lead and as an inspector, fits the window
at 320, 768 and 1366 px wide with no horizontal scroll of the page (a wide table may scroll inside its
own box). The demo's Cleveland inspection, compiled, with a cause of concern, holds every kind of
object, so every route has a real page to show.

Each page is loaded once and the window resized to each width; a screenshot per width is kept in
artefacts/ when the test fails.
"""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from authoring.services.sections import sections_ensure
from demo.cleveland import cleveland_inspection_ensure
from demo.cleveland_figures import cleveland_figures_ensure
from demo.cleveland_reviews import cleveland_reviews_ensure
from demo.users import DEMO_PASSWORD, demo_users_ensure
from peel.models import (
    AreaForImprovement,
    EvidenceNote,
    FindingSummary,
    Judgment,
    QuestionLevel,
    Recommendation,
)
from peel.services.findings import cause_of_concern_create
from reports.services.runs import compile_inspection
from reviews.models import CaseFile, Message, MessageKind, Review, ReviewStatus
from tests.browser.inspection_routes import inspection_urls
from tests.browser.reflow import page_overflow

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

WIDTHS = (320, 768, 1366)
HEIGHT = 800


@pytest.fixture
def cleveland():
    users = demo_users_ensure()
    inspection = cleveland_inspection_ensure(users=users)
    cleveland_reviews_ensure(inspection=inspection, users=users)
    cleveland_figures_ensure()
    run = compile_inspection(inspection=inspection)
    core_question = inspection.programme.questions.filter(level=QuestionLevel.CORE).order_by("order").first()
    cause = cause_of_concern_create(
        inspection=inspection, user=users["lead"], question=core_question, text="A cause of concern."
    )
    paths = inspection_urls(
        ids={
            "pk": inspection.pk,
            "file_id": CaseFile.objects.filter(inspection=inspection).order_by("pk").first().pk,
            "note_id": EvidenceNote.objects.filter(inspection=inspection).order_by("pk").first().pk,
            "run_id": run.pk,
            "recommendation_id": Recommendation.objects.filter(afi__inspection=inspection).first().pk,
            # A written section's editor and history; its comments' and the factual accuracy check's
            # routes are POST-only actions (or the check's answer form, with no check here: 404).
            "section_id": sections_ensure(inspection=inspection)[0].pk,
            "comment_id": 0,
            "check_id": 0,
        },
        # PDF downloads, the progress fragments htmx swaps into a page and a POST-only action are not
        # pages of their own.
        leave_out=frozenset(
            {
                "publication:version_render",
                "publication:draft_pdf",
                "publication:draft_pdf_progress",
                "publication:version_pdf",
                "publication:version_progress",
                "reviews:crime_list_import_progress",
                "review_pdf:progress",
                "review_pdf:download",
            }
        ),
        items={
            "judgments": Judgment.objects.filter(inspection=inspection).first().pk,
            "findings": FindingSummary.objects.filter(inspection=inspection).first().pk,
            "afis": AreaForImprovement.objects.filter(inspection=inspection).first().pk,
            "causes": cause.pk,
            # PEEL 2016 records no innovative or promising practice: its practice pages answer 404.
            "practice": 0,
        },
    )
    # Every demo review is accepted; one comes back to its inspector so that the review form is walked too.
    returned = Review.objects.filter(case_file__inspection=inspection, reviewer=users["inspector"]).first()
    Review.objects.filter(pk=returned.pk).update(status=ReviewStatus.RETURNED)
    Message.objects.create(  # the return's comment, as review_return keeps it: in the review's thread
        case_file_id=returned.case_file_id,
        review_kind=returned.kind,
        author=users["lead"],
        body="Check C11.",
        kind=MessageKind.RETURN_FOR_CHANGE,
    )
    review_form = reverse(
        f"reviews:review_{returned.kind}", kwargs={"pk": inspection.pk, "file_id": returned.case_file_id}
    )
    return inspection, ["/", review_form] + sorted({path for _name, path in paths})


def _pages_for(username: str, paths: list[str]) -> list[str]:
    """The paths that show this user an HTML page (not the actions, downloads or refusals)."""
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    pages = []
    for path in paths:
        response = client.get(path)
        if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
            pages.append(path)
    return pages


@pytest.mark.parametrize("username", ["lead", "inspector"])
def test_every_inspection_page_fits_the_window_from_320_to_1366_pixels_wide(journey, cleveland, username):
    _inspection, paths = cleveland
    pages = _pages_for(username, paths)
    assert len(pages) > (30 if username == "lead" else 20)
    journey.login(username, DEMO_PASSWORD)
    page = journey.page
    overflowing = []
    for path in pages:
        page.set_viewport_size({"width": WIDTHS[-1], "height": HEIGHT})
        journey.goto(path)
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": HEIGHT})
            journey.step(f"{path} at {width}")
            if problem := page_overflow(page):
                overflowing.append(problem)
    assert not overflowing, "Pages wider than the window:\n" + "\n".join(overflowing)


def test_the_inspection_tabs_sit_on_one_row_at_1366_and_in_a_quarter_of_the_window_at_375(journey, cleveland):
    journey.login("lead", DEMO_PASSWORD)
    page = journey.page
    tabs = page.get_by_role("navigation", name="Inspection")
    page.set_viewport_size({"width": 1366, "height": HEIGHT})
    inspection, _paths = cleveland
    journey.goto(f"/inspections/{inspection.pk}/")
    tops = tabs.get_by_role("listitem").evaluate_all("items => items.map(item => item.offsetTop)")
    assert len(tops) == 12 and len(set(tops)) == 1, f"the tabs wrap onto {len(set(tops))} rows at 1366 px"
    page.set_viewport_size({"width": 375, "height": HEIGHT})
    journey.step("tabs at 375")
    height = tabs.bounding_box()["height"]
    assert height <= HEIGHT / 4, f"the tabs are {height} px high at 375 px wide"
