"""The inspection pages in a real browser (Debian's Chromium), each checked with axe-core."""

import pytest

from demo.cleveland import cleveland_inspection_ensure
from demo.users import DEMO_PASSWORD, demo_users_ensure
from tests.factories.users import PASSWORD, admin, inspector, lead

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_an_admin_creates_an_inspection_for_a_force_with_a_lead_and_two_inspectors(journey):
    admin(username="alex")
    lead(username="lee", first_name="Lee", last_name="Lead")
    inspector(username="ines", first_name="Ines", last_name="Inspector")
    inspector(username="ivan", first_name="Ivan", last_name="Inspector")
    journey.login("alex", PASSWORD)

    journey.page.get_by_role("link", name="New inspection").click()
    journey.step("new inspection")
    journey.assert_accessible()
    page = journey.page
    page.get_by_label("Force").select_option(label="Durham Constabulary")
    page.get_by_label("Programme").select_option(label="PEEL effectiveness 2016")
    page.get_by_label("Lead", exact=True).select_option(label="Lee Lead (lee)")
    page.get_by_label("Ines Inspector (ines)").check()
    page.get_by_label("Ivan Inspector (ivan)").check()
    page.get_by_label("File-review window: first day").fill("2016-01-01")
    page.get_by_label("File-review window: last day").fill("2016-03-31")
    page.get_by_role("button", name="Create inspection").click()
    page.wait_for_load_state()
    journey.step("created")

    assert page.get_by_role("heading", name="Overview").is_visible()
    assert page.get_by_text("Durham Constabulary — PEEL effectiveness 2016").first.is_visible()
    assert page.get_by_text("Ines Inspector, Ivan Inspector").is_visible()
    journey.assert_accessible()


def test_a_lead_opens_cleveland_approves_and_reopens_a_judgment_and_reads_its_history(journey):
    users = demo_users_ensure()
    cleveland = cleveland_inspection_ensure(users=users)
    journey.login("lead", DEMO_PASSWORD)
    page = journey.page

    journey.assert_accessible()
    page.get_by_role("link", name="Cleveland Police").click()
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
    page.get_by_role("button", name="Save").click()
    page.get_by_role("button", name="Approve").click()
    journey.step("approved")
    assert page.get_by_text("approved: it is now read-only").is_visible()
    page.get_by_role("link", name="History").click()
    journey.step("history")

    assert page.get_by_text("The moderation panel asked for a second look").is_visible()
    journey.assert_accessible()
    assert cleveland.judgments.get(question__code="3").rationale == "Revised after moderation."


def test_an_outsider_is_told_the_page_does_not_exist(journey):
    users = demo_users_ensure()
    cleveland = cleveland_inspection_ensure(users=users)
    journey.login("outsider", DEMO_PASSWORD)

    response = journey.goto(f"/inspections/{cleveland.pk}/")

    assert response.status == 404
    journey.assert_accessible()
