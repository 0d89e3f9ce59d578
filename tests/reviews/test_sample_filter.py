"""The lead narrows the drawn files by crime reference, stratum, state and reviewer, from the page's form."""

import pytest
from django.urls import reverse

from reviews.models import CaseFile
from tests.factories.reviews import drawn_inspection, submitted_review
from tests.forms_in_html import form_with

pytestmark = pytest.mark.django_db


def shown(page: str, inspection) -> set[str]:
    references = CaseFile.objects.filter(inspection=inspection).values_list(
        "crime__crime_reference", flat=True
    )
    return {reference for reference in references if f">{reference}</a>" in page}


def filtered(client, inspection, **changes) -> str:
    url = reverse("reviews:sample", kwargs={"pk": inspection.pk})
    form = form_with(client.get(url).content, "reference")
    return client.get(form.action(url), form.submission(**changes)).content.decode()


def test_the_drawn_files_filter_by_reference_state_and_reviewer(client):
    inspection = drawn_inspection(3)
    files = list(CaseFile.objects.filter(inspection=inspection).select_related("crime", "reviewer"))
    submitted_review(files[0])
    client.force_login(inspection.lead)

    by_reference = filtered(client, inspection, reference=files[1].crime_reference.lower())
    by_state = filtered(client, inspection, state="submitted")
    by_reviewer = filtered(client, inspection, reviewer=files[0].reviewer_id)

    assert shown(by_reference, inspection) == {files[1].crime_reference}
    assert shown(by_state, inspection) == {files[0].crime_reference}
    assert "1 drawn file in this selection" in by_state
    mine = {f.crime_reference for f in files if files[0].reviewer_id in (f.reviewer_id, f.second_reviewer_id)}
    assert shown(by_reviewer, inspection) == mine


def test_a_selection_that_matches_nothing_says_so_and_not_started_files_are_those_without_a_review(client):
    inspection = drawn_inspection(2)
    files = list(CaseFile.objects.filter(inspection=inspection).select_related("crime"))
    submitted_review(files[0])
    client.force_login(inspection.lead)

    nothing = filtered(client, inspection, reference="no-such-reference")
    not_started = filtered(client, inspection, state="not_started")

    assert "No drawn file matches this selection." in nothing
    assert shown(not_started, inspection) == {f.crime_reference for f in files[1:]}


def test_an_inspector_narrows_my_files_by_reference_and_stratum(client):
    inspection = drawn_inspection(3)
    reviewer = CaseFile.objects.filter(inspection=inspection).first().reviewer
    mine = list(
        CaseFile.objects.filter(inspection=inspection, reviewer=reviewer).select_related("crime", "stratum")
    )
    client.force_login(reviewer)
    url = reverse("reviews:my_files", kwargs={"pk": inspection.pk})
    form = form_with(client.get(url).content, "reference")

    by_reference = client.get(url, form.submission(reference=mine[0].crime_reference)).content.decode()
    by_stratum = client.get(url, form.submission(stratum=mine[0].stratum_id)).content.decode()

    assert [f.crime_reference for f in mine if f.crime_reference in by_reference] == [mine[0].crime_reference]
    in_stratum = {f.crime_reference for f in mine if f.stratum_id == mine[0].stratum_id}
    assert {f.crime_reference for f in mine if f.crime_reference in by_stratum} == in_stratum
