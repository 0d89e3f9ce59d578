"""The CSV export of the file review and the API say the same about the demo's Cleveland reviews: for
every exported row (file × criterion), the API's file, criterion, reviews and counted answers give the
same values in every column.
The export writes choices by their labels (In the sample, Standard) and flags as yes/no, the API by
their codes and booleans; the test reads one through the other."""

import csv
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test.utils import override_settings

from peel.models import Inspection
from reviews.exports import EXPORT_HEADER
from reviews.models import CaseFileStatus, RiskLevel
from tests.api.conftest import token_client
from tests.reviews.shared import shared_data

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def cleveland(django_db_setup, django_db_blocker):
    with shared_data(django_db_blocker), override_settings(DEBUG=True):
        call_command("seed_demo")
        yield Inspection.objects.get(force__slug="cleveland", programme__slug="peel-effectiveness-2016")


def _all(client, path: str) -> list[dict]:
    rows, url = [], path + "?page_size=200"
    while url:
        page = client.get(url).json()
        rows += page["results"]
        url = page["next"]
    return rows


def _yes_no(value) -> str:
    return "" if value is None else ("yes" if value else "no")


def _expected_row(case_file: dict, criterion: dict, reviews: dict, files: dict, counted: dict) -> dict:
    verdict = counted[(case_file["id"], criterion["code"])]
    row = {
        "stratum": case_file["stratum_label"],
        "crime_reference": case_file["crime_reference"],
        "crime_type": case_file["crime_type"],
        "recorded_date": case_file["recorded_date"],
        "file_status": CaseFileStatus(case_file["status"]).label,
        "replaces": files[case_file["replaces"]]["crime_reference"] if case_file["replaces"] else "",
        "outcome_code": "" if case_file["outcome_code"] is None else str(case_file["outcome_code"]),
        "domestic_abuse": _yes_no(case_file["domestic_abuse"]),
        "vulnerable_victim": _yes_no(case_file["vulnerable_victim"]),
        "repeat_victim": _yes_no(case_file["repeat_victim"]),
        "suspect_identified": _yes_no(case_file["suspect_identified"]),
        "risk_level": RiskLevel(case_file["risk_level"]).label if case_file["risk_level"] else "",
        "criterion_code": criterion["code"],
        "criterion_section": criterion["section"],
        "criterion": criterion["text"],
        "applies": _yes_no(verdict["applies"]),
        "adjudicated_answer": verdict["adjudicated_answer"],
        "adjudication_note": verdict["adjudication_note"],
        "counted_answer": verdict["counted_answer"],
    }
    for kind in ("first", "second"):
        review = reviews.get((case_file["id"], kind))
        answer = (
            next((a for a in review["answers"] if a["criterion"] == criterion["code"]), None)
            if review
            else None
        )
        row[f"{kind}_reviewer"] = review["reviewer"] if review else ""
        row[f"{kind}_review_status"] = review["status"] if review else ""
        row[f"{kind}_answer"] = answer["value"] if answer else ""
        row[f"{kind}_note"] = answer["note"] if answer else ""
    return row


def test_the_review_export_and_the_api_agree_on_every_file_criterion_and_answer(cleveland, client):
    lead = get_user_model().objects.get(username="lead")
    api = token_client(lead)
    client.force_login(lead)
    exported = list(
        csv.DictReader(
            io.StringIO(
                client.get(f"/inspections/{cleveland.pk}/files/export/csv/").content.decode("utf-8-sig")
            )
        )
    )
    base = f"/api/v1/inspections/{cleveland.pk}/"
    files = {row["id"]: row for row in _all(api, base + "files/")}
    reviews = {(row["file"], row["kind"]): row for row in _all(api, base + "reviews/")}
    counted = {(row["file"], row["criterion"]): row for row in _all(api, base + "counted-answers/")}
    criteria = api.get(f"/api/v1/programmes/{cleveland.programme.slug}/").json()["criteria"]

    reviewed = [f for f in files.values() if (f["id"], "first") in reviews or (f["id"], "second") in reviews]
    expected = [_expected_row(f, c, reviews, files, counted) for f in reviewed for c in criteria]

    assert len(exported) == len(expected) == len(counted) == len(reviewed) * len(criteria) > 1000
    for exported_row, api_row in zip(exported, expected, strict=True):
        assert set(api_row) == set(exported_row) == set(EXPORT_HEADER)  # no column left out
        assert exported_row == api_row


def test_the_demo_exercises_every_column_the_api_now_gives(cleveland):
    """So the agreement above is not one of blanks: the demo has criteria that do not apply, adjudicated
    answers with notes, and answers that count (its reviews are all accepted: a file that does not count
    is tests/reviews/test_export.py's, read by the same records)."""
    lead = get_user_model().objects.get(username="lead")
    rows = _all(token_client(lead), f"/api/v1/inspections/{cleveland.pk}/counted-answers/")
    assert {row["applies"] for row in rows} == {True, False}
    assert any(row["adjudicated_answer"] and row["adjudication_note"] for row in rows)
    assert all(row["counted_answer"] for row in rows if row["applies"])
