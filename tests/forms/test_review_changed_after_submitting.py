"""After submitting a review, Back, change an answer and Submit again: nothing is saved (the review is
with the lead), and the page says so, listing the changed answer and keeping it in the form."""

import pytest
from django.test import Client
from django.urls import reverse

from reviews.models import Answer, ReviewKind, ReviewStatus
from reviews.services.reviewing import review_save
from tests.factories.reviews import complete_input, criteria_2016, drawn_inspection
from tests.forms_in_html import form_with

pytestmark = pytest.mark.django_db


def test_a_change_sent_to_a_submitted_review_is_refused_with_the_change_shown_and_kept():
    inspection = drawn_inspection(per_stratum=3)
    case_file = inspection.case_files.filter(reviewer__isnull=False).order_by("pk").first()
    review_save(
        inspection=inspection,
        case_file_id=case_file.pk,
        kind=ReviewKind.FIRST,
        user=case_file.reviewer,
        expected_version=0,
        data=complete_input(case_file),
    )
    client = Client()
    client.force_login(case_file.reviewer)
    url = reverse("reviews:review_first", kwargs={"pk": inspection.pk, "file_id": case_file.pk})
    page_before_submitting = client.get(url).content  # what Back shows
    form = form_with(page_before_submitting, "version")
    client.post(url, form.submission("action=submit"))
    c01 = next(criterion for criterion in criteria_2016() if criterion.code == "C01")

    response = client.post(
        url, form.submission("action=submit", **{f"answer_{c01.pk}": "no", f"note_{c01.pk}": "Was CID."})
    )

    assert response.status_code == 409
    page = response.content.decode()
    assert "Not saved: this review was submitted" in page
    assert "C01</a>: Yes → <strong>No</strong>" in page
    kept = form_with(page, "version").submission()
    assert kept[f"answer_{c01.pk}"] == ["no"] and kept[f"note_{c01.pk}"] == ["Was CID."]
    answer = Answer.objects.get(review__case_file=case_file, criterion=c01)
    assert (answer.value, answer.review.status) == ("yes", ReviewStatus.SUBMITTED)
