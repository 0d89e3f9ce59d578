"""What every piece of long work run by a Celery worker records (the compile, the crime-list import):
its state, its stage and percentage for the progress bar, and the worker's heartbeat.

A worker touches ``heartbeat_at`` every few seconds while it runs (``peel.services.heartbeats``). A run
still "running" whose heartbeat has been silent for ``SILENT_AFTER`` lost its worker (killed, machine
gone): it is shown as abandoned and no longer blocks a new run. A run still queued is abandoned only once
the broker would have redelivered its task and that task would have hit its time limit.
"""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone

HEARTBEAT_SECONDS = 5
SILENT_AFTER = timedelta(seconds=60)


class RunStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Running"
    SUCCEEDED = "succeeded", "Finished"
    FAILED = "failed", "Failed"


ACTIVE_RUN_STATUSES = (RunStatus.QUEUED, RunStatus.RUNNING)


def queued_abandoned_after() -> timedelta:
    """A run still queued after this long was lost with its message: the broker redelivers an
    unacknowledged task after the visibility timeout, and a task is killed at the time limit."""
    visibility = settings.CELERY_BROKER_TRANSPORT_OPTIONS.get("visibility_timeout", 3600)
    return timedelta(seconds=visibility + settings.CELERY_TASK_TIME_LIMIT)


class BackgroundRun(models.Model):
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status = models.CharField(max_length=10, choices=RunStatus.choices, default=RunStatus.QUEUED)
    stage = models.CharField(max_length=120, blank=True, help_text="What the work is doing, in words.")
    progress = models.PositiveSmallIntegerField(default=0, help_text="Percent done.")
    attempts = models.PositiveSmallIntegerField(default=0)
    requested_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(
        null=True, blank=True, help_text="Last sign of life from the worker running it."
    )
    finished_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        abstract = True

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_RUN_STATUSES

    @property
    def is_abandoned(self) -> bool:
        """Still marked active, but no worker is on it any more."""
        now = timezone.now()
        if self.status == RunStatus.RUNNING:
            return (self.heartbeat_at or self.started_at or self.requested_at) < now - SILENT_AFTER
        if self.status == RunStatus.QUEUED:
            return self.requested_at < now - queued_abandoned_after()
        return False

    @property
    def is_live(self) -> bool:
        """Active and with a worker on it (or waiting for one): worth polling, and blocks a new run."""
        return self.is_active and not self.is_abandoned

    def abandonment_reason(self) -> str:
        if self.status == RunStatus.RUNNING:
            return (
                f"Abandoned: its worker stopped sending a heartbeat (last at "
                f"{timezone.localtime(self.heartbeat_at or self.started_at):%H:%M:%S}), so it was lost."
            )
        return (
            "Abandoned: no worker took it within "
            f"{int(queued_abandoned_after().total_seconds() // 60)} minutes of being asked for."
        )
