"""The draft PDF: prepared by a worker (never in the request that shows the page), kept under the digest
of its document so unchanged content is served at once, marked as a draft, and rendered within a time
limit."""

import datetime
import shutil
import subprocess

import pytest
from django.conf import settings
from django.test import TestCase
from django.urls import reverse

from peel.models import FindingSummary
from peel.models.rendered_pdfs import RenderStatus
from publication.models import DraftPdf, Publication
from publication.selectors import report_content_digest
from publication.services.publishing import publication_publish, sign_off_approve, sign_off_submit
from publication.tasks import render_draft_pdf_task, render_published_pdf_task
from tests.publication.builders import approved_inspection
from tests.publication.html_forms import form_with_button

pytestmark = pytest.mark.django_db


@pytest.fixture
def inspection():
    return approved_inspection()


def prepare(client, inspection):
    client.force_login(inspection.team.first())
    html = client.get(reverse("publication:report", kwargs={"pk": inspection.pk})).content.decode()
    form = form_with_button(html, "Prepare PDF of the draft")
    with TestCase.captureOnCommitCallbacks(execute=True):  # the worker's turn, when the request commits
        client.post(form.action, form.submission("Prepare PDF of the draft"))
    return client.get(reverse("publication:report", kwargs={"pk": inspection.pk}))


def test_the_report_page_offers_to_prepare_the_pdf_and_renders_none_itself(client, inspection):
    client.force_login(inspection.lead)

    html = client.get(reverse("publication:report", kwargs={"pk": inspection.pk})).content.decode()
    download = client.get(reverse("publication:report_pdf", kwargs={"pk": inspection.pk}))

    assert "Prepare PDF of the draft" in html
    assert download.status_code == 302 and download["Location"].endswith("/report/#report-pdf")
    assert not DraftPdf.objects.exists()


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_the_prepared_pdf_is_a_draft_and_is_offered_for_download(client, inspection, tmp_path):
    page = prepare(client, inspection).content.decode()
    draft = DraftPdf.objects.get(inspection=inspection)

    response = client.get(reverse("publication:report_pdf", kwargs={"pk": inspection.pk}))
    path = tmp_path / "draft.pdf"
    path.write_bytes(response.content)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout

    assert draft.status == RenderStatus.READY
    assert "Download draft PDF" in page
    assert response["X-Content-SHA256"] == draft.pdf_sha256
    assert "Draft" in text
    assert 'filename="cleveland-peel-effectiveness-2016-draft.pdf"' in response["Content-Disposition"]


def test_unchanged_content_is_served_from_the_stored_pdf_without_rendering_again(client, inspection):
    prepare(client, inspection)
    first = DraftPdf.objects.get(inspection=inspection)

    prepare(client, inspection)

    again = DraftPdf.objects.get(inspection=inspection)
    assert (again.pk, again.finished_at, again.pdf_sha256) == (first.pk, first.finished_at, first.pdf_sha256)


def test_changed_content_is_rendered_again_and_the_stale_pdf_dropped(client, inspection):
    prepare(client, inspection)
    first = DraftPdf.objects.get(inspection=inspection)
    FindingSummary.objects.filter(inspection=inspection, question__code="1").update(text="New words.")

    prepare(client, inspection)

    current = DraftPdf.objects.get(inspection=inspection)
    assert current.document_digest != first.document_digest
    assert current.is_ready


def test_a_render_that_fails_says_why_on_the_page(client, inspection):
    draft = DraftPdf.objects.create(inspection=inspection, document_digest="f" * 64, document_html="<p>x</p>")
    DraftPdf.objects.filter(pk=draft.pk).update(status=RenderStatus.FAILED, error="It took too long.")
    client.force_login(inspection.lead)

    progress = client.get(
        reverse("publication:draft_pdf_progress", kwargs={"pk": inspection.pk, "draft_id": draft.pk})
    )

    assert "The PDF could not be prepared." in progress.content.decode()
    assert "It took too long." in progress.content.decode()


def test_the_pdf_tasks_run_within_the_configured_time_limits():
    for task in (render_draft_pdf_task, render_published_pdf_task):
        assert task.soft_time_limit == settings.PDF_SOFT_TIME_LIMIT
        assert task.time_limit == settings.PDF_TIME_LIMIT
        assert task.soft_time_limit < task.time_limit


def test_a_failed_published_pdf_is_rendered_again_by_the_lead_and_a_get_writes_nothing(client):
    inspection = approved_inspection()
    digest = report_content_digest(inspection=inspection)
    sign_off = sign_off_submit(inspection=inspection, user=inspection.lead, digest=digest)
    sign_off_approve(inspection=inspection, user=inspection.hmi, sign_off_id=sign_off.pk, digest=digest)
    publication = publication_publish(
        inspection=inspection,
        user=inspection.lead,
        published_on=datetime.date(2017, 3, 2),
        sign_off_id=sign_off.pk,
        digest=digest,
    )
    Publication.objects.filter(pk=publication.pk).update(status=RenderStatus.FAILED, error="Stopped.")
    client.force_login(inspection.lead)
    version = {"pk": inspection.pk, "version": 1}

    client.get(reverse("publication:version_pdf", kwargs=version))
    assert Publication.objects.get(pk=publication.pk).status == RenderStatus.FAILED
    html = client.get(reverse("publication:report", kwargs={"pk": inspection.pk})).content.decode()
    form = form_with_button(html, "Render it again")
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(form.action, form.submission("Render it again"))

    assert Publication.objects.get(pk=publication.pk).is_ready
