"""The crime-list import from the page, as background work: the upload is stored, a worker imports it.

The web request only stores the file (in the database, which the web processes and the workers share)
and queues the task when that commits, so it returns at once whatever the file's size. The worker runs
``crime_list_import`` in one transaction: the previous sampling frame stays, and is what every page
shows, until the new one commits; a refused file leaves it untouched. While the import runs, its rows
read (and the estimated total, from the bytes read so far) go to the live progress, and the worker keeps
the upload's heartbeat; an upload whose worker went silent is abandoned and another may be made at once
(``peel.models.runs``). A redelivered task for an upload already ended does nothing.
"""

import gzip
import io
import logging

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from peel.models import Inspection
from peel.models.runs import ACTIVE_RUN_STATUSES, RunStatus
from peel.services.background_runs import heartbeat, live_progress_clear, live_progress_record
from reviews.crime_list import XLSX_MAGIC
from reviews.models import CrimeListUpload, SampleDraw
from reviews.services.frame import crime_list_import
from reviews.services.refusals import Refused

logger = logging.getLogger(__name__)

_ALREADY_DRAWN = (
    "The sample has already been drawn from the current crime list, so it cannot be replaced. "
    "Nothing was imported."
)


def crime_list_upload_store(*, inspection: Inspection, upload: UploadedFile, user) -> CrimeListUpload:
    """Keep the uploaded file and queue its import. Refused once the sample is drawn, or while another
    upload of the inspection is still being imported."""
    from reviews.tasks import crime_list_import_task  # the task module imports this one

    if SampleDraw.objects.filter(inspection=inspection).exists():
        raise Refused(_ALREADY_DRAWN)
    content, gzipped = _stored_bytes(upload)
    try:
        with transaction.atomic():
            _abandoned_uploads_close(inspection=inspection)
            stored = CrimeListUpload.objects.create(
                inspection=inspection,
                requested_by=user,
                filename=upload.name[:255],
                size=upload.size,
                content=content,
                gzipped=gzipped,
                stage="Waiting for a worker",
            )
            transaction.on_commit(lambda: _enqueue(task=crime_list_import_task, upload_id=stored.pk))
    except IntegrityError:  # the partial unique constraint: one upload of the inspection is still active
        active = CrimeListUpload.objects.defer("content").filter(
            inspection=inspection, status__in=ACTIVE_RUN_STATUSES
        )
        name = next((upload.filename for upload in active), "another file")
        raise Refused(
            f"{name} is still being imported. Wait for it to finish (its progress is shown below), "
            "then upload again if needed."
        ) from None
    return stored


def _stored_bytes(upload: UploadedFile) -> tuple[bytes, bool]:
    """The upload's bytes as stored, and whether gzipped: a workbook (a zip) as it came, anything else
    (a CSV) compressed, chunk by chunk, at the fastest level."""
    upload.seek(0)
    if upload.read(4) == XLSX_MAGIC:
        upload.seek(0)
        return b"".join(upload.chunks()), False
    upload.seek(0)
    compressed = io.BytesIO()
    with gzip.GzipFile(fileobj=compressed, mode="wb", compresslevel=1, mtime=0) as archive:
        for chunk in upload.chunks():
            archive.write(chunk)
    return compressed.getvalue(), True


def _abandoned_uploads_close(*, inspection: Inspection) -> None:
    """Mark failed an active upload whose worker is gone, so it no longer blocks a new one."""
    active = CrimeListUpload.objects.defer("content").filter(
        inspection=inspection, status__in=ACTIVE_RUN_STATUSES
    )
    for lost in active:
        if lost.is_abandoned:
            CrimeListUpload.objects.filter(pk=lost.pk, status=lost.status).update(
                status=RunStatus.FAILED,
                stage="Abandoned",
                error=f"{lost.abandonment_reason()} Nothing of it was imported.",
                content=b"",
                finished_at=timezone.now(),
            )


def _enqueue(*, task, upload_id: int) -> None:
    """Send the task. If the broker cannot be reached the upload fails at once with the reason; on the
    embedded default the task runs right here and has already recorded how it ended."""
    try:
        task.delay(upload_id)
    except Exception as error:
        logger.exception("crime-list upload %s could not be imported", upload_id)
        _upload_end(
            upload_id=upload_id,
            status=RunStatus.FAILED,
            stage="Failed",
            error=f"The import could not be run: {str(error) or type(error).__name__}"[:2000],
        )


def crime_list_upload_execute(*, upload_id: int) -> CrimeListUpload:
    """Import a stored upload (the task's work). Safe to run twice: an upload already ended is returned."""
    now = timezone.now()
    claimed = CrimeListUpload.objects.filter(pk=upload_id, status__in=ACTIVE_RUN_STATUSES).update(
        status=RunStatus.RUNNING,
        started_at=now,
        heartbeat_at=now,
        attempts=F("attempts") + 1,
        stage="Reading the file",
        progress=0,
        rows_read=0,
        error="",
    )
    if not claimed:
        return CrimeListUpload.objects.defer("content").get(pk=upload_id)
    upload = CrimeListUpload.objects.select_related("inspection", "requested_by").get(pk=upload_id)

    def progress(rows: int, bytes_read: int) -> None:
        estimate = rows * upload.size // max(bytes_read, 1)
        live_progress_record(
            model=CrimeListUpload,
            run_id=upload_id,
            stage=f"Read {rows:,} of about {max(estimate, rows):,} rows",
            percent=min(99, bytes_read * 100 // max(upload.size, 1)),
        )

    try:
        with heartbeat(model=CrimeListUpload, run_id=upload_id):
            result = crime_list_import(
                inspection=upload.inspection,
                file=upload.open_content(),
                filename=upload.filename,
                user=upload.requested_by,
                progress=progress,
            )
    except Refused as refused:
        _upload_end(
            upload_id=upload_id,
            status=RunStatus.FAILED,
            stage="Refused",
            error=refused.message,
            problems=refused.lines,
        )
    except Exception as error:
        _upload_end(
            upload_id=upload_id,
            status=RunStatus.FAILED,
            stage="Failed",
            error=f"The import failed: {str(error) or type(error).__name__}"[:2000],
        )
        raise
    else:
        _upload_end(
            upload_id=upload_id,
            status=RunStatus.SUCCEEDED,
            stage=result.summary[:120],
            progress=100,
            rows_read=result.crime_list.rows_read,
            crime_list=result.crime_list,
        )
    finally:
        live_progress_clear(model=CrimeListUpload, run_id=upload_id)
    return CrimeListUpload.objects.defer("content").get(pk=upload_id)


def _upload_end(*, upload_id: int, **changes) -> None:
    """Record how the upload ended and drop its bytes (only if still active: never over a later end)."""
    CrimeListUpload.objects.filter(pk=upload_id, status__in=ACTIVE_RUN_STATUSES).update(
        content=b"", finished_at=timezone.now(), **changes
    )
