"""Publication in a real browser, on the real stack (PostgreSQL, the PDF rendered by a real Celery
worker): the lead reads the pre-publication checklist and submits the report for sign-off → the HM
Inspector returns it with a comment → the lead reads the comment and submits again → the HM Inspector
signs it off → the lead publishes it with a publication date and, once the worker has rendered it,
downloads the stored PDF, which carries the date and no draft marks. Every page is scanned with
axe-core."""

import datetime
import re
import shutil
import subprocess

import pytest
from playwright.sync_api import expect

from publication.models import Publication
from tests.factories.users import PASSWORD, lead
from tests.publication.builders import approved_inspection

pytestmark = [
    pytest.mark.browser,
    pytest.mark.worker,  # the published PDF is rendered by the real worker
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

FORCE = "Cleveland Police"
COMMENT = "Say how the force supports victims of stalking."


def go(journey, locator, label: str) -> None:
    with journey.page.expect_navigation():
        locator.click()
    journey.step(label)
    journey.assert_accessible()


def button(page, name: str):
    return page.get_by_role("button", name=name, exact=True)


def alert(page, text: str):
    return page.get_by_role("alert").filter(has_text=text)


def open_report(journey, username: str) -> None:
    journey.login(username, PASSWORD)
    page = journey.page
    go(journey, page.get_by_role("table").get_by_role("link", name=FORCE), f"overview for {username}")
    go(
        journey,
        page.get_by_role("navigation", name="Inspection").get_by_role("link", name="Report", exact=True),
        f"report for {username}",
    )


def test_a_report_is_returned_resubmitted_signed_off_and_published_with_its_stored_pdf(journey):
    inspection = approved_inspection(lead=lead(username="lee", first_name="Lee", last_name="Lead"))
    hmi = inspection.hmi.username
    page = journey.page

    open_report(journey, "lee")
    checklist = page.locator("#checklist")
    expect(checklist).to_contain_text("Pre-publication checklist")
    expect(checklist).to_contain_text("Every judgment, summary of findings")
    go(journey, button(page, "Submit for sign-off"), "submitted")
    expect(alert(page, "for sign-off")).to_be_visible()
    journey.logout()

    open_report(journey, hmi)
    go(journey, page.get_by_role("link", name="Sign off or return…"), "sign-off page")
    page.get_by_label("Comments").fill(COMMENT)
    go(journey, button(page, "Return with comments"), "returned")
    journey.logout()

    open_report(journey, "lee")
    expect(page.locator("#hmi-comments")).to_contain_text(COMMENT)
    go(journey, button(page, "Submit for sign-off"), "submitted again")
    journey.logout()

    open_report(journey, hmi)
    go(journey, page.get_by_role("link", name="Sign off or return…"), "sign-off page again")
    go(journey, button(page, "Sign off"), "signed off")
    expect(alert(page, "You signed the report off")).to_be_visible()
    journey.logout()

    open_report(journey, "lee")
    go(journey, page.get_by_role("link", name="Publish…"), "publish confirmation")
    page.get_by_label(re.compile(r"^\s*Publication date")).fill("2017-03-02")
    go(journey, button(page, "Publish the report"), "published")
    # The page shows the render's progress; a fast worker may already have finished and htmx reloaded
    # the page (so the "Published version 1" message may be gone by now).
    expect(page.get_by_text("This inspection is published")).to_be_visible()
    download_link = page.get_by_role("link", name="Download PDF (version 1)")
    expect(download_link).to_be_visible(timeout=90_000)  # htmx reloads the page once the worker is done
    page.wait_for_load_state()
    journey.step("PDF stored")
    with page.expect_download() as download:
        download_link.click()

    path = download.value.path()
    stored = Publication.objects.get(inspection=inspection)
    with open(path, "rb") as pdf:
        assert pdf.read() == bytes(stored.pdf)
    assert stored.published_on == datetime.date(2017, 3, 2)
    text = subprocess.run([shutil.which("pdftotext"), str(path), "-"], capture_output=True, text=True).stdout
    assert "March 2017" in text
    assert "Draft" not in text
    expect(page.get_by_text("This inspection is published")).to_be_visible()
