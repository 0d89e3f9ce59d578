"""The log of comments and answers, on its page and as CSV and XLSX: names not usernames, real dates, a
frozen and filtered header; and the publication checklist waits for the check."""

import csv
import io

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from factual_accuracy.models import Answer
from factual_accuracy.selectors import check_checklist_problems
from factual_accuracy.services.checks import accuracy_check_close, accuracy_comment_answer
from publication.selectors import prepublication_checklist
from tests.factual_accuracy.builders import setting

pytestmark = pytest.mark.django_db


def answered_world():
    world = setting()
    check = world.open_check()
    accepted = world.comment(check, section_key="q1", text="The date is 2016.")
    refused = world.comment(check, section_key="overview", text="=SUM(A1) is harsh.")
    for comment, answer, reason in (
        (accepted, Answer.ACCEPTED, "Changed."),
        (refused, Answer.NOT_ACCEPTED, "A judgment, not a fact."),
    ):
        accuracy_comment_answer(
            inspection=world.inspection,
            user=world.lead,
            comment_id=comment.pk,
            answer=answer,
            reason=reason,
            version=comment.edit_version,
        )
    accuracy_check_close(inspection=world.inspection, user=world.lead, check_id=check.pk)
    return world, check


def url(name: str, check) -> str:
    return reverse(f"factual_accuracy:{name}", kwargs={"check_id": check.pk})


def test_the_log_page_lists_every_comment_with_its_answer_and_who_answered(client):
    world, check = answered_world()
    client.force_login(world.lead)

    page = client.get(url("check_log", check)).content.decode()

    assert "The date is 2016." in page and "Accepted and changed" in page
    assert "A judgment, not a fact." in page and "Not accepted" in page
    assert world.lead.get_full_name() in page and "Laura Liaison" in page


def test_the_csv_has_names_dates_and_answers_and_no_formula(client):
    world, check = answered_world()
    client.force_login(world.liaison)

    response = client.get(url("check_log_csv", check))

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert response["Content-Disposition"].endswith('.csv"')
    assert rows[0][:4] == ["Round", "Section", "Commented by", "Commented on"]
    first, second = rows[1], rows[2]
    assert first[2] == "Laura Liaison" and first[3] == timezone.localdate().isoformat()
    assert first[8] == "Accepted and changed" and first[10] == world.lead.get_full_name()
    assert second[5] == "'=SUM(A1) is harsh." and second[8] == "Not accepted"
    assert second[9] == "A judgment, not a fact."


def test_the_xlsx_has_real_dates_a_frozen_filtered_header_and_sized_columns(client):
    world, check = answered_world()
    client.force_login(world.lead)

    response = client.get(url("check_log_xlsx", check))

    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    header = [cell.value for cell in sheet[1]]
    assert header[1] == "Section" and header[-1] == "Answered on"
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:L{sheet.max_row}"
    commented_on = sheet.cell(row=2, column=4).value
    assert commented_on.date() == timezone.localdate()
    assert sheet.cell(row=2, column=3).value == "Laura Liaison"
    assert sheet.cell(row=3, column=9).value == "Not accepted"
    assert sheet.column_dimensions["F"].width > 8


def test_the_checklist_waits_for_a_check_then_for_its_closing_then_for_every_answer():
    world = setting()
    assert check_checklist_problems(inspection=world.inspection) == [
        "The factual accuracy check has not been held: send the draft to the force first."
    ]
    check = world.open_check()
    comment = world.comment(check)
    assert len(check_checklist_problems(inspection=world.inspection)) == 2
    accuracy_check_close(inspection=world.inspection, user=world.lead, check_id=check.pk)
    assert check_checklist_problems(inspection=world.inspection) == [
        "1 factual accuracy comment waits for an answer."
    ]
    assert not prepublication_checklist(inspection=world.inspection).is_clear

    accuracy_comment_answer(
        inspection=world.inspection,
        user=world.lead,
        comment_id=comment.pk,
        answer=Answer.ACCEPTED,
        reason="",
        version=comment.edit_version,
    )

    assert check_checklist_problems(inspection=world.inspection) == []
    assert prepublication_checklist(inspection=world.inspection).is_clear


def test_sign_off_is_not_asked_for_before_the_check_is_done(client):
    world = setting()
    client.force_login(world.lead)

    page = client.get(reverse("publication:report", kwargs={"pk": world.inspection.pk})).content.decode()

    assert "The factual accuracy check has not been held" in page
    assert reverse("factual_accuracy:inspection_check", kwargs={"pk": world.inspection.pk}) in page
