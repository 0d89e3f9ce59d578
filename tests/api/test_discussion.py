"""A file's discussion through the API: the review's reviewer and the inspection's lead read its thread
and post to it with the web's rules (the same service, the same form's words, the same notifications);
everyone else is refused as on the thread's page, and the second review's thread stays blind."""

import uuid

import pytest
from rest_framework.test import APIClient

from notifications.models import Notification, NotificationKind
from reviews.models import MESSAGE_LIMIT, CaseFile, Message, MessageKind, ReviewKind
from reviews.services.discussion import message_post, thread_url
from reviews.services.moderation import review_return
from tests.api.conftest import token_client
from tests.factories.reviews import audit_inspection, drawn_inspection, submitted_review

pytestmark = pytest.mark.django_db


def _thread(case_file, kind: str = ReviewKind.FIRST) -> str:
    return f"/api/v1/inspections/{case_file.inspection_id}/files/{case_file.pk}/discussion/{kind}/"


def test_the_reviewer_posts_about_a_criterion_and_the_lead_is_told_as_from_the_web_form(world, as_role):
    response = as_role("inspector").post(
        _thread(world.draft_file),
        {"text": "  Is the DASH form in the file?  ", "criterion": "C05"},
        format="json",
    )

    assert response.status_code == 201, response.json()
    body = response.json()
    assert {key: body[key] for key in ("thread", "kind", "author", "criterion", "text")} == {
        "thread": "first",
        "kind": "message",
        "author": world.inspector.username,
        "criterion": "C05",
        "text": "Is the DASH form in the file?",
    }
    assert body["author_name"] == (world.inspector.get_full_name() or world.inspector.username)
    message = Message.objects.get(pk=body["id"])
    assert (message.author, message.review_kind, message.criterion.code) == (world.inspector, "first", "C05")
    told = Notification.objects.get(recipient=world.lead, kind=NotificationKind.MESSAGE)
    assert told.key == f"message:{message.pk}"
    assert told.url == thread_url(world.draft_file, ReviewKind.FIRST)
    assert not Notification.objects.filter(recipient=world.inspector, key=f"message:{message.pk}").exists()


def test_the_thread_lists_every_message_oldest_first_with_its_author_criterion_and_kind(world, as_role):
    case_file = world.submitted_file
    review = case_file.reviews.get(kind=ReviewKind.FIRST)
    message_post(inspection=world.inspection, case_file=case_file, author=world.inspector, body="A question.")
    review_return(
        inspection=world.inspection, review_id=review.pk, comment="Add C11's reason.", user=world.lead
    )

    listed = as_role("inspector").get(_thread(case_file)).json()

    assert listed["count"] == 2
    assert [(row["author"], row["kind"], row["criterion"], row["text"]) for row in listed["results"]] == [
        (world.inspector.username, MessageKind.MESSAGE, None, "A question."),
        (world.lead.username, MessageKind.RETURN_FOR_CHANGE, None, "Add C11's reason."),
    ]
    assert listed["results"][0]["created_at"] <= listed["results"][1]["created_at"]


def test_the_thread_is_paginated_as_every_list_of_the_api(world, as_role):
    for number in range(3):
        message_post(
            inspection=world.inspection, case_file=world.draft_file, author=world.lead, body=f"Note {number}"
        )
    client = as_role("lead")

    first = client.get(_thread(world.draft_file), {"page_size": 2}).json()
    second = client.get(first["next"]).json()

    assert first["count"] == 3 and [row["text"] for row in first["results"]] == ["Note 0", "Note 1"]
    assert [row["text"] for row in second["results"]] == ["Note 2"] and second["next"] is None
    assert client.get(_thread(world.draft_file), {"page": 9}).status_code == 404


@pytest.mark.parametrize(
    ("sent", "field", "words"),
    [
        ({"text": "   "}, "text", "Write your message."),
        ({"text": "x" * (MESSAGE_LIMIT + 1)}, "text", "at most 4,000 characters; this has 4,001"),
        ({}, "text", "required"),
        ({"text": "About what?", "criterion": "C99"}, "criterion", "No criterion of this programme"),
        ({"text": "Keyed.", "submission_key": "not-a-uuid"}, "submission_key", "UUID"),
    ],
)
def test_a_bad_message_is_refused_naming_its_field_and_nothing_is_posted(world, as_role, sent, field, words):
    response = as_role("inspector").post(_thread(world.draft_file), sent, format="json")

    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert list(body["errors"]) == [field]
    assert words in " ".join(body["errors"][field])
    assert not Message.objects.exists()
    assert not Notification.objects.filter(key__startswith="message:").exists()


def test_a_message_sent_again_with_its_submission_key_is_posted_once(world, as_role):
    client = as_role("inspector")
    sent = {"text": "Only once, please.", "submission_key": str(uuid.uuid4())}

    first = client.post(_thread(world.draft_file), sent, format="json")
    again = client.post(_thread(world.draft_file), sent, format="json")

    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert Message.objects.count() == 1
    assert Notification.objects.filter(recipient=world.lead, kind=NotificationKind.MESSAGE).count() == 1


def test_a_submission_key_of_someone_elses_message_is_refused_and_does_not_show_it(world, as_role):
    key = str(uuid.uuid4())
    as_role("inspector").post(
        _thread(world.draft_file), {"text": "First thoughts.", "submission_key": key}, format="json"
    )

    # The lead in the second thread, and the second reviewer on another file, with the same key.
    in_second = as_role("lead").post(
        _thread(world.draft_file, ReviewKind.SECOND), {"text": "Hello.", "submission_key": key}, format="json"
    )
    elsewhere = as_role("inspector2").post(
        _thread(world.submitted_file, ReviewKind.SECOND),
        {"text": "Hi.", "submission_key": key},
        format="json",
    )

    for response in (in_second, elsewhere):
        assert response.status_code == 400
        assert list(response.json()["errors"]) == ["submission_key"]
        assert "First thoughts." not in response.content.decode()
    assert Message.objects.count() == 1


def test_each_review_has_its_own_thread_and_the_second_stays_blind(world, as_role):
    message_post(
        inspection=world.inspection, case_file=world.draft_file, author=world.inspector, body="First."
    )
    second_reviewer = as_role("inspector2")

    assert second_reviewer.get(_thread(world.draft_file, ReviewKind.FIRST)).status_code == 403
    posted = second_reviewer.post(
        _thread(world.draft_file, ReviewKind.SECOND), {"text": "Blind."}, format="json"
    )
    assert posted.status_code == 201
    assert as_role("inspector").get(_thread(world.draft_file, ReviewKind.SECOND)).status_code == 403
    assert [
        row["text"] for row in second_reviewer.get(_thread(world.draft_file, "second")).json()["results"]
    ] == ["Blind."]
    lead = as_role("lead")
    assert [row["text"] for row in lead.get(_thread(world.draft_file, "first")).json()["results"]] == [
        "First."
    ]
    assert [row["text"] for row in lead.get(_thread(world.draft_file, "second")).json()["results"]] == [
        "Blind."
    ]
    assert Notification.objects.filter(recipient=world.lead, kind=NotificationKind.MESSAGE).count() == 2


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("outsider", 404),  # an inspector not on the inspection: it is not disclosed
        ("admin", 403),  # reads the file, but is not in its discussion
        ("hmi", 403),
        ("inspector2", 403),  # the other review's reviewer
        # By token a force liaison is not on the inspection (by session the liaisons' middleware refuses
        # them every API URL first, with 403: the role × URL matrix).
        ("liaison", 404),
        ("force_liaison", 404),
    ],
)
def test_people_outside_the_thread_can_neither_read_nor_post(world, as_role, role, status):
    message_post(inspection=world.inspection, case_file=world.draft_file, author=world.lead, body="Private.")
    client = as_role(role)

    read = client.get(_thread(world.draft_file))
    posted = client.post(_thread(world.draft_file), {"text": "Let me in."}, format="json")

    assert read.status_code == posted.status_code == status
    assert "Private." not in read.content.decode()
    assert Message.objects.count() == 1


def test_anonymous_callers_get_401(world):
    assert APIClient().get(_thread(world.draft_file)).status_code == 401


def test_a_file_of_another_inspection_and_a_second_thread_without_a_second_review_are_404(world, as_role):
    other = drawn_inspection(2, lead=world.lead)
    single = CaseFile.objects.filter(inspection=other, double_review=False).first()
    client = as_role("lead")

    wrong_inspection = f"/api/v1/inspections/{world.inspection.pk}/files/{single.pk}/discussion/first/"
    assert client.get(wrong_inspection).status_code == 404
    assert client.get(_thread(single, ReviewKind.SECOND)).status_code == 404
    assert client.post(_thread(single, ReviewKind.SECOND), {"text": "Hi."}, format="json").status_code == 404
    assert client.get(_thread(single, ReviewKind.FIRST)).status_code == 200


def test_an_audits_file_is_discussed_as_a_whole_not_by_criterion(db):
    inspection = audit_inspection({"Stalking": 4}, {"Stalking": 2})
    case_file = CaseFile.objects.filter(inspection=inspection).select_related("reviewer").first()
    client = token_client(case_file.reviewer)

    refused = client.post(_thread(case_file), {"text": "About C01.", "criterion": "C01"}, format="json")
    posted = client.post(_thread(case_file), {"text": "About the file.", "criterion": None}, format="json")

    assert refused.status_code == 400 and list(refused.json()["errors"]) == ["criterion"]
    assert posted.status_code == 201 and posted.json()["criterion"] is None


def test_a_form_post_is_refused_as_every_write_of_the_api_is(world, as_role):
    response = as_role("inspector").post(_thread(world.draft_file), {"text": "Form-encoded."})

    assert response.status_code == 415
    assert not Message.objects.exists()


def test_a_message_posted_by_the_api_shows_on_the_thread_page(world, as_role, client):
    as_role("inspector").post(_thread(world.draft_file), {"text": "Seen on the web too."}, format="json")
    client.force_login(world.lead)

    assert (
        "Seen on the web too." in client.get(thread_url(world.draft_file, ReviewKind.FIRST)).content.decode()
    )


def test_a_review_returned_is_read_through_the_thread_by_its_reviewer(world, as_role):
    review = submitted_review(CaseFile.objects.get(pk=world.draft_file.pk), ReviewKind.SECOND)
    review_return(inspection=world.inspection, review_id=review.pk, comment="Check C02.", user=world.lead)

    rows = as_role("inspector2").get(_thread(world.draft_file, ReviewKind.SECOND)).json()["results"]

    assert [(row["kind"], row["text"]) for row in rows] == [(MessageKind.RETURN_FOR_CHANGE, "Check C02.")]
