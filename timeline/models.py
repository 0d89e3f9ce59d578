"""An inspection's deadlines: one milestone per kind with its due date, and each person's secret link to
a calendar of them. Whether a milestone is complete is never stored: it is read from the work itself
(``timeline.selectors``)."""

import hmac
import secrets

from django.conf import settings
from django.db import models

from peel.models import Inspection, Versioned


class MilestoneKind(models.TextChoices):
    """In the order an inspection meets them."""

    DATA_REQUEST = "data_request", "Data request"
    SAMPLE_DUE = "sample_due", "Sample due"
    FIELDWORK = "fieldwork", "Fieldwork"
    MODERATION = "moderation", "Moderation"
    FA_CHECK = "fa_check", "Factual accuracy check"
    SIGN_OFF = "sign_off", "Sign-off"
    PUBLICATION = "publication", "Publication"


# Fieldwork's dates are the inspection's own (``Inspection.fieldwork_start``/``fieldwork_end``), so no
# row holds them: a second copy could disagree with the Team and dates page.
DATED_KINDS = [kind for kind in MilestoneKind if kind != MilestoneKind.FIELDWORK]


class Milestone(Versioned):
    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="milestones")
    kind = models.CharField(max_length=16, choices=MilestoneKind.choices)
    due_date = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["inspection", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["inspection", "kind"], name="milestone_one_per_inspection_kind"),
            models.CheckConstraint(
                condition=~models.Q(kind="fieldwork"), name="milestone_fieldwork_read_from_inspection"
            ),
        ]

    def __str__(self) -> str:
        due = f"{self.due_date:%d/%m/%Y}" if self.due_date else "no date"
        return f"{self.get_kind_display()} of inspection {self.inspection_id}: {due}"


def _key() -> str:
    return secrets.token_hex(6)


def _secret() -> str:
    return secrets.token_hex(24)


class CalendarToken(models.Model):
    """The secret in one person's calendar-feed URL: ``key`` finds the row, ``secret`` is compared in
    constant time, so a guess's timing says nothing about the secret. Regenerating replaces both, which
    kills the old URL. Kept readable (not hashed) because the person's page shows the URL."""

    KEY_LENGTH = 12
    SECRET_LENGTH = 48

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_token"
    )
    key = models.CharField(max_length=KEY_LENGTH, unique=True, default=_key)
    secret = models.CharField(max_length=SECRET_LENGTH, default=_secret)
    renewed_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Calendar link of {self.user}"

    @property
    def token(self) -> str:
        return f"{self.key}{self.secret}"

    def secret_matches(self, secret: str) -> bool:
        return hmac.compare_digest(self.secret.encode(), secret.encode())

    def renew(self) -> None:
        """A new key and secret: the old URL finds no row any more."""
        self.key, self.secret = _key(), _secret()
