"""The demo's Cleveland inspection in a real browser (Debian's Chromium), each page checked with axe-core:
the lead walks its tabs, reopens an approved judgment with a reason, approves it again and finds the
reason in its history. (Creating an inspection and an outsider's 404s are steps of test_journey.py.)"""

import pytest

from demo.cleveland import cleveland_inspection_ensure
from demo.users import DEMO_PASSWORD, demo_users_ensure

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_a_lead_opens_cleveland_approves_and_reopens_a_judgment_and_reads_its_history(journey):
    users = demo_users_ensure()
    cleveland = cleveland_inspection_ensure(users=users)
    journey.login("lead", DEMO_PASSWORD)
    page = journey.page

    journey.assert_accessible()
    page.get_by_role("table").get_by_role("link", name="Cleveland Police").click()
    journey.step("overview")
    assert page.get_by_text("7 of 9 areas for improvement addressed").is_visible()
    journey.assert_accessible()
    for tab in (
        "Framework",
        "Evidence",
        "Summaries of findings",
        "Areas for improvement",
        "Previous findings",
    ):
        page.get_by_role("navigation", name="Inspection").get_by_role("link", name=tab).click()
        journey.step(tab)
        journey.assert_accessible()

    page.get_by_role("navigation", name="Inspection").get_by_role("link", name="Judgments").click()
    journey.assert_accessible()
    page.get_by_role("link", name="3. How effective is the force at protecting").click()
    page.get_by_role("link", name="Reopen…").click()
    journey.assert_accessible()
    page.get_by_label("Reason").fill("The moderation panel asked for a second look")
    page.get_by_role("button", name="Reopen the judgment").click()
    journey.step("reopened")
    journey.assert_accessible()
    page.get_by_role("textbox", name="Rationale").fill("Revised after moderation.")
    with page.expect_navigation():
        page.get_by_role("button", name="Save and approve", exact=True).click()
    journey.step("approved")
    assert page.get_by_text("approved: it is now read-only").is_visible()
    page.get_by_role("link", name="History").click()
    journey.step("history")

    assert page.get_by_text("The moderation panel asked for a second look").is_visible()
    journey.assert_accessible()
    assert cleveland.judgments.get(question__code="3").rationale == "Revised after moderation."
