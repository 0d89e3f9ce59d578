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

    The row is locked while sending so two workers cannot both send it.
    """
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update()
            .select_related("recipient")
            .filter(pk=notification_id, sent_at__isnull=True)
            .first()
        )
        if notification is None or not notification.recipient.email:
            return False
        failure = _mail_and_mark(
            [notification],
            subject=notification.subject,
            text=f"{notification.body}\n\n{absolute(notification.url)}\n",
        )
    _failure_record([notification], failure)
    return True


def digest_send(*, user_id: int) -> int:
    """Email one person all their unsent digest notifications in one message; returns how many it listed."""
    with transaction.atomic():
        notifications = list(
            Notification.objects.select_for_update()
            .select_related("recipient")
            .filter(recipient_id=user_id, delivery=Delivery.DIGEST, sent_at__isnull=True)
            .order_by("created_at", "pk")
        )
        if not notifications or not notifications[0].recipient.email:
            return 0
        failure = _mail_and_mark(
            notifications, subject=f"peel: {_count(notifications)}", text=digest_text(notifications)
        )
    _failure_record(notifications, failure)
    return len(notifications)


def _mail_and_mark(notifications: list[Notification], *, subject: str, text: str) -> Exception | None:
    """Email the notifications' recipient, inside the transaction that locked them, and mark them sent;
    a mail-server failure is returned, not raised, so that the lock's transaction still commits."""
    try:
        send_mail(subject, text, settings.DEFAULT_FROM_EMAIL, [notifications[0].recipient.email])
    except RETRYABLE as error:
        return error
    Notification.objects.filter(pk__in=[n.pk for n in notifications]).update(
        sent_at=timezone.now(), attempts=F("attempts") + 1, last_error=""
    )
    return None


def _failure_record(notifications: list[Notification], failure: Exception | None) -> None:
    """Called after the sending transaction committed, so the record survives the task raising; raises
    the failure again so the task retries."""
    if failure is None:
        return
    Notification.objects.filter(pk__in=[n.pk for n in notifications]).update(
        attempts=F("attempts") + 1, last_error=f"{type(failure).__name__}: {failure}"[:2000]
    )
    raise failure


def _count(notifications: list[Notification]) -> str:
    return f"{len(notifications)} new notification{'s' if len(notifications) != 1 else ''}"


def digest_text(notifications: list[Notification]) -> str:
    lines = [f"You have {_count(notifications)} on peel.", ""]
    for notification in notifications:
        lines += [
            f"- {notification.subject}",
            f"  {notification.body}",
            f"  {absolute(notification.url)}",
            "",
        ]
    return "\n".join(lines)


def digest_recipients() -> list[int]:
    return list(
        Notification.objects.filter(delivery=Delivery.DIGEST, sent_at__isnull=True)
        .values_list("recipient_id", flat=True)
        .distinct()
        .order_by("recipient_id")
    )
