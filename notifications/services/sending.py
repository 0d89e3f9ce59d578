"""Record a notification once per (recipient, key) and email it as the recipient prefers."""

from django.db import IntegrityError, transaction

from notifications.models import Delivery, Notification, NotificationKind, NotificationPreference


def delivery_of(recipient, kind: str) -> str:
    preference = NotificationPreference.objects.filter(user=recipient).first()
    return preference.delivery_for(kind) if preference else Delivery.DIGEST


def notification_send(
    *, recipient, kind: NotificationKind, subject: str, body: str, url: str, key: str
) -> Notification | None:
    """Record the notification unless this recipient already has one with this key, or turned the kind off.

    Returns the new notification, or None when nothing was recorded. An "immediately" notification is
    emailed by a task queued once the caller's transaction commits.
    """
    if not url.startswith("/") or url.startswith("//"):
        raise ValueError(f"A notification's url must be a site-relative path, not {url!r}.")
    delivery = delivery_of(recipient, kind)
    if delivery == Delivery.OFF:
        return None
    if Notification.objects.filter(recipient=recipient, key=key).exists():
        return None
    try:
        with transaction.atomic():
            notification = Notification.objects.create(
                recipient=recipient,
                kind=kind,
                subject=subject[:200],
                body=body[:4000],
                url=url,
                key=key,
                delivery=delivery,
            )
    except IntegrityError:
        return None  # a concurrent call recorded it first
    if delivery == Delivery.IMMEDIATELY:
        from notifications.tasks import notification_deliver

        transaction.on_commit(lambda: notification_deliver.delay(notification.pk))
    return notification
