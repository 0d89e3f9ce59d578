"""Save someone's notification preferences, refusing a save made from a stale page."""

from django.db import IntegrityError, transaction

from notifications.models import NotificationPreference
from peel.services.approval import version_ensure


def preferences_save(*, user, choices: dict[str, str], version: str | None) -> NotificationPreference:
    """``choices`` holds the kinds not left in the digest; ``version`` is the ``edit_version`` the page was
    loaded with ("" before the first save). Saving what is already saved writes nothing.

    Raises ValidationError (code "conflict") where the settings were saved elsewhere since."""
    with transaction.atomic():
        preference = NotificationPreference.objects.select_for_update().filter(user=user).first()
        if preference is None:
            preference = NotificationPreference(user=user)
        else:
            version_ensure(current=preference, version=version)
        if preference.choices == choices:
            return preference
        preference.choices = choices
        try:
            with transaction.atomic():
                preference.save()
        except IntegrityError:  # someone else's first save of this user's settings came first
            version_ensure(current=NotificationPreference.objects.get(user=user), version=version)
            raise
    return preference
