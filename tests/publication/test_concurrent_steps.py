"""Two people taking the same step at the same moment (PostgreSQL, real concurrent transactions): the
inspection row is locked, so one succeeds and the other is refused with a message."""

import datetime
import threading

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection

from publication.models import Publication, SignOff
from publication.selectors import report_content_digest
from publication.services.publishing import publication_publish, sign_off_approve, sign_off_submit
from tests.publication.builders import approved_inspection

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        "postgresql" not in settings.DATABASES["default"]["ENGINE"],
        reason="needs concurrent transactions (PostgreSQL)",
    ),
]


def at_once(step, times: int = 2) -> list[str]:
    """Run ``step`` in ``times`` threads released together; what each got ("ok" or the refusal)."""
    barrier, results = threading.Barrier(times), []

    def run():
        barrier.wait()
        try:
            step()
            results.append("ok")
        except ValidationError as error:
            results.append(" ".join(error.messages))
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_two_submissions_at_once_make_one_sign_off_request():
    inspection = approved_inspection()
    digest = report_content_digest(inspection=inspection)

    results = at_once(lambda: sign_off_submit(inspection=inspection, user=inspection.lead, digest=digest))

    assert sorted(results) == [
        "The report is already with the HM Inspector, waiting for their sign-off.",
        "ok",
    ]
    assert SignOff.objects.filter(inspection=inspection).count() == 1


def test_two_publications_at_once_publish_one_version():
    inspection = approved_inspection()
    digest = report_content_digest(inspection=inspection)
    sign_off = sign_off_submit(inspection=inspection, user=inspection.lead, digest=digest)
    sign_off_approve(inspection=inspection, user=inspection.hmi, sign_off_id=sign_off.pk, digest=digest)

    results = at_once(
        lambda: publication_publish(
            inspection=inspection,
            user=inspection.lead,
            published_on=datetime.date(2017, 3, 2),
            sign_off_id=sign_off.pk,
            digest=digest,
        )
    )

    assert sorted(results) == ["This inspection is already published.", "ok"]
    assert Publication.objects.filter(inspection=inspection).count() == 1
