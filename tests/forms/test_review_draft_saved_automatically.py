"""The review form saves a draft by itself (static/peel/forms.js posts it every 30 s while it is
edited): with the version the page holds, so it never overwrites a newer save."""

import pytest
from django.test import Client
from django.urls import reverse

from peel.models import Criterion
from reviews.models import Answer, Review
from tests.factories.reviews import drawn_inspection
from tests.forms_in_html import form_with

pytestmark = pytest.mark.django_db


@pytest.fixture
def review_page():
    inspection = drawn_inspection(per_stratum=3)
    case_file = inspection.case_files.filter(reviewer__isnull=False).order_by("pk").first()
    client = Client()
    client.force_login(case_file.reviewer)
    url = reverse("reviews:review_first", kwargs={"pk": inspection.pk, "file_id": case_file.pk})
    page = client.get(url).content.decode()
    criterion = Criterion.objects.filter(programme=inspection.programme).order_by("order").first()
    return client, case_file, page, criterion


def _draft_url(page: str) -> str:
    return page.split('data-autosave-url="', 1)[1].split('"', 1)[0]


def test_the_page_names_its_draft_address_and_a_draft_sent_there_is_saved(review_page):
    client, case_file, page, criterion = review_page
    form = form_with(page, "version")

    answer = client.post(
        _draft_url(page), form.submission(**{f"note_{criterion.pk}": "Typed, not saved yet."})
    )

    assert answer.status_code == 200 and answer.json()["version"] == 1
    assert (
        Answer.objects.get(review__case_file=case_file, criterion=criterion).note == "Typed, not saved yet."
    )


def test_a_draft_sent_from_a_page_older_than_the_last_save_is_refused_and_overwrites_nothing(review_page):
    client, case_file, page, criterion = review_page
    form = form_with(page, "version")
    client.post(_draft_url(page), form.submission(**{f"note_{criterion.pk}": "Saved in another tab."}))

    answer = client.post(_draft_url(page), form.submission(**{f"note_{criterion.pk}": "From the old page."}))

    assert answer.status_code == 409 and "Not saved automatically" in answer.json()["message"]
    assert (
        Answer.objects.get(review__case_file=case_file, criterion=criterion).note == "Saved in another tab."
    )
    assert Review.objects.get(case_file=case_file).version == 1
