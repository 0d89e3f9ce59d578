"""The crime-list import from the page through a real Celery worker on Redis, sharing the test database
(run by .ci/run): the request returns while the worker imports, and the page then shows the result."""

import io
import time

import pytest
from django.conf import settings
from django.urls import reverse

from peel.models.runs import RunStatus
from reviews.models import CrimeListUpload, FrameCrime
from tests.factories.reviews import csv_bytes, frame_rows, import_rows, inspection_2016

pytestmark = [
    pytest.mark.worker,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(not settings.REDIS_URL, reason="needs Redis and a worker sharing the test database"),
]

TIMEOUT_SECONDS = 90


def test_an_uploaded_crime_list_is_imported_by_the_worker_and_the_page_shows_the_result(client):
    inspection = inspection_2016()
    import_rows(inspection, frame_rows(1, prefix="OLD"))
    client.force_login(inspection.lead)
    page = reverse("reviews:crime_list_import", kwargs={"pk": inspection.pk})
    upload = io.BytesIO(csv_bytes(frame_rows(3_000, prefix="NEW")))
    upload.name = "crimes.csv"

    response = client.post(page, {"crime_list": upload})

    assert response.status_code == 302 and response["Location"] == page
    stored = CrimeListUpload.objects.defer("content").get()
    deadline = time.monotonic() + TIMEOUT_SECONDS
    while stored.is_active and time.monotonic() < deadline:
        time.sleep(0.2)
        stored.refresh_from_db(fields=["status", "error"])
    assert stored.status == RunStatus.SUCCEEDED, stored.error or "still active: is the worker running?"
    frame = FrameCrime.objects.filter(inspection=inspection)
    assert frame.filter(crime_reference__startswith="NEW").count() == 21_000
    assert not frame.filter(crime_reference__startswith="OLD").exists()
    assert "imported 21,000 crimes into the sampling frame" in client.get(page).content.decode()
