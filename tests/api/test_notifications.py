"""The caller's notifications through the API: their own only, newest first with whether each is read,
and marked read one at a time (as opening it in peel does) or all at once."""

import pytest
from rest_framework.test import APIClient

from notifications.models import Notification, NotificationKind
from notifications.services import notification_send
from reviews.services.discussion import message_post

pytestmark = pytest.mark.django_db

NOTIFICATIONS = "/api/v1/notifications/"


def _send(user, key: str, subject: str = "Something happened") -> Notification:
    return notification_send(
        recipient=user, kind=NotificationKind.MESSAGE, subject=subject, body="Details.", url="/", key=key
    )


def _read(notification_id: int) -> str:
    return f"{NOTIFICATIONS}{notification_id}/read/"


def test_the_list_holds_the_callers_own_notifications_newest_first_with_their_read_state(world, as_role):
    older = _send(world.inspector, "older", "Older")
    newer = _send(world.inspector, "newer", "Newer")
    _send(world.lead, "the-leads", "Not yours")
    Notification.objects.filter(pk=older.pk).update(created_at=newer.created_at.replace(year=2015))

    rows = as_role("inspector").get(NOTIFICATIONS, {"page_size": 200}).json()["results"]

    ids = [row["id"] for row in rows]
    assert set(ids) == set(
        Notification.objects.filter(recipient=world.inspector).values_list("pk", flat=True)
    )
    assert ids.index(newer.pk) < ids.index(older.pk)
    assert rows[-1]["id"] == older.pk
    assert "Not yours" not in [row["subject"] for row in rows]
    assert {(row["read"], row["read_at"]) for row in rows} == {(False, None)}


def test_a_message_posted_to_a_thread_reaches_the_others_notifications_with_its_link(world, as_role):
    message_post(inspection=world.inspection, case_file=world.draft_file, author=world.inspector, body="Hi.")

    newest = as_role("lead").get(NOTIFICATIONS).json()["results"][0]

    assert newest["kind"] == NotificationKind.MESSAGE
    assert newest["body"] == "Hi."
    assert newest["url"].endswith(f"/files/{world.draft_file.pk}/discussion/first/")


def test_marking_one_read_reads_it_once_and_the_unread_filter_leaves_it_out(world, as_role):
    client = as_role("inspector")
    notification = world.notification

    marked = client.post(_read(notification.pk))
    again = client.post(_read(notification.pk))

    assert marked.status_code == 200
    assert marked.json()["read"] is True and marked.json()["read_at"] is not None
    assert again.json()["read_at"] == marked.json()["read_at"]  # the first opening counts
    unread = client.get(NOTIFICATIONS, {"unread": "true"}).json()["results"]
    read = client.get(NOTIFICATIONS, {"unread": "false"}).json()["results"]
    assert notification.pk not in [row["id"] for row in unread]
    assert [row["id"] for row in read] == [notification.pk]


@pytest.mark.parametrize("role", ["lead", "outsider", "admin", "hmi"])
def test_someone_elses_notification_is_404_and_stays_unread(world, as_role, role):
    response = as_role(role).post(_read(world.notification.pk))

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
    world.notification.refresh_from_db()
    assert world.notification.read_at is None


def test_marking_all_read_marks_only_the_callers_and_says_how_many(world, as_role):
    _send(world.inspector, "second")
    theirs = _send(world.lead, "the-leads")
    unread = Notification.objects.filter(recipient=world.inspector, read_at__isnull=True).count()
    client = as_role("inspector")

    response = client.post(f"{NOTIFICATIONS}read/")

    assert response.status_code == 200
    assert response.json() == {"marked": unread}
    assert client.post(f"{NOTIFICATIONS}read/").json() == {"marked": 0}
    assert client.get(NOTIFICATIONS, {"unread": "true"}).json()["count"] == 0
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_anonymous_callers_get_401(world):
    assert APIClient().get(NOTIFICATIONS).status_code == 401
    assert APIClient().post(f"{NOTIFICATIONS}read/").status_code == 401
    assert APIClient().post(_read(world.notification.pk)).status_code == 401
