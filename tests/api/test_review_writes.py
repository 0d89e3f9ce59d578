"""Saving and submitting a review through the API is the web's review form and ``review_save``: the
same checks, the same version guard (409 on a stale save, nothing overwritten), the same result."""

import pytest

from peel.models import Criterion
from reviews.applicability import FileFacts, criterion_applies
from reviews.models import Answer, Review, ReviewKind, ReviewStatus

pytestmark = pytest.mark.django_db


def _url(world, case_file, kind="first") -> str:
    return f"/api/v1/inspections/{world.inspection.pk}/files/{case_file.pk}/reviews/{kind}/"


def _every_applicable_answer(case_file, value="yes") -> list[dict]:
    facts = FileFacts.of(case_file)
    return [
        {"criterion": criterion.code, "value": value, "note": ""}
        for criterion in Criterion.objects.filter(programme=case_file.inspection.programme)
        if criterion_applies(criterion.applicability, facts)
    ]


def _facts(case_file) -> dict:
    return {
        "outcome_code": case_file.outcome_code,
        "domestic_abuse": case_file.domestic_abuse,
        "vulnerable_victim": case_file.vulnerable_victim,
        "repeat_victim": case_file.repeat_victim,
        "suspect_identified": True,
        "risk_level": "standard" if case_file.domestic_abuse else "",
    }


def test_the_allocated_inspector_saves_a_draft_with_the_version_they_read(world, as_role):
    client = as_role("inspector")
    read = client.get(_url(world, world.draft_file)).json()

    response = client.put(
        _url(world, world.draft_file),
        {"version": read["version"], "answers": [{"criterion": "C01", "value": "partly", "note": "Late."}]},
        format="json",
    )

    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["version"] == read["version"] + 1
    assert body["status"] == "draft"
    answers = {answer["criterion"]: answer for answer in body["answers"]}
    assert answers.pop("C01") == {"criterion": "C01", "value": "partly", "note": "Late."}
    assert {answer["value"] for answer in answers.values()} == {""}  # what was left out is unanswered
    review = Review.objects.get(case_file=world.draft_file, kind=ReviewKind.FIRST)
    assert review.updated_by == world.inspector


def test_a_save_with_a_stale_version_is_refused_with_409_and_the_other_save_stands(world, as_role):
    inspector, lead = as_role("inspector"), as_role("lead")
    stale = inspector.get(_url(world, world.draft_file)).json()["version"]
    answers = [{"criterion": "C01", "value": "no", "note": "The lead's view."}]
    saved = lead.put(_url(world, world.draft_file), {"version": stale, "answers": answers}, format="json")
    assert saved.status_code == 200

    response = inspector.put(
        _url(world, world.draft_file),
        {"version": stale, "answers": [{"criterion": "C01", "value": "yes"}]},
        format="json",
    )

    assert response.status_code == 409
    assert response.json()["code"] == "conflict"
    assert response.json()["current_version"] == stale + 1
    assert Answer.objects.get(review__case_file=world.draft_file, criterion__code="C01").value == "no"


def test_submitting_needs_every_criterion_that_applies_and_says_which_are_missing(world, as_role):
    client = as_role("inspector")
    version = client.get(_url(world, world.draft_file)).json()["version"]
    answers = _every_applicable_answer(world.draft_file)[1:]  # C01 left out

    response = client.put(
        _url(world, world.draft_file),
        {"version": version, "submit": True, "answers": answers, "facts": _facts(world.draft_file)},
        format="json",
    )

    assert response.status_code == 400
    assert response.json()["errors"]["answers.C01"] == ["Answer this before submitting."]
    assert Review.objects.get(case_file=world.draft_file, kind="first").status == ReviewStatus.DRAFT


def test_a_complete_review_is_submitted_and_criteria_that_do_not_apply_are_recorded_so(world, as_role):
    client = as_role("inspector")
    version = client.get(_url(world, world.draft_file)).json()["version"]

    response = client.put(
        _url(world, world.draft_file),
        {
            "version": version,
            "submit": True,
            "answers": _every_applicable_answer(world.draft_file),
            "facts": _facts(world.draft_file),
        },
        format="json",
    )

    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["status"] == "submitted"
    programme_criteria = Criterion.objects.filter(programme=world.programme).count()
    assert len(body["answers"]) == programme_criteria
    assert {answer["value"] for answer in body["answers"]} <= {"yes", "not_applicable"}


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"answers": [{"criterion": "C99", "value": "yes"}]}, "answers"),
        ({"answers": [{"criterion": "C01", "value": "maybe"}]}, "answers.0.value"),
        ({"answers": [{"criterion": "C01", "value": "yes"}, {"criterion": "C01", "value": "no"}]}, "answers"),
        (
            {
                "answers": [],
                "facts": {
                    **dict.fromkeys(["domestic_abuse", "vulnerable_victim", "repeat_victim"], False),
                    "outcome_code": 40,
                    "suspect_identified": None,
                    "risk_level": "",
                },
            },
            "facts.outcome_code",
        ),
        ({"answers": []}, "version"),
    ],
)
def test_a_save_the_form_would_refuse_is_refused_naming_what_is_wrong(world, as_role, payload, field):
    client = as_role("inspector")
    body = {"version": client.get(_url(world, world.draft_file)).json()["version"], **payload}
    if field == "version":
        body.pop("version")

    response = client.put(_url(world, world.draft_file), body, format="json")

    assert response.status_code == 400
    assert field in response.json()["errors"], response.json()


def test_a_yes_no_criterion_refuses_partly_as_the_form_does(world, as_role):
    yes_no = Criterion.objects.filter(programme=world.programme, answer_set="yes_no").first()
    client = as_role("inspector")
    version = client.get(_url(world, world.draft_file)).json()["version"]

    response = client.put(
        _url(world, world.draft_file),
        {"version": version, "answers": [{"criterion": yes_no.code, "value": "partly"}]},
        format="json",
    )

    assert response.status_code == 400
    assert f"answers.{yes_no.code}" in response.json()["errors"]


def test_a_submitted_review_cannot_be_saved_again(world, as_role):
    client = as_role("lead")
    version = client.get(_url(world, world.submitted_file)).json()["version"]

    response = client.put(
        _url(world, world.submitted_file), {"version": version, "answers": []}, format="json"
    )

    assert response.status_code == 400
    assert "can no longer be edited" in response.json()["message"]
