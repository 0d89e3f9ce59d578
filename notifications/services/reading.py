"""The recipient reads their notifications in peel: opening one, or marking them all read."""

from django.utils import timezone

from notifications.models import Notification


def notification_open(*, user, notification_id: int) -> Notification:
    """Mark one of the user's notifications read (the first opening counts) and return it.

    Raises Notification.DoesNotExist for anyone else's: a notification is its recipient's alone."""
    notification = Notification.objects.get(pk=notification_id, recipient=user)
    if notification.read_at is None:
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=timezone.now())
    return notification


def notifications_read(*, user) -> int:
    """Mark every unread notification of the user read; returns how many."""
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(read_at=timezone.now())
