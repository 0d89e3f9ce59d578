"""The PDF of a file's review in a real browser, on the real stack (in CI the PDF is rendered by a real
Celery worker): the lead presses "Prepare PDF" on the file's page, follows the progress bar until htmx
reloads the page, and downloads the PDF, which holds the answers' labels and the reviewers' notes."""

import shutil
import subprocess

import pytest
from playwright.sync_api import expect

from review_pdf.models import ReviewPdf
from tests.factories.users import PASSWORD
from tests.review_pdf.builders import FIRST_NOTE, REASON, SECOND_NOTE, reviewed_file

pytestmark = [
    pytest.mark.browser,
    pytest.mark.worker,  # the PDF is rendered by the real worker
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_the_lead_prepares_the_pdf_of_a_files_review_follows_its_progress_and_downloads_it(journey):
    case_file = reviewed_file()
    journey.login(case_file.inspection.lead.username, PASSWORD)
    journey.goto(f"/inspections/{case_file.inspection_id}/files/{case_file.pk}/")
    page = journey.page
    panel = page.locator("#review-pdf")
    expect(panel.get_by_role("heading", name="PDF of this file's review")).to_be_visible()
    journey.assert_accessible()

    with page.expect_navigation():
        panel.get_by_role("button", name="Prepare PDF").click()
    journey.step("prepare pressed")
    # The progress bar, unless a fast worker has already finished and htmx reloaded the page.
    download_link = panel.get_by_role("link", name="Download as PDF")
    expect(page.get_by_role("progressbar").or_(download_link)).to_be_visible()
    expect(download_link).to_be_visible(timeout=90_000)
    page.wait_for_load_state()
    journey.step("PDF ready")
    journey.assert_accessible()
    with page.expect_download() as download:
        download_link.click()

    path = download.value.path()
    stored = ReviewPdf.objects.get(case_file=case_file)
    with open(path, "rb") as pdf:
        assert pdf.read() == bytes(stored.pdf)
    assert download.value.suggested_filename.startswith(
        "review-"
    ) and download.value.suggested_filename.endswith(".pdf")
    text = " ".join(
        subprocess.run(
            [shutil.which("pdftotext"), str(path), "-"], capture_output=True, text=True
        ).stdout.split()
    )
    assert FIRST_NOTE in text and SECOND_NOTE in text and REASON in text
    assert " Yes " in text and " No " in text
