"""The lead's sample pages through the browser's route: quotas, XLSX upload, unusable files, reassignment."""

import io

import openpyxl
import pytest
from django.urls import reverse

from reviews.models import CaseFile, CaseFileStatus, FrameCrime, Stratum
from tests.factories.reviews import HEADER, drawn_inspection, frame_rows, inspection_2016
from tests.forms_in_html import form_with

pytestmark = pytest.mark.django_db


def _quotas_form(client, inspection, *, total: int, quota: int) -> dict:
    """The quotas page's form as the browser holds it, with every quota and the total typed in."""
    html = client.get(reverse("reviews:design", kwargs={"pk": inspection.pk})).content
    data = form_with(html, "total").submission()
    return data | {"total": [str(total)]} | {name: [str(quota)] for name in data if name.startswith("quota_")}


def test_quotas_that_do_not_add_up_are_shown_as_an_error_and_not_saved(client):
    inspection = inspection_2016()
    client.force_login(inspection.lead)
    data = _quotas_form(client, inspection, total=60, quota=10)

    response = client.post(reverse("reviews:design", kwargs={"pk": inspection.pk}), data)

    assert response.status_code == 200
    assert b"The quotas add up to 70, but the total is 60." in response.content
    assert [s.quota for s in Stratum.objects.filter(inspection=inspection).order_by("order")] == [
        9,
        9,
        9,
        9,
        8,
        8,
        8,
    ]


def test_the_lead_sets_quotas_that_add_up(client):
    inspection = inspection_2016()
    client.force_login(inspection.lead)
    data = _quotas_form(client, inspection, total=70, quota=10)

    response = client.post(reverse("reviews:design", kwargs={"pk": inspection.pk}), data)

    assert response.status_code == 302
    assert {s.quota for s in Stratum.objects.filter(inspection=inspection)} == {10}


def test_the_lead_uploads_an_xlsx_crime_list(client, django_capture_on_commit_callbacks):
    inspection = inspection_2016()
    workbook = openpyxl.Workbook()
    workbook.active.append(list(HEADER))
    for row in frame_rows(2):
        workbook.active.append(list(row))
    upload = io.BytesIO()
    workbook.save(upload)
    upload.seek(0)
    upload.name = "crimes.xlsx"
    client.force_login(inspection.lead)

    with django_capture_on_commit_callbacks(execute=True):  # the import task, run once the upload commits
        client.post(
            reverse("reviews:crime_list_import", kwargs={"pk": inspection.pk}), {"crime_list": upload}
        )
    response = client.get(reverse("reviews:crime_list_import", kwargs={"pk": inspection.pk}))

    assert b"imported 14 crimes into the sampling frame; excluded 0" in response.content
    assert FrameCrime.objects.filter(inspection=inspection).count() == 14


def test_the_lead_marks_a_file_unusable_and_is_told_which_reserve_replaced_it(client):
    inspection = drawn_inspection(12)
    case_file = CaseFile.objects.filter(inspection=inspection).first()
    client.force_login(inspection.lead)

    response = client.post(
        reverse("reviews:mark_unusable", kwargs={"pk": inspection.pk, "file_id": case_file.pk}),
        {"reason": "not_found", "note": ""},
        follow=True,
    )

    case_file.refresh_from_db()
    assert case_file.status == CaseFileStatus.UNUSABLE
    replacement = CaseFile.objects.get(replaces=case_file)
    assert f"replaced by reserve {replacement.crime.crime_reference}".encode() in response.content


def test_other_without_a_note_is_refused_beside_the_field(client):
    inspection = drawn_inspection(12)
    case_file = CaseFile.objects.filter(inspection=inspection).first()
    client.force_login(inspection.lead)

    response = client.post(
        reverse("reviews:mark_unusable", kwargs={"pk": inspection.pk, "file_id": case_file.pk}),
        {"reason": "other"},
    )

    assert response.status_code == 200
    assert "note" in response.context["form"].errors
    case_file.refresh_from_db()
    assert case_file.status == CaseFileStatus.IN_SAMPLE


def test_the_lead_reassigns_a_file_from_its_page(client):
    inspection = drawn_inspection(3)
    case_file = CaseFile.objects.filter(inspection=inspection).first()
    other = inspection.team.exclude(pk=case_file.reviewer_id).first()
    client.force_login(inspection.lead)

    response = client.post(
        reverse("reviews:reassign_first", kwargs={"pk": inspection.pk, "file_id": case_file.pk}),
        {"reviewer": other.pk},
    )

    assert response.status_code == 302
    case_file.refresh_from_db()
    assert case_file.reviewer == other
