"""The factual accuracy check in a real browser: the lead sends the draft to the force → the force's
liaison comments beside two sections → the lead answers one accepted and changed and one not accepted
with a reason, and closes the check → the log shows both answers, to the lead and to the liaison, who
can no longer open the report. Every page is scanned with axe-core and fits a 375 px window."""

import datetime

import pytest
from playwright.sync_api import expect

from factual_accuracy.models import AccuracyComment, Answer
from forces.models import Force
from tests.factories.users import PASSWORD, lead, liaison
from tests.publication.builders import approved_inspection

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

NOT_ACCEPTED_REASON = "The review began after our fieldwork, so it could not be inspected."


def go(journey, locator, label: str) -> None:
    with journey.page.expect_navigation():
        locator.click()
    journey.step(label)
    journey.assert_accessible()


def fits(page, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), f"scrolls at {width}"
    page.set_viewport_size({"width": 1280, "height": 900})


def comment_on(journey, section: str, text: str, passage: str = "") -> None:
    page = journey.page
    block = page.locator(f"#comments-{section}")
    block.locator("summary").click()
    if passage:
        block.get_by_label("The passage (optional)").fill(passage)
    block.get_by_label("Your comment").fill(text)
    go(journey, block.get_by_role("button", name="Send comment"), f"commented on {section}")
    expect(page.get_by_role("alert").filter(has_text="was sent to the inspection")).to_be_visible()


def answer(journey, comment_text: str, choice: str, reason: str = "") -> None:
    card = journey.page.locator(".card").filter(has_text=comment_text)
    card.get_by_label(choice).check()
    if reason:
        card.get_by_label("Reason").fill(reason)
    go(journey, card.get_by_role("button", name="Save the answer"), f"answered {choice}")


def test_the_force_comments_on_two_sections_and_the_lead_answers_and_closes_the_check(journey):
    inspection = approved_inspection(
        accuracy_checked=False, lead=lead(username="lee", first_name="Lee", last_name="Lead")
    )
    liaison(
        force=Force.objects.get(slug="cleveland"), username="laura", first_name="Laura", last_name="Liaison"
    )
    page = journey.page

    journey.login("lee", PASSWORD)
    journey.goto(f"/inspections/{inspection.pk}/report/")
    expect(page.locator("#checklist")).to_contain_text("The factual accuracy check has not been held")
    go(journey, page.get_by_role("link", name="Factual accuracy check").first, "check page")
    due = datetime.date.today() + datetime.timedelta(days=14)
    page.get_by_label("Comments due by").fill(due.isoformat())
    go(journey, page.get_by_role("button", name="Send the draft to the force"), "draft sent")
    expect(page.get_by_role("heading", name="Round 1 is open")).to_be_visible()
    journey.logout()

    journey.login("laura", PASSWORD)
    expect(page.get_by_role("heading", name="Factual accuracy checks — Cleveland Police")).to_be_visible()
    journey.assert_accessible()
    go(journey, page.get_by_role("link", name="PEEL effectiveness 2016: the draft report"), "the draft")
    # The forms sit beside their sections (moved there by the page's script).
    expect(page.locator("#force-in-numbers #comments-force-in-numbers")).to_be_attached()
    fits(page, 375)
    comment_on(journey, "force-in-numbers", "Please give the period of the 999 call figure.", "999 calls")
    comment_on(journey, "q3", "A daily review of high-risk cases began in November 2016.")
    fits(page, 375)
    journey.logout()

    journey.login("lee", PASSWORD)
    journey.goto(f"/inspections/{inspection.pk}/accuracy-check/")
    expect(page.get_by_role("note").filter(has_text="2 comments wait for an answer")).to_be_visible()
    journey.assert_accessible()
    answer(journey, "Please give the period", "Accepted and changed", "The period is now given.")
    answer(journey, "A daily review", "Not accepted")  # no reason: refused, says why
    expect(page.get_by_text("Say why the comment is not accepted").first).to_be_visible()
    page.get_by_label("Reason").fill(NOT_ACCEPTED_REASON)
    go(journey, page.get_by_role("button", name="Save the answer"), "answered with a reason")
    go(journey, page.get_by_role("button", name="Close the check"), "closed")
    go(journey, page.get_by_role("link", name="Log and downloads"), "the log")
    log = page.locator("table.accuracy-log")
    expect(log).to_contain_text("Accepted and changed")
    expect(log).to_contain_text("Not accepted")
    expect(log).to_contain_text(NOT_ACCEPTED_REASON)
    expect(log).to_contain_text("Laura Liaison")
    fits(page, 375)
    journey.logout()

    journey.login("laura", PASSWORD)
    go(journey, page.get_by_role("link", name="PEEL effectiveness 2016, round 1"), "the liaison's log")
    expect(page.locator("table.accuracy-log")).to_contain_text(NOT_ACCEPTED_REASON)
    response = page.goto(journey.base_url + f"/inspections/{inspection.pk}/report/")
    assert response.status == 404

    answers = dict(AccuracyComment.objects.values_list("section_key", "answer"))
    assert answers == {"force-in-numbers": Answer.ACCEPTED, "q3": Answer.NOT_ACCEPTED}
