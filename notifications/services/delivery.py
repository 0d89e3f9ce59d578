"""Email notifications: one at a time ("immediately") or a daily digest; never the same one twice."""

import smtplib

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from notifications.models import Delivery, Notification

RETRYABLE = (smtplib.SMTPException, OSError)


def absolute(url: str) -> str:
    return settings.PEEL_SITE_URL.rstrip("/") + url


def notification_deliver(*, notification_id: int) -> bool:
    """Email one notification unless it was already sent; returns whether an email went out.

    The row is locked while sending so two workers cannot both send it. A failure is recorded on the
    row (attempts, last_error) and raised again so the task can retry.
    """
    failure = None
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update()
            .select_related("recipient")
            .filter(pk=notification_id, sent_at__isnull=True)
            .first()
        )
        if notification is None or not notification.recipient.email:
            return False
        try:
            send_mail(
                notification.subject,
                f"{notification.body}\n\n{absolute(notification.url)}\n",
                settings.DEFAULT_FROM_EMAIL,
                [notification.recipient.email],
            )
        except RETRYABLE as error:
            failure = error
        else:
            Notification.objects.filter(pk=notification.pk).update(
                sent_at=timezone.now(), attempts=F("attempts") + 1, last_error=""
            )
    if failure is not None:
        _record_failure([notification.pk], failure)
        raise failure
    return True


def _record_failure(ids: list[int], error: Exception) -> None:
    """Called after the sending transaction committed, so the record survives the task raising."""
    Notification.objects.filter(pk__in=ids).update(
        attempts=F("attempts") + 1, last_error=f"{type(error).__name__}: {error}"[:2000]
    )


def _count(notifications: list[Notification]) -> str:
    return f"{len(notifications)} new notification{'s' if len(notifications) != 1 else ''}"


def digest_text(notifications: list[Notification]) -> str:
    lines = [
        f"You have {len(notifications)} new notification{'s' if len(notifications) != 1 else ''} on peel.",
        "",
    ]
    for notification in notifications:
        lines += [
            f"- {notification.subject}",
            f"  {notification.body}",
            f"  {absolute(notification.url)}",
            "",
        ]
    return "\n".join(lines)


def digest_send(*, user_id: int) -> int:
    """Email one person all their unsent digest notifications in one message; returns how many it listed."""
    failure = None
    with transaction.atomic():
        notifications = list(
            Notification.objects.select_for_update()
            .select_related("recipient")
            .filter(recipient_id=user_id, delivery=Delivery.DIGEST, sent_at__isnull=True)
            .order_by("created_at", "pk")
        )
        if not notifications or not notifications[0].recipient.email:
            return 0
        try:
            send_mail(
                f"peel: {_count(notifications)}",
                digest_text(notifications),
                settings.DEFAULT_FROM_EMAIL,
                [notifications[0].recipient.email],
            )
        except RETRYABLE as error:
            failure = error
        else:
            Notification.objects.filter(pk__in=[n.pk for n in notifications]).update(
                sent_at=timezone.now(), attempts=F("attempts") + 1, last_error=""
            )
    if failure is not None:
        _record_failure([n.pk for n in notifications], failure)
        raise failure
    return len(notifications)


def digest_recipients() -> list[int]:
    return list(
        Notification.objects.filter(delivery=Delivery.DIGEST, sent_at__isnull=True)
        .values_list("recipient_id", flat=True)
        .distinct()
        .order_by("recipient_id")
    )
