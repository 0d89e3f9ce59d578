"""The judgments and the report of a five-level inspection in a real browser (Debian's Chromium), each
page checked with axe-core: under a programme graded outstanding, good, adequate, requires improvement,
inadequate, the lead reads the compile's proposals, grades every judgment from the five levels (core
question 2 and the overall question adequate), approves them all and finds "Adequate" in the report in
its colour. The sample and the compile are made by the services (test_journey.py walks those pages)."""

import re

import pytest
from playwright.sync_api import expect

from peel.models import Judgment
from reports.services.runs import compile_inspection
from tests.factories.inspections import InspectionFactory, five_level_programme, force
from tests.factories.users import PASSWORD, lead
from tests.reports.builders import notes_add

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

FORCE = "Cleveland Police"
GRADES = {"0": "Adequate", "1": "Good", "2": "Adequate", "3": "Good", "4": "Requires improvement"}


def five_level_inspection():
    inspection = InspectionFactory(
        programme=five_level_programme(),
        force=force("cleveland"),
        lead=lead(username="lee", first_name="Lee", last_name="Lead"),
    )
    notes_add(inspection, "1.2", strengths=9, weaknesses=1)
    notes_add(inspection, "2.2", strengths=5, weaknesses=5)
    notes_add(inspection, "3.1", strengths=8, weaknesses=2)
    notes_add(inspection, "4.1", strengths=2, weaknesses=4)
    compile_inspection(inspection=inspection)
    return inspection


def go(journey, locator, label: str) -> None:
    with journey.page.expect_navigation():
        locator.click()
    journey.step(label)
    journey.assert_accessible()


def inspection_tab(page, name: str):
    return page.get_by_role("navigation", name="Inspection").get_by_role("link", name=name, exact=True)


def test_a_lead_grades_a_five_level_inspection_and_the_report_shows_adequate(journey):
    inspection = five_level_inspection()
    page = journey.page
    journey.login("lee", PASSWORD)
    journey.assert_accessible()
    go(journey, page.get_by_role("table").get_by_role("link", name=FORCE), "inspection overview")
    # The programme records innovative and promising practice: the overview links to its page.
    go(journey, page.get_by_role("link", name="Innovative and promising practice"), "practice")
    go(journey, page.get_by_role("link", name="Add practice"), "new practice")
    go(journey, inspection_tab(page, "Judgments"), "judgments")

    for judgment in Judgment.objects.filter(inspection=inspection).select_related("question"):
        question = judgment.question
        go(
            journey,
            page.get_by_role("link", name=f"{question.code}. {question.text}"),
            f"judgment {question.code}",
        )
        if question.graded:
            grade = page.get_by_label(re.compile(r"^\s*Grade\*?\s*$"))
            expect(grade.locator("option")).to_have_text(
                [
                    "— choose a grade —",
                    "Outstanding",
                    "Good",
                    "Adequate",
                    "Requires improvement",
                    "Inadequate",
                ]
            )
            expect(page.get_by_role("heading", name=re.compile("The compile proposed: "))).to_be_visible()
            grade.select_option(label=GRADES[question.code])
            page.get_by_label(re.compile(r"^\s*Rationale\*?\s*$")).fill(
                f"The lead's rationale for {question.code}."
            )
        go(
            journey,
            page.get_by_role("button", name="Save and approve", exact=True),
            f"judgment {question.code} approved",
        )
        expect(page.get_by_role("alert").filter(has_text="saved and approved")).to_be_visible()
        go(journey, inspection_tab(page, "Judgments"), "judgments")

    approved = dict(Judgment.objects.filter(inspection=inspection).values_list("question__code", "grade"))
    assert approved["2"] == approved["0"] == "adequate"
    assert not Judgment.objects.filter(inspection=inspection).exclude(state="approved").exists()

    go(journey, inspection_tab(page, "Report"), "report")
    badges = page.locator(".report .grade-adequate")
    expect(badges.first).to_have_text("Adequate")
    assert badges.count() >= 2  # the overall judgment and core question 2, in the summary table and sections
    expect(badges.first).to_have_css("background-color", "rgb(242, 201, 76)")
