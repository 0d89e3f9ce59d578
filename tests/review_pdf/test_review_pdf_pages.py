"""The PDF of a file's review from the file's page: the button a worker answers (never a render in the
request), the progress while it renders, the download once it is ready, a new PDF once the review
changes, and each person's own view of the file only."""

import pytest
from django.db import reset_queries
from django.test import TestCase
from django.urls import reverse

from peel.models.rendered_pdfs import RenderStatus
from review_pdf.models import ReviewPdf
from reviews.models import Review, ReviewKind
from reviews.services.discussion import message_post
from reviews.services.moderation import review_return
from tests.factories.users import hmi, inspector, liaison
from tests.forms_in_html import forms_in
from tests.review_pdf.builders import reviewed_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def case_file():
    return reviewed_file()


def file_url(case_file) -> str:
    return reverse("reviews:file_detail", kwargs={"pk": case_file.inspection_id, "file_id": case_file.pk})


def prepare_url(case_file) -> str:
    return reverse("review_pdf:prepare", kwargs={"pk": case_file.inspection_id, "file_id": case_file.pk})


def pdf_url(case_file, row, name="download") -> str:
    return reverse(
        f"review_pdf:{name}",
        kwargs={"pk": case_file.inspection_id, "file_id": case_file.pk, "pdf_id": row.pk},
    )


def press_prepare(client, case_file, *, worker_runs: bool = True):
    """Press "Prepare PDF" on the file's page, submitting the form as rendered; the worker's turn comes
    when the request commits (in process, as the settings run tasks without a broker)."""
    html = client.get(file_url(case_file)).content.decode()
    [form] = [form for form in forms_in(html) if form.action("") == prepare_url(case_file)]
    assert "Prepare PDF</button>" in html and len(form.buttons) == 1
    with TestCase.captureOnCommitCallbacks(execute=worker_runs):
        response = client.post(form.action(""), form.submission())
    assert response.status_code == 302 and response["Location"] == file_url(case_file) + "#review-pdf"
    return client.get(file_url(case_file)).content.decode()


def test_the_files_page_offers_to_prepare_the_pdf_and_renders_none_itself(client, case_file):
    client.force_login(case_file.inspection.lead)

    html = client.get(file_url(case_file)).content.decode()

    assert "Prepare PDF" in html and "Download as PDF" not in html
    assert not ReviewPdf.objects.exists()


def test_the_prepared_pdf_is_offered_for_download_and_downloads(client, case_file):
    client.force_login(case_file.inspection.lead)

    page = press_prepare(client, case_file)

    row = ReviewPdf.objects.get(case_file=case_file)
    assert row.status == RenderStatus.READY and row.scope == "lead"
    assert "Download as PDF" in page and pdf_url(case_file, row) in page
    response = client.get(pdf_url(case_file, row))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF") and response["X-Content-SHA256"] == row.pdf_sha256
    reference = case_file.crime.crime_reference.replace("/", "")
    assert f'filename="review-{reference.lower()}.pdf"' in response["Content-Disposition"]


def test_while_the_worker_renders_the_page_shows_its_progress_and_polls_for_it(client, case_file):
    client.force_login(case_file.inspection.lead)

    page = press_prepare(client, case_file, worker_runs=False)

    row = ReviewPdf.objects.get(case_file=case_file)
    progress_url = pdf_url(case_file, row, "progress")
    assert row.status == RenderStatus.QUEUED
    assert 'role="progressbar"' in page and f'hx-get="{progress_url}"' in page
    assert "Waiting for a worker" in client.get(progress_url).content.decode()
    assert client.get(progress_url, headers={"HX-Request": "true"}).get("HX-Refresh") is None

    ReviewPdf.objects.filter(pk=row.pk).update(status=RenderStatus.RUNNING)
    assert "Rendering the PDF" in client.get(progress_url).content.decode()

    row.pdf_stored(b"%PDF-1.7 rendered")
    row.save()
    done = client.get(progress_url, headers={"HX-Request": "true"})
    assert done["HX-Refresh"] == "true"  # the page reloads to show the download link
    assert "Download as PDF" in done.content.decode()


def test_a_second_press_while_nothing_changed_serves_the_stored_pdf_without_rendering_again(
    client, case_file
):
    client.force_login(case_file.inspection.lead)
    html = client.get(file_url(case_file)).content.decode()  # a second tab keeps the button
    press_prepare(client, case_file)
    first = ReviewPdf.objects.get(case_file=case_file)
    [form] = [form for form in forms_in(html) if form.action("") == prepare_url(case_file)]

    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(form.action(""), form.submission())

    again = ReviewPdf.objects.get(case_file=case_file)
    assert (again.pk, again.finished_at, again.pdf_sha256) == (first.pk, first.finished_at, first.pdf_sha256)
    assert "Prepare PDF</button>" not in client.get(file_url(case_file)).content.decode()


@pytest.mark.parametrize("change", ["review returned", "message posted"])
def test_once_the_review_changes_the_old_pdf_is_no_longer_offered_as_current(client, case_file, change):
    lead = case_file.inspection.lead
    client.force_login(lead)
    press_prepare(client, case_file)
    old = ReviewPdf.objects.get(case_file=case_file)
    if change == "review returned":
        second = Review.objects.get(case_file=case_file, kind=ReviewKind.SECOND)
        review_return(
            inspection=case_file.inspection, review_id=second.pk, user=lead, comment="Look again at C02."
        )
    else:
        message_post(inspection=case_file.inspection, case_file=case_file, author=lead, body="And C03?")

    page = client.get(file_url(case_file)).content.decode()
    download = client.get(pdf_url(case_file, old))

    assert "Download as PDF" not in page and "out of date" in page and "Prepare PDF" in page
    assert download.status_code == 302 and download["Location"].endswith("#review-pdf")
    page = press_prepare(client, case_file)
    assert not ReviewPdf.objects.filter(pk=old.pk).exists()  # the stale one is dropped
    assert "Download as PDF" in page


def test_a_reviewer_gets_their_own_pdf_and_never_the_leads(client, case_file):
    client.force_login(case_file.inspection.lead)
    press_prepare(client, case_file)
    leads = ReviewPdf.objects.get(case_file=case_file)
    client.force_login(case_file.second_reviewer)

    page = client.get(file_url(case_file)).content.decode()
    assert "Download as PDF" not in page and pdf_url(case_file, leads) not in page
    download = client.get(pdf_url(case_file, leads))
    progress = client.get(pdf_url(case_file, leads, "progress"))
    press_prepare(client, case_file)

    assert download.status_code == 302 and not download.content.startswith(b"%PDF")
    assert progress.status_code == 404
    own = ReviewPdf.objects.exclude(pk=leads.pk).get(case_file=case_file)
    assert own.scope == f"reviewer-{case_file.second_reviewer.pk}"
    assert client.get(pdf_url(case_file, own)).content.startswith(b"%PDF")


def test_the_hm_inspector_who_reads_no_review_of_the_file_is_offered_no_pdf(client, case_file):
    inspection = case_file.inspection
    inspection.hmi = hmi()
    inspection.save()
    client.force_login(inspection.hmi)

    page = client.get(file_url(case_file)).content.decode()
    response = client.post(prepare_url(case_file))

    assert page.count("Prepare PDF") == 0
    assert response.status_code == 302 and not ReviewPdf.objects.exists()


@pytest.mark.parametrize("who", ["outsider", "liaison"])
def test_outsiders_and_force_liaisons_get_404_as_on_the_files_page(client, case_file, who):
    client.force_login(case_file.inspection.lead)
    press_prepare(client, case_file)
    row = ReviewPdf.objects.get(case_file=case_file)
    client.force_login(inspector() if who == "outsider" else liaison(force=case_file.inspection.force))

    assert client.get(file_url(case_file)).status_code == 404
    assert client.post(prepare_url(case_file)).status_code == 404
    assert client.get(pdf_url(case_file, row)).status_code == 404
    assert client.get(pdf_url(case_file, row, "progress")).status_code == 404


def test_a_file_of_another_inspection_is_not_found(client, case_file):
    other = reviewed_file()
    client.force_login(case_file.inspection.lead)
    press_prepare(client, case_file)
    row = ReviewPdf.objects.get(case_file=case_file)
    url = reverse(
        "review_pdf:download", kwargs={"pk": case_file.inspection_id, "file_id": other.pk, "pdf_id": row.pk}
    )

    assert client.get(url).status_code == 404


def test_the_panel_reads_a_fixed_number_of_queries_however_much_the_file_holds(
    client, case_file, django_assert_max_num_queries
):
    lead = case_file.inspection.lead
    client.force_login(lead)
    press_prepare(client, case_file)
    reset_queries()  # building the file logged more queries than Django keeps, which hides the count
    with django_assert_max_num_queries(40) as before:
        client.get(file_url(case_file))
    few = len(before)  # now: the count is read from the query log, which is cleared below

    for number in range(5):
        message_post(
            inspection=case_file.inspection, case_file=case_file, author=lead, body=f"Question {number}"
        )
    press_prepare(client, case_file)
    reset_queries()

    with django_assert_max_num_queries(few):
        assert "Download as PDF" in client.get(file_url(case_file)).content.decode()
