"""Reads of the notifications app: someone's notifications, their unread count, their preferences."""

from django.db.models import QuerySet

from notifications.models import Notification, NotificationPreference


def notifications_of(*, user) -> QuerySet[Notification]:
    """Newest first; each row carries all a list shows, so a page of them costs one query."""
    return Notification.objects.filter(recipient=user).order_by("-created_at", "-pk")


def unread_count(*, user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def preference_of(*, user) -> NotificationPreference:
    """The saved preferences, or unsaved defaults (every kind in the digest; version "")."""
    return NotificationPreference.objects.filter(user=user).first() or NotificationPreference(user=user)
