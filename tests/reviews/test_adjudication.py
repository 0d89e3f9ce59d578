"""Adjudicating a double-reviewed file: the lead reads both reviewers' notes beside their answers and must
give a reason for each agreed answer; a refused submission keeps what the lead chose and typed."""

import pytest
from django.urls import reverse

from reviews.models import AdjudicatedAnswer, Answer, CaseFile, ReviewKind
from reviews.services.double_review import adjudication_save, double_review_select
from reviews.services.refusals import Refused
from tests.factories.reviews import accepted_review, criteria_2016, drawn_inspection, submitted_review
from tests.forms_in_html import form_with

pytestmark = pytest.mark.django_db

FIRST_NOTE = "THRIVE recorded on the incident log at 14:02."
SECOND_NOTE = "No risk assessment found in the crime record."


@pytest.fixture
def double_reviewed():
    """One file reviewed twice that differs on C01 (yes / no), each reviewer with a note on C01."""
    inspection = drawn_inspection(3)
    double_review_select(inspection=inspection, share_percent=100, seed=2)
    case_file = CaseFile.objects.filter(inspection=inspection, stratum__label="Robbery").first()
    accepted_review(case_file)
    submitted_review(case_file, ReviewKind.SECOND, overrides={"C01": "no"})
    c01 = next(c for c in criteria_2016() if c.code == "C01")
    for kind, note in ((ReviewKind.FIRST, FIRST_NOTE), (ReviewKind.SECOND, SECOND_NOTE)):
        Answer.objects.filter(review__case_file=case_file, review__kind=kind, criterion=c01).update(note=note)
    return case_file


def url(case_file) -> str:
    return reverse("reviews:adjudicate", kwargs={"pk": case_file.inspection_id, "file_id": case_file.pk})


def c01_pk() -> int:
    return next(c for c in criteria_2016() if c.code == "C01").pk


def test_both_reviewers_notes_are_shown_beside_their_answers(client, double_reviewed):
    client.force_login(double_reviewed.inspection.lead)

    html = client.get(url(double_reviewed)).content.decode()

    row = html[html.index(">C01<") : html.index("</tr>", html.index(">C01<"))]
    assert FIRST_NOTE in row and SECOND_NOTE in row
    assert row.index(FIRST_NOTE) < row.index(SECOND_NOTE)  # under the first review, then the second


def test_an_agreed_answer_without_a_reason_is_refused_naming_the_criterion_and_keeps_the_choice(
    client, double_reviewed
):
    client.force_login(double_reviewed.inspection.lead)
    form = form_with(client.get(url(double_reviewed)).content, f"value_{c01_pk()}")

    response = client.post(url(double_reviewed), form.submission(**{f"value_{c01_pk()}": "no"}))

    assert response.status_code == 400
    html = response.content.decode()
    assert "Give the reason for the agreed answer on C01." in html
    assert "There is a problem" in html  # the error summary, linked to the field
    assert f'href="#id_note_{c01_pk()}"' in html
    kept = form_with(html, f"value_{c01_pk()}").submission()
    assert kept[f"value_{c01_pk()}"] == ["no"]
    assert not AdjudicatedAnswer.objects.filter(case_file=double_reviewed).exists()


def test_an_agreed_answer_with_its_reason_is_recorded_from_the_rendered_form(client, double_reviewed):
    client.force_login(double_reviewed.inspection.lead)
    form = form_with(client.get(url(double_reviewed)).content, f"value_{c01_pk()}")

    response = client.post(
        url(double_reviewed),
        form.submission(**{f"value_{c01_pk()}": "no", f"note_{c01_pk()}": "  The crime record has none.  "}),
    )

    assert response.status_code == 302
    decision = AdjudicatedAnswer.objects.get(case_file=double_reviewed)
    assert (decision.value, decision.note) == ("no", "The crime record has none.")
    page = client.get(url(double_reviewed)).content.decode()
    assert "The crime record has none." in page  # shown again as the saved reason


def test_submitting_nothing_decided_asks_for_one_agreed_answer(client, double_reviewed):
    client.force_login(double_reviewed.inspection.lead)
    form = form_with(client.get(url(double_reviewed)).content, f"value_{c01_pk()}")

    response = client.post(url(double_reviewed), form.submission())

    assert response.status_code == 400
    assert "Choose the agreed answer for at least one criterion." in response.content.decode()


def test_the_service_refuses_an_agreed_answer_without_a_reason(double_reviewed):
    with pytest.raises(Refused, match="Give the reason for the agreed answer on C01"):
        adjudication_save(
            inspection=double_reviewed.inspection,
            case_file_id=double_reviewed.pk,
            decisions={c01_pk(): ("no", "   ")},
            user=double_reviewed.inspection.lead,
        )
