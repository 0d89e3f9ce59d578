"""The crime-list import from the page: the upload is stored and imported by a task, the request returns
at once, the page shows the import's progress and then its result (or every problem by row and column),
and the previous frame stays until the new one has committed."""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from peel.models.runs import SILENT_AFTER, RunStatus
from peel.services.background_runs import live_progress_record
from reviews.models import CrimeListUpload, FrameCrime
from reviews.services.frame import crime_list_import
from reviews.services.upload import crime_list_upload_execute
from tests.factories.reviews import csv_bytes, frame_rows, import_rows, inspection_2016
from tests.reviews.test_crime_list_import import xlsx_bytes

pytestmark = pytest.mark.django_db


def page(inspection) -> str:
    return reverse("reviews:crime_list_import", kwargs={"pk": inspection.pk})


def progress_url(inspection, upload) -> str:
    return reverse("reviews:crime_list_import_progress", kwargs={"pk": inspection.pk, "upload_id": upload.pk})


def upload_file(client, inspection, content: bytes, name="crimes.csv", **kwargs):
    """Submit the import form as the page renders it: its one file field, under the name it gives."""
    form = client.get(page(inspection)).content.decode()
    assert 'type="file" name="crime_list"' in form
    upload = io.BytesIO(content)
    upload.name = name
    return client.post(page(inspection), {"crime_list": upload}, **kwargs)


@pytest.fixture
def inspection(client):
    inspection = inspection_2016()
    client.force_login(inspection.lead)
    return inspection


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_on_the_embedded_default_the_lead_uploads_and_sees_the_summary_at_once(client, inspection):
    """No worker: the task runs in the request once the upload has committed, as ``make run`` has it."""
    response = upload_file(client, inspection, csv_bytes(frame_rows(2)), follow=True)

    assert response.redirect_chain[-1][0] == reverse("reviews:sample", kwargs={"pk": inspection.pk})
    assert b"Imported 14 crimes into the sampling frame; excluded 0" in response.content
    upload = CrimeListUpload.objects.get()
    assert upload.status == RunStatus.SUCCEEDED and upload.crime_list.imported == 14
    assert bytes(upload.content) == b""  # the stored file is dropped once imported


def test_the_request_stores_the_file_and_returns_before_the_import_runs(
    client, inspection, django_capture_on_commit_callbacks
):
    import_rows(inspection, frame_rows(1, prefix="OLD"))
    content = csv_bytes(frame_rows(3, prefix="NEW"))

    with django_capture_on_commit_callbacks(execute=False) as queued:
        response = upload_file(client, inspection, content)

    assert response.status_code == 302 and response["Location"] == page(inspection)
    assert len(queued) == 1  # the import task, sent once the upload has committed
    upload = CrimeListUpload.objects.get()
    assert upload.status == RunStatus.QUEUED and upload.open_content().read() == content
    assert upload.gzipped and len(upload.content) < len(content)  # a CSV is stored compressed
    assert upload.size == len(content) and upload.filename == "crimes.csv"
    # Until the task has run, the previous frame is the frame.
    assert (
        set(FrameCrime.objects.values_list("crime_reference", flat=True))
        == {f"OLD/{n:05d}/16" for n in range(7)}
        or FrameCrime.objects.filter(crime_reference__startswith="OLD").count() == 7
    )
    waiting = client.get(page(inspection)).content.decode()
    assert 'role="progressbar"' in waiting
    assert f'hx-get="{progress_url(inspection, upload)}" hx-trigger="every 1s"' in waiting
    assert "The current sampling frame stays in use until this import has finished." in waiting
    assert 'type="file"' not in waiting  # one upload at a time

    queued[0]()

    assert FrameCrime.objects.filter(inspection=inspection, crime_reference__startswith="NEW").count() == 21
    assert not FrameCrime.objects.filter(inspection=inspection, crime_reference__startswith="OLD").exists()


def test_a_refused_file_shows_every_problem_by_row_and_column_and_keeps_the_frame(
    client, inspection, django_capture_on_commit_callbacks
):
    import_rows(inspection, frame_rows(1, prefix="OLD"))
    bad = csv_bytes([("<script>x</script>", "Robbery", "2016-02-30", "N", ""), ("", "Robbery", "x", "N", "")])

    with django_capture_on_commit_callbacks(execute=True):
        posted = upload_file(client, inspection, bad)
    response = client.get(posted["Location"])

    content = response.content.decode()
    assert response.status_code == 200 and posted["Location"] == page(inspection)
    assert "The crime list was not imported: 3 problems" in content
    assert "Row 2, column recorded_date: &#x27;2016-02-30&#x27; is not a real date" in content
    assert "Row 3, column crime_reference: missing" in content
    assert "<script>x" not in content
    assert FrameCrime.objects.filter(inspection=inspection, crime_reference__startswith="OLD").count() == 7
    assert 'type="file" name="crime_list"' in content  # the lead may upload a corrected file
    upload = CrimeListUpload.objects.get()
    assert upload.status == RunStatus.FAILED and len(upload.problems) == 3 and bytes(upload.content) == b""


def test_a_workbook_is_stored_as_it_came(client, inspection, django_capture_on_commit_callbacks):
    workbook = xlsx_bytes(frame_rows(1))

    with django_capture_on_commit_callbacks(execute=False):
        upload_file(client, inspection, workbook, name="crimes.xlsx")

    upload = CrimeListUpload.objects.get()
    assert not upload.gzipped and bytes(upload.content) == workbook


def test_a_damaged_workbook_is_shown_refused_with_its_reason(
    client, inspection, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        upload_file(client, inspection, b"PK\x03\x04 this is no zip", name="crimes.xlsx")
    response = client.get(page(inspection))

    assert "The file looks like an Excel workbook but is damaged." in response.content.decode()


def test_the_progress_shows_rows_read_of_the_estimated_total_and_reloads_the_page_when_done(
    client, inspection, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as queued:
        upload_file(client, inspection, csv_bytes(frame_rows(2)))
    upload = CrimeListUpload.objects.get()
    CrimeListUpload.objects.filter(pk=upload.pk).update(status=RunStatus.RUNNING, heartbeat_at=timezone.now())
    live_progress_record(
        model=CrimeListUpload, run_id=upload.pk, stage="Read 240,000 of about 1,200,000 rows", percent=20
    )

    running = client.get(progress_url(inspection, upload), headers={"HX-Request": "true"})

    assert "Read 240,000 of about 1,200,000 rows…" in running.content.decode()
    assert 'aria-valuenow="20"' in running.content.decode()
    assert "HX-Refresh" not in running
    CrimeListUpload.objects.filter(pk=upload.pk).update(status=RunStatus.QUEUED)
    queued[0]()
    done = client.get(progress_url(inspection, upload), headers={"HX-Request": "true"})
    assert done["HX-Refresh"] == "true" and b"hx-get" not in done.content
    assert b"imported 14 crimes into the sampling frame" in done.content


def test_the_import_reports_rows_read_and_bytes_read_as_it_goes():
    inspection = inspection_2016()
    content = csv_bytes(frame_rows(1) + [(f"X/{n}", "Theft", "2016-02-01", "N", "") for n in range(25_000)])
    seen = []

    crime_list_import(
        inspection=inspection,
        file=io.BytesIO(content),
        filename="crimes.csv",
        progress=lambda rows, read: seen.append((rows, read)),
    )

    assert [rows for rows, _ in seen] == [10_000, 20_000]
    assert 0 < seen[0][1] < seen[1][1] <= len(content)
    # About one fifth of the way at row 10,000 of 25,008: the bytes estimate the total rows.
    assert 0.3 < seen[0][1] / len(content) < 0.5


def test_a_second_upload_while_one_is_being_imported_is_refused(
    client, inspection, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        upload_file(client, inspection, csv_bytes(frame_rows(1)), name="first.csv")
        response = client.post(
            page(inspection), {"crime_list": named(csv_bytes(frame_rows(2)), "second.csv")}
        )

    assert response.status_code == 400
    assert "first.csv is still being imported." in response.content.decode()
    assert CrimeListUpload.objects.count() == 1


def named(content: bytes, name: str):
    upload = io.BytesIO(content)
    upload.name = name
    return upload


def test_an_upload_whose_worker_went_silent_is_shown_abandoned_and_another_may_start(
    client, inspection, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        upload_file(client, inspection, csv_bytes(frame_rows(1)), name="lost.csv")
    lost = CrimeListUpload.objects.get()
    silent_since = timezone.now() - SILENT_AFTER - datetime.timedelta(seconds=1)
    CrimeListUpload.objects.filter(pk=lost.pk).update(
        status=RunStatus.RUNNING, started_at=silent_since, heartbeat_at=silent_since
    )

    shown = client.get(page(inspection)).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        upload_file(client, inspection, csv_bytes(frame_rows(2)), name="again.csv")
    response = client.get(page(inspection))

    assert "Abandoned: its worker stopped sending a heartbeat" in shown
    assert 'type="file" name="crime_list"' in shown
    assert b"imported 14 crimes into the sampling frame" in response.content
    lost.refresh_from_db()
    assert lost.status == RunStatus.FAILED and lost.error.startswith("Abandoned: its worker stopped")


def test_a_redelivered_task_for_an_imported_upload_changes_nothing(
    client, inspection, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        upload_file(client, inspection, csv_bytes(frame_rows(1)))
    upload = CrimeListUpload.objects.get()
    frame = list(FrameCrime.objects.values_list("pk", flat=True))

    again = crime_list_upload_execute(upload_id=upload.pk)

    assert again.status == RunStatus.SUCCEEDED and again.attempts == 1
    assert list(FrameCrime.objects.values_list("pk", flat=True)) == frame


def test_a_team_inspector_cannot_upload_a_crime_list(client, inspection):
    client.force_login(inspection.team.first())

    response = client.post(page(inspection), {"crime_list": named(csv_bytes(frame_rows(1)), "crimes.csv")})

    assert response.status_code == 403
    assert not CrimeListUpload.objects.exists()
    assert FrameCrime.objects.filter(inspection=inspection).count() == 0
