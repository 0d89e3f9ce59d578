"""Writing the report in a real browser: the lead sets up the sections and assigns two of them to two
inspectors; each writes theirs (a sub-heading, a nested list, a footnote, a file-review result inserted
with its button) and marks it ready for review; the lead compares two versions, approves both, and the
report shows them. Every page is scanned with axe-core; screenshots at 1366 and 375 px are kept in
/work/notes/shots when that folder exists."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from authoring.models import ReportSection, SectionStatus
from peel.models import Criterion
from reports.models import CriterionResult
from tests.factories.inspections import inspection_with_drafts
from tests.factories.users import PASSWORD, inspector, lead

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

FORCE = "Cleveland Police"
SHOTS = Path("/work/notes/shots")


def go(journey, locator, label: str) -> None:
    with journey.page.expect_navigation():
        locator.click()
    journey.step(label)
    journey.assert_accessible()


def shoot(journey, name: str) -> None:
    """The page at 1366 and at 375 px wide, for a person to look at; neither scrolls sideways."""
    if not SHOTS.is_dir():
        return
    page = journey.page
    for width in (1366, 375):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(SHOTS / f"authoring-{name}-{width}.png"), full_page=True)
        assert page.evaluate("document.documentElement.scrollWidth") <= width, f"{name} scrolls at {width}"
    page.set_viewport_size({"width": 1280, "height": 900})


def open_writing(journey, username: str) -> None:
    journey.login(username, PASSWORD)
    page = journey.page
    go(journey, page.get_by_role("table").get_by_role("link", name=FORCE), f"overview for {username}")
    go(
        journey,
        page.get_by_role("navigation", name="Inspection").get_by_role("link", name="Writing"),
        "writing",
    )


def write_section(journey, username: str, title: str, text: str, *, code: str, footnote: str) -> None:
    open_writing(journey, username)
    page = journey.page
    go(journey, page.get_by_role("link", name=title), f"{username} opens {title}")
    editor = page.get_by_label("Text")
    editor.fill(text)
    editor.press("Control+End")
    page.get_by_role("button", name=f"Insert result {code}").click()
    editor.type(f" of the files met it.\n\n[^1]: {footnote}")
    go(journey, page.get_by_role("button", name="Preview"), "preview")
    expect(page.get_by_role("heading", name="Preview (not saved)")).to_be_visible()
    go(journey, page.get_by_role("button", name="Save", exact=True), "saved")
    expect(page.get_by_role("alert").filter(has_text="The section was saved.")).to_be_visible()
    editor.fill(editor.input_value().replace("works", "works well"))
    go(journey, page.get_by_role("button", name="Save and mark ready for review"), "ready")
    expect(page.get_by_text("Ready for review").first).to_be_visible()
    journey.logout()


def test_a_lead_and_two_inspectors_write_review_and_approve_sections_that_the_report_shows(journey):
    first, second = inspector(username="ines"), inspector(username="ivan", first_name="Ivan")
    inspection = inspection_with_drafts(lead=lead(username="lee", first_name="Lee"), team=[first, second])
    codes = {}
    for question in ("2.1", "2.2"):
        criterion = Criterion.objects.filter(programme=inspection.programme, questions__code=question).first()
        CriterionResult.objects.create(
            inspection=inspection, criterion=criterion, n=60, yes=36, partly=4, no=20, not_known=0,
            proportion_met="0.6000", threshold="0.800",
        )  # fmt: skip
        codes[question] = criterion.code
    page = journey.page

    open_writing(journey, "lee")
    go(journey, page.get_by_role("button", name="Set up the sections"), "sections set up")
    titles = dict(ReportSection.objects.filter(inspection=inspection).values_list("key", "title"))
    go(journey, page.get_by_role("link", name="Assign authors"), "authors")
    page.get_by_label(titles["q-2.1"]).select_option(label=first.get_full_name())
    page.get_by_label(titles["q-2.2"]).select_option(label=second.get_full_name())
    go(journey, page.get_by_role("button", name="Save authors"), "authors saved")
    shoot(journey, "writing")
    journey.logout()

    body = (
        "The force works with partners to investigate crime.[^1]\n\n"
        "### Investigation standards\n\n"
        "- Supervision:\n  - of handovers\n  - of investigations\n- Victims' Code\n\nIn our file review, "
    )
    write_section(journey, "ines", titles["q-2.1"], body, code=codes["2.1"], footnote="HMIC, PEEL 2015.")
    write_section(journey, "ivan", titles["q-2.2"], body, code=codes["2.2"], footnote="HMIC, 2016.")

    open_writing(journey, "lee")
    go(journey, page.get_by_role("link", name=titles["q-2.2"]), "lead opens 2.2")
    shoot(journey, "section")
    go(journey, page.get_by_role("link", name="Versions"), "versions")
    go(journey, page.get_by_role("button", name="Show the difference"), "difference")
    expect(page.locator(".difference ins")).to_have_text(" well")
    shoot(journey, "history")
    go(journey, page.get_by_role("link", name="2.2", exact=True), "back to 2.2")
    go(journey, page.get_by_role("button", name="Approve", exact=True), "2.2 approved")
    go(
        journey,
        page.get_by_role("navigation", name="Inspection").get_by_role("link", name="Writing"),
        "writing",
    )
    go(journey, page.get_by_role("link", name=titles["q-2.1"]), "lead opens 2.1")
    go(journey, page.get_by_role("button", name="Approve", exact=True), "2.1 approved")
    go(
        journey,
        page.get_by_role("navigation", name="Inspection").get_by_role("link", name="Report"),
        "report",
    )

    report = page.locator('[id="q2.1"]')
    expect(report.get_by_role("heading", name="Investigation standards")).to_be_visible()
    expect(report.locator(".narrative > p").last).to_have_text(
        "In our file review, 36 of 60 files (60%) of the files met it."
    )
    expect(page.locator('[id="q2.2"] .footnote-item')).to_have_attribute(
        "id", "fn2"
    )  # numbered across sections
    shoot(journey, "report")
    statuses = ReportSection.objects.filter(inspection=inspection, key__in=["q-2.1", "q-2.2"])
    assert {s.status for s in statuses} == {SectionStatus.APPROVED}
