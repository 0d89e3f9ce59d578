"""Writes of the notifications app: record a notification, save someone's preferences, read them."""

from notifications.services.preferences import preferences_save
from notifications.services.reading import notification_open, notifications_read
from notifications.services.sending import notification_send

__all__ = ["notification_open", "notification_send", "notifications_read", "preferences_save"]
