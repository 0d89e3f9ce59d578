"""Every error is one JSON shape ({status, code, message, errors}); lists are paginated and filtered
with their parameters validated; each token has its own budget of requests."""

import pytest

from tests.api.conftest import token_client

pytestmark = pytest.mark.django_db

SHAPE = {"status", "code", "message", "errors"}


def test_errors_of_every_kind_have_the_one_shape(world, as_role, client):
    lead = as_role("lead")
    inspection = f"/api/v1/inspections/{world.inspection.pk}/"
    answers = {
        401: client.get(inspection),
        403: as_role("inspector").get(f"/api/v1/national/{world.programme.slug}/"),
        404: lead.get("/api/v1/inspections/987654/"),
        405: lead.delete(inspection),
        400: lead.get(f"{inspection}files/", {"status": "lost"}),
        415: lead.post(f"{inspection}evidence/", "text", content_type="text/plain"),
    }
    for status, response in answers.items():
        body = response.json()
        assert response.status_code == status
        assert set(body) == SHAPE, body
        assert body["status"] == status and body["message"]


def test_a_bad_filter_is_a_400_naming_the_parameter(world, as_role):
    response = as_role("lead").get(f"/api/v1/inspections/{world.inspection.pk}/files/", {"stratum": "x"})

    assert response.status_code == 400
    assert response.json()["errors"] == {"stratum": ["Enter a whole number."]}


def test_lists_are_paginated_and_filtered(world, as_role):
    client = as_role("lead")
    files = f"/api/v1/inspections/{world.inspection.pk}/files/"
    total = client.get(files).json()["count"]

    first = client.get(files, {"page_size": 5}).json()
    second = client.get(first["next"]).json()
    mine = client.get(files, {"reviewer": world.inspector.username}).json()

    assert len(first["results"]) == 5 and first["previous"] is None
    assert {row["id"] for row in first["results"]}.isdisjoint(row["id"] for row in second["results"])
    assert 0 < mine["count"] < total
    assert {row["reviewer"] for row in mine["results"]} == {world.inspector.username}
    assert client.get(files, {"page": 999}).status_code == 404


def test_the_evidence_list_filters_as_the_web_list_does(world, as_role):
    client = as_role("lead")
    notes = f"/api/v1/inspections/{world.inspection.pk}/evidence/"
    core = world.programme.questions.get(code="3")

    by_core = client.get(notes, {"question": core.pk}).json()["results"]
    by_other_core = client.get(notes, {"question": world.programme.questions.get(code="1").pk}).json()

    assert [row["id"] for row in by_core] == [world.note.pk]  # a core question matches its sub-questions
    assert by_other_core["count"] == 0


def test_each_token_has_its_own_budget_and_a_throttled_caller_is_told_when_to_retry(world, settings):
    settings.API_THROTTLE_RATE = "3/minute"
    busy, other = token_client(world.lead), token_client(world.lead)

    answers = [busy.get("/api/v1/programmes/").status_code for _ in range(4)]

    assert answers == [200, 200, 200, 429]
    refused = busy.get("/api/v1/programmes/")
    assert refused.json()["code"] == "throttled"
    assert int(refused["Retry-After"]) > 0
    assert other.get("/api/v1/programmes/").status_code == 200


def test_a_url_under_api_that_matches_nothing_answers_in_the_api_shape(world, as_role, client):
    response = as_role("lead").get("/api/v1/inspections/-1/")

    assert response.status_code == 404
    assert set(response.json()) == SHAPE
    client.force_login(world.lead)
    assert b"<html" in client.get("/no-such-page/").content  # the site's own page elsewhere
