"""The inspector asks the lead about one criterion from the review form, in a browser: "Discuss C05"
chooses the criterion in the discussion panel, the message is posted and shown; the lead reads it on the
file's page and answers. At a wide and a phone-sized window, with no horizontal scroll and no axe
violations."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from reviews.models import CaseFile, Message
from tests.factories.reviews import drawn_inspection
from tests.factories.users import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

ARTEFACTS = Path(__file__).resolve().parents[2] / "artefacts"


@pytest.mark.parametrize("width", [1366, 375])
def test_the_inspector_asks_about_a_criterion_and_the_lead_answers(journey, width):
    inspection = drawn_inspection(2)
    case_file = CaseFile.objects.filter(inspection=inspection).select_related("crime").first()
    page = journey.page
    page.set_viewport_size({"width": width, "height": 900})
    journey.login(case_file.reviewer.username, PASSWORD)

    journey.goto(f"/inspections/{inspection.pk}/files/{case_file.pk}/review/first/")
    page.get_by_role("link", name="Discuss C05").click()
    expect(page.get_by_role("textbox", name="Message")).to_be_focused()
    assert page.get_by_label("About criterion (optional)").input_value() != ""
    page.get_by_role("textbox", name="Message").fill(
        "Was the victim told of the outcome?\nI cannot find the letter."
    )
    page.once("dialog", lambda dialog: dialog.accept())  # the review form's unsaved-changes warning
    with page.expect_navigation():
        page.get_by_role("button", name="Post message").click()
    journey.step("posted from the review form")
    expect(page.get_by_text("Message posted.")).to_be_visible()
    panel = page.locator("#discussion-first")
    expect(panel.get_by_text("I cannot find the letter.")).to_be_visible()
    expect(panel.get_by_role("link", name="C05")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    journey.assert_accessible()
    ARTEFACTS.mkdir(exist_ok=True)
    panel.screenshot(path=str(ARTEFACTS / f"discussion-review-form-{width}.png"))

    page.context.clear_cookies()  # sign out (at 375 px the menu holding "Log out" is folded)
    journey.login(inspection.lead.username, PASSWORD)
    journey.goto(f"/inspections/{inspection.pk}/files/{case_file.pk}/")
    page.get_by_role("textbox", name="Message").fill("It is in the attachments, dated 3 May.")
    with page.expect_navigation():
        page.get_by_role("button", name="Post message").click()
    journey.step("the lead answered")
    expect(page.locator("#discussion-first").get_by_text("dated 3 May")).to_be_visible()
    assert Message.objects.filter(case_file=case_file).count() == 2
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    journey.assert_accessible()
    page.screenshot(path=str(ARTEFACTS / f"discussion-file-{width}.png"), full_page=True)
