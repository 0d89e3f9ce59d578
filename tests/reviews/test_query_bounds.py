"""Pages stay flat as the sample grows: the queue, the progress page, the sample and the review form
make the same number of queries with 60 files and with 600."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reviews.models import CaseFile, Review, ReviewKind, ReviewStatus, Stratum
from reviews.services.allocation import case_files_allocate
from reviews.services.design import sample_quotas_update
from reviews.services.double_review import double_review_select
from reviews.services.draw import sample_draw
from tests.factories.reviews import accepted_review, frame_rows, import_rows, inspection_2016
from tests.reviews.shared import shared_data

pytestmark = pytest.mark.django_db


def sample_of(total: int):
    """A drawn, allocated sample of ``total`` files with reviews in every status."""
    inspection = inspection_2016()
    import_rows(inspection, frame_rows(total // 7 + 10))
    strata = list(Stratum.objects.filter(inspection=inspection).order_by("order"))
    base, extra = divmod(total, len(strata))
    quotas = {s.pk: base + (1 if i < extra else 0) for i, s in enumerate(strata)}
    sample_quotas_update(inspection=inspection, total=total, quotas=quotas)
    sample_draw(inspection=inspection, seed=1)
    double_review_select(inspection=inspection, seed=1)
    case_files_allocate(inspection=inspection)
    statuses = [ReviewStatus.DRAFT, ReviewStatus.SUBMITTED, ReviewStatus.RETURNED, None]
    files = list(CaseFile.objects.filter(inspection=inspection).order_by("pk"))
    Review.objects.bulk_create(
        Review(case_file=f, kind=ReviewKind.FIRST, reviewer_id=f.reviewer_id, status=statuses[i % 4])
        for i, f in enumerate(files)
        if statuses[i % 4]
    )
    accepted_review(files[3])
    return inspection


def queries(client, user, url) -> int:
    client.force_login(user)
    client.get(url)  # warm the session and the URLconf
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.fixture(scope="module")
def samples(django_db_setup, django_db_blocker):
    with shared_data(django_db_blocker):
        yield sample_of(60), sample_of(600)


# Each bound below includes the menu's count of the user's unread notifications.


def test_my_files_is_flat(client, samples, django_assert_max_num_queries):
    small, large = samples
    reviewer = large.case_files.first().reviewer
    url = reverse("reviews:my_files", kwargs={"pk": large.pk})
    client.force_login(reviewer)
    client.get(url)

    # session, user, inspection (with force, programme, lead), the user's roles, the team (to find them
    # on it), the user's files with their crimes, strata and review statuses; the filter's strata
    with django_assert_max_num_queries(8):
        client.get(url)
    assert queries(client, reviewer, url) == queries(
        client, small.case_files.first().reviewer, reverse("reviews:my_files", kwargs={"pk": small.pk})
    )


def test_progress_is_flat(client, samples, django_assert_max_num_queries):
    small, large = samples
    url = reverse("reviews:progress", kwargs={"pk": large.pk})
    client.force_login(large.lead)
    client.get(url)

    # session, user, roles, inspection, files with review statuses, the reviewers, the strata
    with django_assert_max_num_queries(8):
        client.get(url)
    assert queries(client, large.lead, url) == queries(
        client, small.lead, reverse("reviews:progress", kwargs={"pk": small.pk})
    )


def test_the_sample_page_is_flat(client, samples, django_assert_max_num_queries):
    small, large = samples
    url = reverse("reviews:sample", kwargs={"pk": large.pk})
    client.force_login(large.lead)
    client.get(url)

    # session, user, roles, inspection, design, crime list, draw, double-review selection, strata with
    # frame sizes, files with crimes, strata, reviewers and review statuses; the filter's strata and
    # reviewers
    with django_assert_max_num_queries(13):
        client.get(url)
    assert queries(client, large.lead, url) == queries(
        client, small.lead, reverse("reviews:sample", kwargs={"pk": small.pk})
    )


def test_the_review_form_is_flat(client, samples, django_assert_max_num_queries):
    small, large = samples
    case_file = CaseFile.objects.filter(inspection=large, reviews__status=ReviewStatus.DRAFT).first()
    small_file = CaseFile.objects.filter(inspection=small, reviews__status=ReviewStatus.DRAFT).first()
    url = reverse("reviews:review_first", kwargs={"pk": large.pk, "file_id": case_file.pk})
    client.force_login(case_file.reviewer)
    client.get(url)
    cache.clear()

    # opened: session, user, inspection, roles, the team, the file (with crime, stratum,
    # people), its review, the criteria, the review's answers, and the discussion panel: its messages
    # (with authors and criteria) and the criteria of its form's select
    with django_assert_max_num_queries(12):
        client.get(url)
    # reopened, from the fields kept for the saved review: the same without the criteria and answers
    with django_assert_max_num_queries(10):
        client.get(url)
    assert queries(client, case_file.reviewer, url) == queries(
        client,
        small_file.reviewer,
        reverse("reviews:review_first", kwargs={"pk": small.pk, "file_id": small_file.pk}),
    )


def test_the_double_review_page_is_flat(client, samples, django_assert_max_num_queries):
    small, large = samples
    url = reverse("reviews:double_review", kwargs={"pk": large.pk})
    client.force_login(large.lead)
    client.get(url)

    # session, user, roles, inspection, selection, the chosen files, criteria, their answers, finished
    # reviews, adjudications, criteria again for the agreement table
    with django_assert_max_num_queries(12):
        client.get(url)
    assert queries(client, large.lead, url) == queries(
        client, small.lead, reverse("reviews:double_review", kwargs={"pk": small.pk})
    )
