"""Detail that only a developer or an auditor needs (SHA-256 digests, rules and algorithm versions, a
review's version number) waits behind a "Technical details" disclosure (<details><summary>), not in the
text users read: on the compile page, the sample page and the review form."""

import re

import pytest
from django.urls import reverse

from reports.services.runs import compile_inspection
from reviews.models import CaseFile, SampleDraw
from tests.factories.reviews import drawn_inspection, submitted_review
from tests.reports.builders import inspection_2016, notes_add, reviewed_files_add

pytestmark = pytest.mark.django_db

DISCLOSURE = re.compile(r'<details class="technical-details[^"]*">\s*<summary>.*?</details>', re.S)


def _outside_disclosures(html: str) -> str:
    return DISCLOSURE.sub("", html)


def test_the_compile_page_keeps_digests_and_the_rules_version_behind_a_disclosure(client):
    inspection = inspection_2016()
    reviewed_files_add(inspection, files=4)
    notes_add(inspection, "2.4", strengths=1, weaknesses=1)
    run = compile_inspection(inspection=inspection)
    client.force_login(inspection.lead)

    html = client.get(reverse("reports:compile", kwargs={"pk": inspection.pk})).content.decode()

    assert run.output_digest in html and run.input_digest in html
    assert "Technical details" in html
    visible = _outside_disclosures(html)
    assert run.output_digest[:12] not in visible and run.input_digest[:12] not in visible
    assert "rules version" not in visible.lower()


def test_the_sample_page_keeps_the_frame_digest_and_algorithm_behind_a_disclosure(client):
    inspection = drawn_inspection(1)
    draw = SampleDraw.objects.get(inspection=inspection)
    client.force_login(inspection.lead)

    html = client.get(reverse("reviews:sample", kwargs={"pk": inspection.pk})).content.decode()

    assert draw.frame_digest in html and draw.algorithm_version in html
    visible = _outside_disclosures(html)
    assert draw.frame_digest not in visible and "SHA-256" not in visible
    assert draw.algorithm_version not in visible
    assert str(draw.seed) in visible  # the seed is the lead's to repeat the draw: it stays in view


def test_the_review_form_does_not_show_the_reviews_version_number(client):
    inspection = drawn_inspection(1)
    case_file = CaseFile.objects.filter(inspection=inspection).first()
    review = submitted_review(case_file)
    review.status = "returned"
    review.save()
    client.force_login(case_file.reviewer)

    html = client.get(
        reverse("reviews:review_first", kwargs={"pk": inspection.pk, "file_id": case_file.pk})
    ).content.decode()

    assert f'name="version" value="{review.version}"' in html  # still sent back, for stale saves
    assert not re.search(r"version \d", html)
