"""Celery tasks of the reports app: thin, they take ids and call a service."""

from celery import shared_task

from reports.services.runs import TRANSIENT_ERRORS, compile_run_execute


@shared_task(
    name="reports.compile_inspection",
    bind=True,
    # Acknowledged only after the compile has committed: a worker lost mid-job means the broker
    # redelivers the task, and the rolled-back run is simply compiled again.
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=TRANSIENT_ERRORS,
    retry_backoff=2,
    retry_backoff_max=60,
    retry_jitter=True,
    max_retries=3,
)
def compile_inspection_task(self, run_id: int) -> str:
    """Compile one run; returns the output digest."""
    final_attempt = self.request.retries >= self.max_retries
    return compile_run_execute(run_id=run_id, final_attempt=final_attempt).output_digest
