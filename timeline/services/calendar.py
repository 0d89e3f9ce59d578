"""A person's secret calendar link."""

from django.db import transaction

from timeline.models import CalendarToken


def calendar_token_renew(*, user) -> CalendarToken:
    """Give the user a calendar link, or a new one in place of the old, which stops working at once."""
    with transaction.atomic():
        token, created = CalendarToken.objects.select_for_update().get_or_create(user=user)
        if not created:
            token.renew()
            token.save(update_fields=["key", "secret", "renewed_at"])
    return token
