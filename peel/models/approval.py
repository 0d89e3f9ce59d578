"""The draft → submitted → approved life shared by judgments, findings, AFIs and causes of concern."""

from django.conf import settings
from django.db import models

from peel.models.versioning import Versioned


class ApprovalState(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    APPROVED = "approved", "Approved"


class Approvable(Versioned):
    """Approved content is locked: only the inspection's lead approves, and reopening needs a reason
    (kept as the history record's change reason, with who and when)."""

    state = models.CharField(max_length=10, choices=ApprovalState.choices, default=ApprovalState.DRAFT)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)

    class Meta(Versioned.Meta):
        abstract = True

    @property
    def is_locked(self) -> bool:
        """Locked content is read-only until the lead reopens it."""
        return self.state == ApprovalState.APPROVED

    def content_problems(self) -> list[str]:
        """What makes its content impossible to save, beyond what its fields check (empty when fine)."""
        return []

    def approval_problems(self) -> list[str]:
        """What is missing before this can be submitted or approved (empty when it is complete)."""
        return []
