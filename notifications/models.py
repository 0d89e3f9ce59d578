"""What was recorded for whom, and how each person wants to hear about it."""

from django.conf import settings
from django.db import models

from peel.models import Versioned


class NotificationKind(models.TextChoices):
    FILES_ALLOCATED = "files_allocated", "Case files allocated to me"
    REVIEW_RETURNED = "review_returned", "Work of mine was returned for change"
    APPROVAL_WANTED = "approval_wanted", "A report section is ready for my approval"
    SIGNOFF_WANTED = "signoff_wanted", "A report is waiting for my sign-off"
    SIGNED_OFF = "signed_off", "A report I lead was signed off"
    FA_COMMENT = "fa_comment", "A factual accuracy comment was made"
    DEADLINE_SOON = "deadline_soon", "A deadline is coming up"
    OVERDUE = "overdue", "Something of mine is overdue"
    MESSAGE = "message", "A message was sent to me"


class Delivery(models.TextChoices):
    DIGEST = "digest", "In a daily digest email"
    IMMEDIATELY = "immediately", "Straight away, one email each"
    OFF = "off", "Don't email me"


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=32, choices=NotificationKind.choices)
    subject = models.CharField(max_length=200)
    body = models.TextField(max_length=4000)
    url = models.CharField(max_length=500, help_text="A site-relative path, e.g. /inspections/3/")
    key = models.CharField(max_length=200, help_text="One notification per recipient and key")
    delivery = models.CharField(max_length=16, choices=Delivery.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    read_at = models.DateTimeField(null=True, blank=True, help_text="When the recipient opened it in peel")
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "key"], name="notification_once_per_recipient_key"),
            models.CheckConstraint(
                condition=~models.Q(url__startswith="//"), name="notification_url_site_relative"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} for {self.recipient}: {self.subject}"

    @property
    def is_unread(self) -> bool:
        return self.read_at is None


class NotificationPreference(Versioned):
    """How one person wants each kind delivered; a kind they have not chosen goes in the daily digest."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preference"
    )
    choices = models.JSONField(default=dict, blank=True, help_text="kind → digest / immediately / off")

    def __str__(self):
        return f"Notification settings of {self.user}"

    def delivery_for(self, kind: str) -> str:
        chosen = self.choices.get(kind)
        return chosen if chosen in Delivery.values else Delivery.DIGEST
