"""The lead's export: every answer, one row per file × criterion, in CSV and XLSX, safe from formulae."""

import csv
import io

import openpyxl
import pytest
from django.core.management import call_command
from django.urls import reverse

from peel.spreadsheets import neutralise
from reviews.exports import EXPORT_HEADER, XLSX_HEADER
from reviews.models import CaseFile, FrameCrime, ReviewKind
from reviews.services.double_review import double_review_select
from tests.factories.reviews import accepted_review, criteria_2016, drawn_inspection, submitted_review

pytestmark = pytest.mark.django_db

EVIL = '=HYPERLINK("http://evil.invalid","x")'


@pytest.fixture
def inspection():
    inspection = drawn_inspection(1)
    double_review_select(inspection=inspection, share_percent=10, seed=1)
    files = list(CaseFile.objects.filter(inspection=inspection).order_by("stratum__order"))
    FrameCrime.objects.filter(pk=files[0].crime_id).update(crime_reference=EVIL)
    accepted_review(files[0], overrides={"C01": "no"})
    submitted_review(files[1])
    double = CaseFile.objects.get(inspection=inspection, double_review=True)
    if double.pk not in (files[0].pk, files[1].pk):
        accepted_review(double)
    submitted_review(double, ReviewKind.SECOND)
    return inspection


def csv_rows(content: bytes) -> list[dict]:
    assert content.startswith("\ufeff".encode())
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"), newline="")))


def test_the_csv_export_has_one_row_per_reviewed_file_and_criterion(client, inspection):
    client.force_login(inspection.lead)

    response = client.get(reverse("reviews:export_csv", kwargs={"pk": inspection.pk}))

    rows = csv_rows(response.content)
    reviewed = CaseFile.objects.filter(inspection=inspection, reviews__isnull=False).distinct().count()
    assert response["Content-Disposition"].startswith('attachment; filename="file-review-')
    assert list(rows[0]) == list(EXPORT_HEADER)
    assert len(rows) == reviewed * len(criteria_2016())
    assert len({(row["crime_reference"], row["criterion_code"]) for row in rows}) == len(rows)


def test_the_export_shows_both_reviews_and_the_answer_that_counts(client, inspection):
    client.force_login(inspection.lead)

    rows = csv_rows(client.get(reverse("reviews:export_csv", kwargs={"pk": inspection.pk})).content)

    double = CaseFile.objects.get(inspection=inspection, double_review=True)
    double_rows = [row for row in rows if row["crime_reference"] == neutralise(double.crime.crime_reference)]
    assert {row["second_review_status"] for row in double_rows} == {"submitted"}
    submitted_only = [row for row in rows if row["first_review_status"] == "submitted"]
    assert submitted_only and all(row["counted_answer"] == "" for row in submitted_only)


def test_formulae_in_references_are_neutralised_in_csv(client, inspection):
    client.force_login(inspection.lead)

    rows = csv_rows(client.get(reverse("reviews:export_csv", kwargs={"pk": inspection.pk})).content)

    evil_rows = [row for row in rows if "HYPERLINK" in row["crime_reference"]]
    assert evil_rows
    assert all(row["crime_reference"] == "'" + EVIL for row in evil_rows)
    assert {row["counted_answer"] for row in evil_rows if row["criterion_code"] == "C01"} == {"no"}


def test_formulae_are_neutralised_in_xlsx_and_cells_hold_text_not_formulae(client, inspection):
    client.force_login(inspection.lead)

    response = client.get(reverse("reviews:export_xlsx", kwargs={"pk": inspection.pk}))

    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    header = [cell.value for cell in next(sheet.iter_rows(max_row=1))]
    references = [row[header.index("Crime reference")] for row in sheet.iter_rows(min_row=2)]
    evil = [cell for cell in references if "HYPERLINK" in str(cell.value)]
    assert evil and all(cell.value == "'" + EVIL and cell.data_type == "s" for cell in evil)


def test_the_xlsx_export_is_made_to_be_read_dates_names_labels_outcomes_frozen_filtered_and_sized(
    client, inspection
):
    case_file = CaseFile.objects.filter(inspection=inspection, reviews__isnull=False).order_by("pk").first()
    CaseFile.objects.filter(pk=case_file.pk).update(outcome_code=16)
    reviewer = case_file.reviewer
    reviewer.first_name, reviewer.last_name = "Ines", "Inspector"
    reviewer.save()
    client.force_login(inspection.lead)

    response = client.get(reverse("reviews:export_xlsx", kwargs={"pk": inspection.pk}))

    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    header = [cell.value for cell in next(sheet.iter_rows(max_row=1))]
    assert header == list(XLSX_HEADER)
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:{openpyxl.utils.get_column_letter(len(header))}{sheet.max_row}"
    widths = {
        title: sheet.column_dimensions[openpyxl.utils.get_column_letter(header.index(title) + 1)].width
        for title in header
    }
    assert all(8 <= width <= 60 for width in widths.values())
    assert widths["Criterion"] == 60 and widths["Applies"] < 15  # long texts capped, short ones narrow
    rows = [dict(zip(header, row, strict=True)) for row in sheet.iter_rows(min_row=2)]
    mine = [
        row for row in rows if row["Crime reference"].value == neutralise(case_file.crime.crime_reference)
    ]
    recorded = mine[0]["Recorded date"]
    assert recorded.is_date and recorded.value.date() == case_file.crime.recorded_date
    assert recorded.number_format == "d mmm yyyy"
    assert (mine[0]["Outcome number"].value, mine[0]["Outcome"].value) == (
        16,
        "Evidential difficulties (victim does not support police action): suspect identified",
    )
    assert {row["First reviewer"].value for row in mine} == {"Ines Inspector"}
    statuses = {row["First review status"].value for row in rows}
    assert statuses <= {"Accepted", "Submitted"} and statuses
    answers = {row["First answer"].value for row in rows}
    assert "Yes" in answers and "yes" not in answers and "not_applicable" not in answers


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("=1+1", "'=1+1"),
        ("+44 1642", "'+44 1642"),
        ("-5", "'-5"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("CL/1", "CL/1"),
    ],
)
def test_a_leading_formula_character_is_prefixed(value, shown):
    assert neutralise(value) == shown


def test_the_page_escapes_markup_in_references(client, inspection):
    FrameCrime.objects.filter(inspection=inspection, crime_reference=EVIL).update(
        crime_reference="<script>alert(1)</script>"
    )
    client.force_login(inspection.lead)

    html = client.get(reverse("reviews:sample", kwargs={"pk": inspection.pk})).content.decode()

    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_the_command_writes_csv_and_xlsx(tmp_path, inspection):
    csv_path, xlsx_path = tmp_path / "answers.csv", tmp_path / "answers.xlsx"

    call_command("export_reviews", "--inspection", str(inspection.pk), "--format", "csv", "-o", str(csv_path))
    call_command(
        "export_reviews", "--inspection", str(inspection.pk), "--format", "xlsx", "-o", str(xlsx_path)
    )

    rows = csv_rows(csv_path.read_bytes())
    sheet = openpyxl.load_workbook(xlsx_path).active
    assert sheet.max_row - 1 == len(rows) > 0
