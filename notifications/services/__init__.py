"""Writes of the notifications app: record a notification, save someone's preferences."""

from notifications.services.preferences import preferences_save
from notifications.services.sending import notification_send

__all__ = ["notification_send", "preferences_save"]
