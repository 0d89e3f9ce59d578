"""The API's access is the web's: an outsider gets 404 on another team's inspection and everything in
it, a team inspector 403 on what only the lead or the author may do, an admin who is not on the team
may read but not write, and the national view is for leads and admins. (The role × URL matrix,
tests/reliability, walks every API URL as every role too.)"""

import pytest

pytestmark = pytest.mark.django_db

INSPECTION_URLS = [
    "",
    "strata/",
    "files/",
    "files/{file}/",
    "files/{file}/reviews/first/",
    "files/{file}/discussion/first/",
    "reviews/",
    "evidence/",
    "evidence/{note}/",
    "results/",
    "compile-runs/",
    "judgments/",
    "summaries/",
    "afis/",
    "causes/",
]


def _url(world, suffix: str) -> str:
    suffix = suffix.format(file=world.draft_file.pk, note=world.note.pk)
    return f"/api/v1/inspections/{world.inspection.pk}/{suffix}"


@pytest.mark.parametrize("suffix", INSPECTION_URLS)
def test_an_outsider_gets_404_on_every_object_of_another_teams_inspection(world, as_role, suffix):
    response = as_role("outsider").get(_url(world, suffix))

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


@pytest.mark.parametrize("suffix", INSPECTION_URLS)
def test_the_team_inspector_reads_every_object_of_their_inspection(world, as_role, suffix):
    assert as_role("inspector").get(_url(world, suffix)).status_code == 200


def test_an_outsider_does_not_see_the_inspection_in_the_list(world, as_role):
    listed = as_role("outsider").get("/api/v1/inspections/").json()["results"]

    assert world.inspection.pk not in [row["id"] for row in listed]
    assert sorted(row["id"] for row in as_role("lead").get("/api/v1/inspections/").json()["results"]) == [
        world.inspection.pk,
        world.practice_inspection.pk,  # the world's lead leads both
    ]


def test_an_outsider_cannot_write_evidence_into_another_teams_inspection(world, as_role):
    response = as_role("outsider").post(_url(world, "evidence/"), {}, format="json")

    assert response.status_code == 404


def test_a_team_inspector_gets_403_changing_a_note_someone_else_wrote(world, as_role):
    world.note.author = world.inspector2
    world.note.save()
    version = as_role("inspector").get(_url(world, "evidence/{note}/")).json()["version"]

    response = as_role("inspector").patch(
        _url(world, "evidence/{note}/"), {"text": "Mine now.", "version": version}, format="json"
    )

    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"
    world.note.refresh_from_db()
    assert world.note.text != "Mine now."


def test_a_team_inspector_gets_403_saving_a_review_allocated_to_another_inspector(world, as_role):
    # The second review of the draft file is the other inspector's.
    response = as_role("inspector").put(
        _url(world, "files/{file}/reviews/second/"), {"version": 0, "answers": []}, format="json"
    )

    assert response.status_code == 403


def test_an_admin_who_is_not_on_the_team_reads_but_gets_403_writing_evidence(world, as_role):
    client = as_role("admin")

    assert client.get(_url(world, "evidence/")).status_code == 200
    response = client.post(_url(world, "evidence/"), {}, format="json")
    assert response.status_code == 403


def test_an_inspector_reads_only_their_own_reviews_and_the_lead_reads_all(world, as_role):
    mine = as_role("inspector").get(_url(world, "reviews/")).json()["results"]
    everyone = as_role("lead").get(_url(world, "reviews/")).json()["results"]

    assert {row["reviewer"] for row in mine} == {world.inspector.username}
    assert {row["reviewer"] for row in everyone} == {world.inspector.username, world.inspector2.username}


def test_the_national_view_is_for_leads_and_admins(world, as_role):
    url = f"/api/v1/national/{world.programme.slug}/"

    assert as_role("inspector").get(url).status_code == 403
    assert as_role("lead").get(url).status_code == 200
    assert as_role("admin").get(url).status_code == 200


def test_the_browser_session_reaches_the_api_with_the_same_rules(world, client):
    client.force_login(world.outsider)
    assert client.get(_url(world, "")).status_code == 404

    client.force_login(world.inspector)
    assert client.get(_url(world, "")).json()["id"] == world.inspection.pk
