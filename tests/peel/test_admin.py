"""The admin site: frameworks are managed there, and a programme in use is never changed destructively."""

import pytest
from django.contrib.messages import get_messages

from peel.models import Programme, Question
from programmes.services import programme_version_create
from tests.factories.inspections import inspection_with_drafts, peel_2016
from tests.factories.users import admin


@pytest.fixture
def admin_client(client, db):
    client.force_login(admin())
    return client


def _messages(response) -> str:
    return " ".join(str(message) for message in get_messages(response.wsgi_request))


@pytest.fixture
def programme_in_use(db) -> Programme:
    inspection_with_drafts()
    return peel_2016()


def test_a_programme_in_use_shows_its_questions_and_criteria_read_only(admin_client, programme_in_use):
    response = admin_client.get(f"/admin/peel/programme/{programme_in_use.pk}/change/")

    assert response.status_code == 200
    content = response.content.decode()
    assert "Create a new version instead" in content
    assert 'name="questions-0-text"' not in content  # shown, not editable
    assert "How effective is the force at tackling serious and organised crime?" in content
    assert 'name="criteria-0-text"' not in content


def test_an_unused_programme_has_editable_questions(admin_client):
    unused = programme_version_create(programme=peel_2016())

    content = admin_client.get(f"/admin/peel/programme/{unused.pk}/change/").content.decode()

    assert 'name="questions-0-text"' in content


def test_deleting_a_programme_in_use_is_refused_with_a_message(admin_client, programme_in_use):
    response = admin_client.post(f"/admin/peel/programme/{programme_in_use.pk}/delete/", {"post": "yes"})

    assert response.status_code == 302
    assert "Create a new version instead" in _messages(response)
    assert Programme.objects.filter(pk=programme_in_use.pk).exists()


def test_bulk_deleting_skips_programmes_in_use_with_a_message(admin_client, programme_in_use):
    unused = programme_version_create(programme=programme_in_use)

    response = admin_client.post(
        "/admin/peel/programme/",
        {"action": "delete_selected", "_selected_action": [programme_in_use.pk, unused.pk], "post": "yes"},
    )

    assert "Create a new version instead" in _messages(response)
    assert Programme.objects.filter(pk=programme_in_use.pk).exists()
    assert not Programme.objects.filter(pk=unused.pk).exists()


def test_a_question_of_a_programme_in_use_cannot_be_changed_or_deleted(admin_client, programme_in_use):
    question = programme_in_use.questions.get(code="2.3")
    path = f"/admin/peel/question/{question.pk}"

    changed = admin_client.post(f"{path}/change/", {"text": "Changed?", "code": "2.3"})
    deleted = admin_client.post(f"{path}/delete/", {"post": "yes"})

    assert changed.status_code == 403
    assert "Create a new version instead" in _messages(deleted)
    question.refresh_from_db()
    assert question.text == "How effective is the force's subsequent investigation?"


def test_the_new_version_action_copies_a_programme(admin_client, programme_in_use):
    response = admin_client.post(
        "/admin/peel/programme/",
        {"action": "programme_copy_as_new_version", "_selected_action": [programme_in_use.pk]},
        follow=True,
    )

    copy = Programme.objects.get(previous_version=programme_in_use)
    assert "Created" in response.content.decode()
    assert Question.objects.filter(programme=copy).count() == 21


def test_inspections_are_created_on_the_apps_own_page(admin_client):
    response = admin_client.get("/admin/peel/inspection/add/")

    assert response["Location"] == "/inspections/new/"


def test_judgments_are_read_only_in_the_admin_with_their_history(admin_client):
    inspection = inspection_with_drafts()
    judgment = inspection.judgments.first()

    assert admin_client.get(f"/admin/peel/judgment/{judgment.pk}/change/").status_code == 200
    assert (
        admin_client.post(f"/admin/peel/judgment/{judgment.pk}/change/", {"grade": "good"}).status_code == 403
    )
    assert admin_client.get(f"/admin/peel/judgment/{judgment.pk}/history/").status_code == 200
