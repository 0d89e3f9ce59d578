"""The review form: applicability, drafts, submit validation, and two people saving at once."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from reviews.models import Answer, AnswerValue, CaseFile, Review, ReviewKind, ReviewStatus
from reviews.services.moderation import review_accept, review_return
from tests.factories.reviews import criteria_2016, drawn_inspection, submitted_review

pytestmark = pytest.mark.django_db

DA_ONLY = {"C07", "C08"}
VULNERABLE_OR_DA = {"C09", "C10"}  # a vulnerable victim, or any domestic-abuse file
NO_SUPPORT_ONLY = {"C22"}  # outcomes 14 and 16
SUSPECT_ONLY = {"C17"}


def form_url(case_file, kind="first"):
    return reverse(f"reviews:review_{kind}", kwargs={"pk": case_file.inspection_id, "file_id": case_file.pk})


def form_data(answers: dict[str, str], *, version=0, action="save", facts=True, **fact_overrides) -> dict:
    """POST data: answers by criterion code, plus the file's facts (a settled, non-DA file by default)."""
    by_code = {criterion.code: criterion for criterion in criteria_2016()}
    data = {"version": version, "action": action}
    if facts:
        data |= {
            "outcome_code": "",
            "domestic_abuse": "no",
            "vulnerable_victim": "no",
            "repeat_victim": "no",
            "suspect_identified": "yes",
            "risk_level": "",
        } | fact_overrides
    for code, value in answers.items():
        data[f"answer_{by_code[code].pk}"] = value
    return data


def all_codes(except_codes=()) -> list[str]:
    return [c.code for c in criteria_2016() if c.code not in except_codes]


@pytest.fixture
def case_file():
    inspection = drawn_inspection(3)
    return CaseFile.objects.filter(inspection=inspection, stratum__label="Robbery").first()


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def shown_version(response) -> int:
    return int(re.search(r'name="version" value="(\d+)"', response.content.decode()).group(1))


def checked_answer(response, criterion_code: str) -> str | None:
    """The answer shown as selected for a criterion on the form page."""
    criterion = next(c for c in criteria_2016() if c.code == criterion_code)
    html = response.content.decode()
    match = re.search(rf'name="answer_{criterion.pk}" value="(\w+)" id="[^"]+" checked', html)
    return match.group(1) if match else None


def saved_answers(case_file, kind=ReviewKind.FIRST) -> dict[str, str]:
    return dict(
        Answer.objects.filter(review__case_file=case_file, review__kind=kind).values_list(
            "criterion__code", "value"
        )
    )


def test_a_draft_saves_whatever_is_filled_in_without_complaint(case_file):
    client = logged_in(case_file.reviewer)

    response = client.post(form_url(case_file), form_data({"C01": "yes"}, suspect_identified=""))

    assert response.status_code == 302
    review = Review.objects.get(case_file=case_file)
    assert review.status == ReviewStatus.DRAFT
    assert saved_answers(case_file) == {"C01": "yes"}


def test_submitting_needs_every_applicable_criterion_with_the_error_beside_each_missing_one(case_file):
    client = logged_in(case_file.reviewer)
    applicable = all_codes(DA_ONLY | VULNERABLE_OR_DA | NO_SUPPORT_ONLY)

    response = client.post(
        form_url(case_file), form_data(dict.fromkeys(applicable[:-2], "yes"), action="submit")
    )

    assert response.status_code == 200
    form = response.context["form"]
    by_code = {c.code: c for c in criteria_2016()}
    missing = {code for code in by_code if f"answer_{by_code[code].pk}" in form.errors}
    assert missing == set(applicable[-2:])
    html = response.content.decode()
    # Beside each missing one, and again in the error summary at the top.
    assert html.count("Answer this before submitting.") == 2 * 2
    assert "There are 2 problems" in html
    assert not Review.objects.filter(case_file=case_file).exists()


def test_criteria_that_do_not_apply_are_not_required_and_are_recorded_as_not_applicable(case_file):
    client = logged_in(case_file.reviewer)
    applicable = all_codes(DA_ONLY | VULNERABLE_OR_DA | NO_SUPPORT_ONLY)

    response = client.post(form_url(case_file), form_data(dict.fromkeys(applicable, "yes"), action="submit"))

    assert response.status_code == 302
    answers = saved_answers(case_file)
    assert len(answers) == len(criteria_2016())
    assert {code for code, value in answers.items() if value == AnswerValue.NOT_APPLICABLE} == (
        DA_ONLY | VULNERABLE_OR_DA | NO_SUPPORT_ONLY
    )
    assert Review.objects.get(case_file=case_file).status == ReviewStatus.SUBMITTED


def test_the_facts_entered_decide_which_criteria_apply(case_file):
    # A domestic-abuse file without the vulnerable-victim tick: safeguarding (C09) and referrals (C10) are
    # asked, since a victim of domestic abuse is vulnerable.
    client = logged_in(case_file.reviewer)
    applicable = all_codes(SUSPECT_ONLY)

    response = client.post(
        form_url(case_file),
        form_data(
            dict.fromkeys(all_codes(DA_ONLY | VULNERABLE_OR_DA | SUSPECT_ONLY), "yes"),
            action="submit",
            domestic_abuse="yes",
            risk_level="medium",
            outcome_code="16",
            suspect_identified="no",
        ),
    )

    form = response.context["form"]
    by_code = {c.code: c for c in criteria_2016()}
    assert {
        code for code in by_code if f"answer_{by_code[code].pk}" in form.errors
    } == DA_ONLY | VULNERABLE_OR_DA
    response = client.post(
        form_url(case_file),
        form_data(
            dict.fromkeys(applicable, "yes"),
            action="submit",
            domestic_abuse="yes",
            risk_level="medium",
            outcome_code="16",
            suspect_identified="no",
        ),
    )
    assert response.status_code == 302
    case_file.refresh_from_db()
    assert (case_file.domestic_abuse, case_file.outcome_code, case_file.risk_level) == (True, 16, "medium")
    assert saved_answers(case_file)["C17"] == AnswerValue.NOT_APPLICABLE
    assert saved_answers(case_file)["C22"] == AnswerValue.YES
    assert saved_answers(case_file)["C09"] == saved_answers(case_file)["C10"] == AnswerValue.YES


@pytest.mark.parametrize(("outcome", "asked"), [("14", True), ("15", False), ("16", True), ("", False)])
def test_victimless_prosecution_is_asked_only_where_the_victim_did_not_support_action(
    case_file, outcome, asked
):
    client = logged_in(case_file.reviewer)
    others = dict.fromkeys(all_codes(DA_ONLY | VULNERABLE_OR_DA | NO_SUPPORT_ONLY), "yes")

    response = client.post(form_url(case_file), form_data(others, action="submit", outcome_code=outcome))

    if asked:
        assert response.status_code == 200
        c22 = next(c for c in criteria_2016() if c.code == "C22")
        assert list(response.context["form"].errors) == [f"answer_{c22.pk}"]
    else:
        assert response.status_code == 302
        assert saved_answers(case_file)["C22"] == AnswerValue.NOT_APPLICABLE


def test_a_domestic_abuse_file_needs_its_risk_level_and_every_file_whether_a_suspect_was_identified(
    case_file,
):
    client = logged_in(case_file.reviewer)

    response = client.post(
        form_url(case_file),
        form_data(
            dict.fromkeys(all_codes(), "yes"), action="submit", domestic_abuse="yes", suspect_identified=""
        ),
    )

    errors = response.context["form"].errors
    assert "risk_level" in errors
    assert "suspect_identified" in errors


def test_a_yes_no_criterion_does_not_offer_partly(case_file):
    client = logged_in(case_file.reviewer)
    c13 = next(c for c in criteria_2016() if c.code == "C13")

    response = client.post(form_url(case_file), form_data({"C13": "partly"}))

    assert f"answer_{c13.pk}" in response.context["form"].errors


def test_two_people_saving_at_once_the_second_gets_a_conflict_and_keeps_their_own_values(case_file):
    reviewer = logged_in(case_file.reviewer)
    lead = logged_in(case_file.inspection.lead)
    reviewer.post(form_url(case_file), form_data({"C01": "yes"}))
    # Both open the form at version 1 (the second from the fields kept for the saved draft).
    assert shown_version(reviewer.get(form_url(case_file))) == 1
    assert shown_version(lead.get(form_url(case_file))) == 1

    first = reviewer.post(form_url(case_file), form_data({"C01": "no", "C02": "partly"}, version=1))
    second = lead.post(form_url(case_file), form_data({"C01": "not_known", "C03": "yes"}, version=1))

    assert first.status_code == 302
    assert second.status_code == 409
    html = second.content.decode()
    assert "Not saved:" in html
    assert "saved this review at" in html
    # The lead's unsaved answers are still selected in the form...
    form = second.context["form"]
    assert (
        form["answer_" + str(next(c.pk for c in criteria_2016() if c.code == "C01"))].value() == "not_known"
    )
    # ...the reviewer's saved ones are shown beside them, and the database holds the reviewer's.
    assert "Saved by" in html and "<strong>No</strong>" in html and "<strong>Partly</strong>" in html
    assert saved_answers(case_file) == {"C01": "no", "C02": "partly"}
    # Saving again is a deliberate overwrite at the current version.
    assert form["version"].value() == 2
    again = lead.post(form_url(case_file), form_data({"C01": "not_known", "C03": "yes"}, version=2))
    assert again.status_code == 302
    assert saved_answers(case_file) == {"C01": "not_known", "C02": "", "C03": "yes"}


def test_reopening_a_draft_shows_what_was_saved_last_even_by_someone_else(case_file):
    reviewer = logged_in(case_file.reviewer)
    lead = logged_in(case_file.inspection.lead)
    reviewer.post(form_url(case_file), form_data({"C01": "yes"}))
    assert checked_answer(reviewer.get(form_url(case_file)), "C01") == "yes"

    lead.post(form_url(case_file), form_data({"C01": "no", "C02": "partly"}, version=1))

    reopened = reviewer.get(form_url(case_file))
    assert shown_version(reopened) == 2
    assert checked_answer(reopened, "C01") == "no"
    assert checked_answer(reopened, "C02") == "partly"


def test_two_people_starting_the_same_review_at_once_do_not_overwrite_each_other(case_file):
    reviewer = logged_in(case_file.reviewer)
    lead = logged_in(case_file.inspection.lead)

    reviewer.post(form_url(case_file), form_data({"C01": "yes"}, version=0))
    clash = lead.post(form_url(case_file), form_data({"C01": "no"}, version=0))

    assert clash.status_code == 409
    assert saved_answers(case_file) == {"C01": "yes"}


def test_an_accepted_review_is_locked(case_file):
    review = submitted_review(case_file)
    review_accept(inspection=case_file.inspection, review_id=review.pk, user=case_file.inspection.lead)
    client = logged_in(case_file.reviewer)

    assert client.get(form_url(case_file)).status_code == 302
    response = client.post(form_url(case_file), form_data({"C01": "no"}, version=review.version + 1))

    # Nothing is saved, and the user is told so, not silently redirected (see tests/forms).
    assert response.status_code == 409
    assert b"Not saved: this review was accepted" in response.content
    assert saved_answers(case_file)["C01"] == "yes"


def test_a_submitted_review_cannot_be_edited_until_returned_and_then_is_resubmitted(case_file):
    review = submitted_review(case_file)
    client = logged_in(case_file.reviewer)
    assert client.get(form_url(case_file)).status_code == 302

    returned = review_return(
        inspection=case_file.inspection, review_id=review.pk, comment="C05: check the log times", user=None
    )
    page = client.get(form_url(case_file))
    assert b"C05: check the log times" in page.content
    answers = dict.fromkeys(all_codes(DA_ONLY | VULNERABLE_OR_DA | NO_SUPPORT_ONLY), "yes") | {"C05": "no"}
    response = client.post(form_url(case_file), form_data(answers, version=returned.version, action="submit"))

    assert response.status_code == 302
    review.refresh_from_db()
    assert review.status == ReviewStatus.SUBMITTED
    assert saved_answers(case_file)["C05"] == "no"


def test_the_second_reviewer_gets_the_facts_read_only_and_cannot_change_them(case_file):
    from reviews.services.double_review import double_review_select

    double_review_select(inspection=case_file.inspection, share_percent=100, seed=1)
    case_file.refresh_from_db()
    client = logged_in(case_file.second_reviewer)

    page = client.get(form_url(case_file, "second"))
    response = client.post(
        form_url(case_file, "second"),
        form_data(
            dict.fromkeys(all_codes(DA_ONLY | VULNERABLE_OR_DA | NO_SUPPORT_ONLY), "yes"), action="submit"
        )
        | {"domestic_abuse": "yes"},
    )

    assert b'name="domestic_abuse"' not in page.content
    assert response.status_code == 302
    case_file.refresh_from_db()
    assert case_file.domestic_abuse is False
    assert Review.objects.get(case_file=case_file, kind=ReviewKind.SECOND).status == ReviewStatus.SUBMITTED
