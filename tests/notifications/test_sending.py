import smtplib

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from notifications.models import Delivery, Notification, NotificationKind
from notifications.services import notification_send, preferences_save
from notifications.tasks import notification_deliver
from tests.factories.users import UserFactory

pytestmark = pytest.mark.django_db


def send(user, key="k1", kind=NotificationKind.REVIEW_RETURNED):
    return notification_send(
        recipient=user,
        kind=kind,
        subject=f"Subject {key}",
        body=f"Body {key}",
        url="/inspections/1/",
        key=key,
    )


def test_a_second_call_with_the_same_key_records_nothing():
    user = UserFactory(username="ann", email="ann@example.test")
    assert send(user) is not None
    assert send(user) is None
    assert Notification.objects.filter(recipient=user).count() == 1


def test_a_kind_turned_off_is_not_recorded():
    user = UserFactory(username="ann", email="ann@example.test")
    preferences_save(user=user, choices={NotificationKind.REVIEW_RETURNED: Delivery.OFF}, version="")
    assert send(user) is None
    assert not Notification.objects.exists()


def test_a_kind_not_chosen_goes_in_the_digest_and_is_not_emailed_at_once(
    mailoutbox, django_capture_on_commit_callbacks
):
    user = UserFactory(username="ann", email="ann@example.test")
    with django_capture_on_commit_callbacks(execute=True):
        notification = send(user)
    assert notification.delivery == Delivery.DIGEST
    assert mailoutbox == []


def test_an_immediate_kind_is_emailed_once_the_caller_commits(mailoutbox, django_capture_on_commit_callbacks):
    user = UserFactory(username="ann", email="ann@example.test")
    preferences_save(user=user, choices={NotificationKind.REVIEW_RETURNED: Delivery.IMMEDIATELY}, version="")
    with django_capture_on_commit_callbacks(execute=True):
        notification = send(user)
    assert len(mailoutbox) == 1
    assert "http://127.0.0.1:8000/inspections/1/" in mailoutbox[0].body
    notification.refresh_from_db()
    assert notification.sent_at is not None and notification.attempts == 1
    assert notification_deliver(notification.pk) is False
    assert len(mailoutbox) == 1


def test_the_digest_lists_each_unsent_notification_once_and_marks_them_sent(mailoutbox):
    user = UserFactory(username="ann", email="ann@example.test")
    send(user, "a")
    send(user, "b")
    call_command("notifications_digest")
    assert len(mailoutbox) == 1
    assert "Subject a" in mailoutbox[0].body and "Subject b" in mailoutbox[0].body
    assert mailoutbox[0].subject == "peel: 2 new notifications"
    assert not Notification.objects.filter(sent_at__isnull=True).exists()
    call_command("notifications_digest")
    assert len(mailoutbox) == 1


def test_a_stale_preferences_save_is_refused_and_an_unchanged_one_writes_nothing():
    user = UserFactory(username="ann")
    saved = preferences_save(user=user, choices={"message": "off"}, version="")
    unchanged = preferences_save(user=user, choices={"message": "off"}, version=saved.edit_version)
    assert unchanged.edit_version == saved.edit_version
    with pytest.raises(ValidationError) as refused:
        preferences_save(user=user, choices={"message": "immediately"}, version="")
    assert refused.value.code == "conflict"


def test_a_failed_delivery_records_the_error_and_a_later_attempt_succeeds(smtp_server):
    user = UserFactory(username="ann", email="ann@example.test")
    notification = send(user)
    with pytest.raises((OSError, smtplib.SMTPException)):
        notification_deliver.run(notification.pk)
    notification.refresh_from_db()
    assert notification.attempts == 1 and notification.last_error and notification.sent_at is None
    inbox = smtp_server()
    assert notification_deliver.run(notification.pk) is True
    notification.refresh_from_db()
    assert notification.attempts == 2 and notification.last_error == "" and notification.sent_at
    assert [m.rcpt_tos for m in inbox.messages] == [["ann@example.test"]]


@pytest.mark.live
def test_a_real_smtp_server_receives_the_immediate_and_the_digest_mails(
    smtp_server, django_capture_on_commit_callbacks
):
    inbox = smtp_server()
    user = UserFactory(username="ann", email="ann@example.test")
    preferences_save(user=user, choices={NotificationKind.MESSAGE: Delivery.IMMEDIATELY}, version="")
    with django_capture_on_commit_callbacks(execute=True):
        send(user, "now", kind=NotificationKind.MESSAGE)
        send(user, "later")
    call_command("notifications_digest")
    bodies = [m.content.decode() for m in inbox.messages]
    assert len(bodies) == 2
    assert "Subject: Subject now" in bodies[0] and "Body now" in bodies[0]
    assert "Subject: peel: 1 new notification" in bodies[1] and "Subject later" in bodies[1]
