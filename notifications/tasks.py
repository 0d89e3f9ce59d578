"""Celery tasks: take ids, call the delivery services, retry on mail-server trouble."""

from celery import shared_task

from notifications.services import delivery

RETRY = {
    "autoretry_for": delivery.RETRYABLE,
    "retry_backoff": 30,
    "retry_backoff_max": 1800,
    "max_retries": 5,
}


@shared_task(name="notifications.notification_deliver", acks_late=True, **RETRY)
def notification_deliver(notification_id: int) -> bool:
    return delivery.notification_deliver(notification_id=notification_id)


@shared_task(name="notifications.digest_deliver", acks_late=True, **RETRY)
def digest_deliver(user_id: int) -> int:
    return delivery.digest_send(user_id=user_id)


@shared_task(name="notifications.digests_send", acks_late=True)
def digests_send() -> int:
    """Queue one digest email per person with unsent digest notifications; returns how many were queued."""
    recipients = delivery.digest_recipients()
    for user_id in recipients:
        digest_deliver.delay(user_id)
    return len(recipients)
