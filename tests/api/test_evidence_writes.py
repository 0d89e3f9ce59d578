"""Evidence notes written through the API go through the web's form and services: the same validation,
a version sent back so that a stale change is refused with 409, and the history records who did it."""

import datetime

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from peel.models import EvidenceNote
from peel.services.approval import ApprovalAction, approvable_transition

pytestmark = pytest.mark.django_db

NEW_NOTE = {
    "question": "3.1",
    "source": "interview",
    "direction": "weakness",
    "observed_on": "2016-09-14",
    "text": "  Call handlers did not give safeguarding advice.  ",
    "proposed_afi": True,
}


def _notes(world) -> str:
    return f"/api/v1/inspections/{world.inspection.pk}/evidence/"


def _note(world, note_id: int) -> str:
    return f"{_notes(world)}{note_id}/"


def test_a_team_inspector_records_a_note_which_the_web_then_lists(world, as_role, client):
    response = as_role("inspector2").post(_notes(world), NEW_NOTE, format="json")

    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["question"] == "3.1"
    assert body["author"] == world.inspector2.username
    assert body["text"] == "Call handlers did not give safeguarding advice."
    note = EvidenceNote.objects.get(pk=body["id"])
    assert note.history.get().history_user == world.inspector2
    client.force_login(world.lead)
    assert (
        "Call handlers did not give safeguarding advice."
        in client.get(f"/inspections/{world.inspection.pk}/evidence/").content.decode()
    )


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        (
            {"observed_on": (timezone.localdate() + datetime.timedelta(days=1)).isoformat()},
            "observed_on",
            "future",
        ),
        ({"question": "3"}, "question", "Choose a sub-question"),
        ({"question": "9.9"}, "question", "Choose a sub-question"),
        ({"text": "   "}, "text", ""),
        ({"source": "gossip"}, "source", "not a valid choice"),
        ({"observed_on": "14/09/2016"}, "observed_on", "format"),
    ],
)
def test_a_note_the_web_form_would_refuse_is_refused_naming_the_field(world, as_role, change, field, words):
    response = as_role("inspector").post(_notes(world), {**NEW_NOTE, **change}, format="json")

    assert response.status_code == 400
    body = response.json()
    assert body["status"] == 400 and body["code"] == "invalid"
    assert words in " ".join(body["errors"][field])
    assert EvidenceNote.objects.count() == 1  # the world's own


def test_the_author_changes_their_note_with_the_version_they_read(world, as_role):
    client = as_role("inspector")
    read = client.get(_note(world, world.note.pk)).json()

    response = client.patch(
        _note(world, world.note.pk), {"text": "Corrected.", "version": read["version"]}, format="json"
    )

    assert response.status_code == 200, response.json()
    assert response.json()["text"] == "Corrected."
    assert response.json()["version"] != read["version"]
    assert response.json()["question"] == read["question"]  # fields left out stay as they were
    latest = world.note.history.latest()
    assert (latest.history_type, latest.history_user, latest.text) == ("~", world.inspector, "Corrected.")


def test_a_change_sent_with_a_stale_version_is_refused_with_409_and_nothing_is_saved(world, as_role):
    inspector, lead = as_role("inspector"), as_role("lead")
    stale = inspector.get(_note(world, world.note.pk)).json()["version"]
    saved = lead.patch(
        _note(world, world.note.pk), {"text": "The lead's words.", "version": stale}, format="json"
    )
    assert saved.status_code == 200

    response = inspector.patch(
        _note(world, world.note.pk), {"text": "Mine.", "version": stale}, format="json"
    )

    assert response.status_code == 409
    body = response.json()
    assert body["code"] == "conflict"
    assert "changed this evidence note after you read it" in body["message"]
    assert body["current_version"] == saved.json()["version"]
    world.note.refresh_from_db()
    assert world.note.text == "The lead's words."


def test_a_change_without_a_version_is_refused(world, as_role):
    response = as_role("inspector").patch(_note(world, world.note.pk), {"text": "No version."}, format="json")

    assert response.status_code == 400
    assert "version" in response.json()["errors"]


def test_the_author_deletes_a_note_with_its_version_and_its_history_stays(world, as_role):
    client = as_role("lead")
    note = client.post(_notes(world), NEW_NOTE, format="json").json()

    stale = client.delete(f"{_note(world, note['id'])}?version=1451606400000000")  # 1 January 2016
    assert stale.status_code == 409
    response = client.delete(f"{_note(world, note['id'])}?version={note['version']}")

    assert response.status_code == 204
    assert not EvidenceNote.objects.filter(pk=note["id"]).exists()
    deleted = EvidenceNote.history.filter(id=note["id"]).latest()
    assert (deleted.history_type, deleted.history_user) == ("-", world.lead)


def test_a_note_an_approved_afi_cites_cannot_be_deleted(world, as_role):
    lead = as_role("lead")
    approvable_transition(item=world.afi, user=world.lead, action=ApprovalAction.APPROVE)
    version = lead.get(_note(world, world.note.pk)).json()["version"]

    response = lead.delete(f"{_note(world, world.note.pk)}?version={version}")

    assert response.status_code == 400
    assert "cited by 1 approved area for improvement" in response.json()["message"]


def test_a_write_must_be_json(world, as_role):
    response = as_role("inspector").post(_notes(world), NEW_NOTE)  # a form's encoding

    assert response.status_code == 415
    assert response.json()["code"] == "unsupported_media_type"


def test_a_browser_session_writes_only_with_the_csrf_token(world):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(world.inspector)

    response = client.post(_notes(world), NEW_NOTE, format="json")

    assert response.status_code == 403
    assert "CSRF" in response.json()["message"]
