"""Save someone's notification preferences, refusing a save made from a stale page."""

from django.db import transaction

from notifications.models import NotificationPreference
from peel.services.approval import version_ensure


def preferences_save(*, user, choices: dict[str, str], version: str | None) -> NotificationPreference:
    """``version`` is the ``edit_version`` the page was loaded with ("" before the first save).

    Raises ValidationError (code "conflict") where the settings were saved elsewhere since.
    """
    with transaction.atomic():
        preference, created = NotificationPreference.objects.select_for_update().get_or_create(user=user)
        if not created:
            version_ensure(current=preference, version=version)
        if preference.choices == choices:
            return preference
        preference.choices = choices
        preference.save(update_fields=["choices", "updated_at"])
    return preference
