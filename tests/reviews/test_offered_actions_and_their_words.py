"""The case-file review offers only what can be done, and says in plain words why not: no "Open my
review" on a review already submitted, no Redraw once reviews have started, no Allocate when every file
has its reviewers; refusals and messages say what to do, in sentence case."""

import pytest
from django.urls import reverse

from reviews.models import CaseFile
from tests.factories.reviews import (
    accepted_review,
    drawn_inspection,
    frame_rows,
    import_rows,
    inspection_2016,
    submitted_review,
)

pytestmark = pytest.mark.django_db


def _files(inspection):
    return list(CaseFile.objects.filter(inspection=inspection).order_by("pk"))


def test_a_submitted_review_is_not_offered_for_opening_again(client):
    inspection = drawn_inspection(1)
    case_file = _files(inspection)[0]
    client.force_login(case_file.reviewer)
    detail = reverse("reviews:file_detail", kwargs={"pk": inspection.pk, "file_id": case_file.pk})
    assert b"Open my first review" in client.get(detail).content

    submitted_review(case_file)

    page = client.get(detail).content.decode()
    assert "Open my first review" not in page
    assert "First review by" in page  # the submitted review is shown, read-only


def test_redraw_and_allocate_are_offered_only_while_they_can_do_something(client):
    inspection = drawn_inspection(1)
    client.force_login(inspection.lead)
    sample = reverse("reviews:sample", kwargs={"pk": inspection.pk})
    page = client.get(sample).content.decode()
    assert "Redraw…" in page
    assert "Allocate unallocated files" not in page  # drawn_inspection allocated every file
    assert "Every file has its reviewers, so there is nothing to allocate" in page

    for case_file in _files(inspection):
        accepted_review(case_file)

    page = client.get(sample).content.decode()
    assert "Redraw…" not in page and "Allocate unallocated files" not in page
    assert "Reviews have started, so the sample can no longer be redrawn." in page


def test_allocate_is_offered_while_a_file_has_no_reviewer(client):
    inspection = drawn_inspection(1, allocate=False)
    client.force_login(inspection.lead)

    page = client.get(reverse("reviews:sample", kwargs={"pk": inspection.pk})).content.decode()

    assert "Allocate unallocated files" in page


def test_drawing_again_without_redraw_says_in_plain_words_what_to_do(client):
    inspection = drawn_inspection(1)
    client.force_login(inspection.lead)

    response = client.post(reverse("reviews:draw", kwargs={"pk": inspection.pk}), {"seed": "7"})

    page = response.content.decode()
    assert (
        "To replace it, tick &quot;Replace the current draw&quot; and choose &quot;Redraw the sample&quot;"
        in page
    )
    assert "Use redraw" not in page


def test_the_import_message_and_summary_start_with_a_capital(client):
    inspection = inspection_2016()
    import_rows(inspection, frame_rows(2))
    client.force_login(inspection.lead)

    page = client.get(reverse("reviews:sample", kwargs={"pk": inspection.pk})).content.decode()

    assert "Imported 14 crimes into the sampling frame" in page
    assert "imported 14 crimes" not in page
