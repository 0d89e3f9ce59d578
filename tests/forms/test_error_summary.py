"""A refused form opens with an error summary at the top (as the GOV.UK Design System's): announced,
counting the problems, each a link to its field's id on the page."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories.reviews import drawn_inspection
from tests.forms_in_html import form_with


def _summary(page: str) -> str:
    match = re.search(r'<div class="alert alert-danger error-summary" role="alert".*?</div>', page, re.S)
    assert match, "no error summary on the page"
    return match.group(0)


def _links_reach_fields(page: str, summary: str) -> list[str]:
    anchors = re.findall(r'href="#([^"]+)"', summary)
    assert anchors
    return [anchor for anchor in anchors if f'id="{anchor}"' not in page]


@pytest.mark.django_db
def test_an_incomplete_review_submitted_lists_each_unanswered_question_at_the_top_with_a_link_to_it():
    inspection = drawn_inspection(per_stratum=3)
    case_file = inspection.case_files.filter(reviewer__isnull=False).order_by("pk").first()
    client = Client()
    client.force_login(case_file.reviewer)
    url = reverse("reviews:review_first", kwargs={"pk": inspection.pk, "file_id": case_file.pk})
    form = form_with(client.get(url).content, "version")

    page = client.post(url, form.submission("action=submit")).content.decode()

    summary = _summary(page)
    assert page.index("error-summary") < page.index('<form method="post" novalidate data-review-form')
    count = int(re.search(r"There are (\d+) problems", summary).group(1))
    assert count == summary.count("<li>") and count > 10
    assert "C01." in summary
    assert _links_reach_fields(page, summary) == []


def test_a_crispy_form_refused_gets_the_same_summary(client, cast):
    client.force_login(cast.inspector)
    url = reverse("peel:evidence_create", kwargs={"pk": cast.inspection.pk})
    form = form_with(client.get(url).content, "observed_on")

    page = client.post(url, form.submission(observed_on="")).content.decode()

    summary = _summary(page)
    assert "There are" in summary  # no text, no date, no direction, no sub-question
    assert _links_reach_fields(page, summary) == []
