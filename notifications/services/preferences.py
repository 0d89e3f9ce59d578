"""Save someone's notification preferences, refusing a save made from a stale page."""

from django.db import transaction

from notifications.models import NotificationPreference


class StalePreferences(Exception):
    """The settings were changed elsewhere since the form was shown."""


def preferences_save(*, user, choices: dict[str, str], version: int) -> NotificationPreference:
    with transaction.atomic():
        preference, _ = NotificationPreference.objects.get_or_create(user=user)
        preference = NotificationPreference.objects.select_for_update().get(pk=preference.pk)
        if preference.version != version:
            raise StalePreferences(
                "Your notification settings were changed elsewhere since you opened this page: "
                "check them and save again."
            )
        if {**preference.choices} == choices:
            return preference
        preference.choices = choices
        preference.version += 1
        preference.save(update_fields=["choices", "version", "updated_at"])
    return preference
