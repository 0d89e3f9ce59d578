"""The lead works through the moderation queue in a browser: narrows it to one inspector, ticks two
reviews and accepts them together, then opens the next and uses "Accept and open next" — at a wide and a
phone-sized window, with no horizontal scroll of the page."""

import pytest
from playwright.sync_api import expect

from reviews.models import CaseFile, Review, ReviewStatus
from tests.factories.reviews import drawn_inspection, submitted_review
from tests.factories.users import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.mark.parametrize("width", [1366, 375])
def test_the_lead_filters_the_queue_accepts_two_together_and_then_accepts_and_opens_the_next(journey, width):
    inspection = drawn_inspection(2)
    files = list(CaseFile.objects.filter(inspection=inspection).order_by("stratum__order", "rank")[:8])
    reviews = [submitted_review(case_file) for case_file in files]
    inspector = reviews[0].reviewer
    theirs = [review for review in reviews if review.reviewer_id == inspector.pk]
    assert len(theirs) >= 3
    page = journey.page
    page.set_viewport_size({"width": width, "height": 900})
    journey.login(inspection.lead.username, PASSWORD)

    journey.goto(f"/inspections/{inspection.pk}/files/moderation/")
    page.get_by_label("Inspector").select_option(str(inspector.pk))
    with page.expect_navigation():
        page.get_by_role("button", name="Show").click()
    journey.step("queue of one inspector")
    expect(page.get_by_text(f"{len(theirs)} reviews waiting in this selection")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    journey.assert_accessible()

    for review in theirs[:2]:
        page.get_by_label(f"Select {review.case_file.crime.crime_reference} (first review)").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Accept selected").click()
    journey.step("two accepted")
    expect(page.get_by_text("2 reviews accepted: now locked.")).to_be_visible()
    left = len(theirs) - 2
    expect(page.locator("caption")).to_have_text(
        f"{left} review{'s' if left != 1 else ''} waiting in this selection"
    )

    with page.expect_navigation():
        page.get_by_role("link", name=theirs[2].case_file.crime.crime_reference, exact=True).click()
    with page.expect_navigation():
        page.get_by_role("button", name="Accept and open next").click()
    journey.step("accepted and moved on")
    assert Review.objects.get(pk=theirs[2].pk).status == ReviewStatus.ACCEPTED
    following = theirs[3] if len(theirs) > 3 else None
    if following is None:
        expect(page.get_by_text("Nothing else is waiting in this queue.")).to_be_visible()
    else:
        expect(page.get_by_role("heading", name=following.case_file.crime.crime_reference)).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    journey.assert_accessible()
