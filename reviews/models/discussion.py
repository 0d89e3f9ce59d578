"""The discussion of a case file: messages between the lead and a reviewer, kept with the file.

A file has one thread per review: the first review's (its reviewer and the lead) and, on a file chosen
for double review, the second's, kept apart so the second review stays blind. The lead's comment when
returning a review for change is a message of its thread."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from peel.models import Criterion, limits
from reviews.models.review import ReviewKind
from reviews.models.sample import CaseFile

MESSAGE_LIMIT = limits.STATEMENT  # 4,000 characters


class MessageKind(models.TextChoices):
    MESSAGE = "message", "Message"
    RETURN_FOR_CHANGE = "return_for_change", "Returned for change"


class Message(models.Model):
    case_file = models.ForeignKey(CaseFile, on_delete=models.CASCADE, related_name="messages")
    review_kind = models.CharField(
        max_length=8,
        choices=ReviewKind.choices,
        default=ReviewKind.FIRST,
        help_text="The thread: the lead and this review's reviewer.",
    )
    criterion = models.ForeignKey(
        Criterion,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="messages",
        help_text="The criterion the message is about; none for the file as a whole.",
    )
    # Nullable: a return recorded before the reviews kept who moderated has no known author.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="messages"
    )
    body = models.TextField(max_length=MESSAGE_LIMIT)
    kind = models.CharField(max_length=20, choices=MessageKind.choices, default=MessageKind.MESSAGE)
    submission_key = models.UUIDField(
        null=True, blank=True, unique=True, editable=False, help_text="The form submission that created it."
    )
    # Not auto_now_add: the messages copied from earlier returns keep the time of the return.
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["case_file", "review_kind", "created_at"])]
        constraints = [
            limits.at_most("body", MESSAGE_LIMIT, name="message_body_length"),
            models.CheckConstraint(condition=~models.Q(body=""), name="message_body_not_empty"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.case_file_id} by {self.author_id or 'unknown'}"
