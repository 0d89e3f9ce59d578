"""Compile runs: asking for a compile, running one safely, and reporting how far it has got.

Safety:
- one transaction per compile: a worker lost half-way leaves nothing half-written, and the redelivered
  task (``acks_late``) runs the same run again from the start;
- the inspection row is locked (``select_for_update``) for the whole compile, so two compiles of one
  inspection never run at once: the second waits, then finds the run already finished or recompiles the
  then-current evidence;
- at most one run per inspection is queued or running (a partial unique constraint); asking again
  while one is active returns that run instead of queueing a second, unless that run is abandoned:
  running with a heartbeat silent for a minute (its worker was killed), or queued for longer than
  the broker keeps an unacknowledged task (``peel.models.runs``). The abandoned run is marked failed
  and a new one starts at once; the lost task, if ever redelivered, finds its run finished and stops.

Progress: the run row records each stage as it commits (queued → running → finished or failed); while
the single compile transaction is open its stage and percentage go to the cache, and the worker keeps
the run's heartbeat (``peel.services.background_runs``). On the embedded default the task runs in the
request, so the page simply finds the run finished.
"""

import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import DatabaseError, InterfaceError, OperationalError, transaction
from django.db.models import F
from django.utils import timezone

from peel.models import Inspection
from peel.services.background_runs import heartbeat, live_progress_clear, live_progress_record
from reports.models import ACTIVE_STATUSES, CompileRun, CompileStatus, CompileTrigger
from reports.services.compile import compile_results, compile_results_save, programme_rules

logger = logging.getLogger(__name__)

TRANSIENT_ERRORS = (OperationalError, InterfaceError)
"""Database errors worth retrying (a dropped connection, a deadlock victim, a serialisation failure)."""


@contextmanager
def inspection_lock(*, inspection_id: int) -> Iterator[Inspection]:
    """A transaction holding the inspection row's lock: every compile of the inspection runs inside one,
    so a second compile waits here until the first has committed or rolled back. (SQLite has no row
    locks; there the transaction's write lock serialises compiles the same way.)"""
    with transaction.atomic():
        yield (
            Inspection.objects.select_for_update(of=("self",))
            .select_related("programme", "force")
            .get(pk=inspection_id)
        )


def _active_run_claim(*, inspection: Inspection, user, trigger: str) -> tuple[CompileRun, bool]:
    """The inspection's active run, or a new queued one; the caller holds the inspection's lock.

    Returns the run and whether it is new.
    """
    active = CompileRun.objects.filter(inspection=inspection, status__in=ACTIVE_STATUSES).first()
    if active is not None:
        if active.is_live:
            return active, False
        active.error = f"{active.abandonment_reason()} A new compile was started."
        active.status = CompileStatus.FAILED
        active.finished_at = timezone.now()
        active.save(update_fields=["status", "finished_at", "error"])
    run = CompileRun.objects.create(
        inspection=inspection,
        requested_by=user if user is not None and user.is_authenticated else None,
        trigger=trigger,
        stage="Waiting for a worker",
    )
    return run, True


_RESULT_FIELDS = (
    "status",
    "stage",
    "progress",
    "rules_version",
    "input_digest",
    "output_digest",
    "results_count",
    "draft_afis_count",
    "finished_at",
    "duration_ms",
)


class CompileRefused(Exception):
    """The compile may not run; the message says why, in words for the user."""


def _compile_allowed(inspection: Inspection) -> None:
    if inspection.is_published:
        raise CompileRefused(
            f"{inspection} is published: its results are final and the compile can no longer change them."
        )


def compile_request(*, inspection: Inspection, user) -> CompileRun:
    """Queue a compile (the lead's button). The task is sent when this transaction commits, so the
    worker always finds the run; a compile already queued or running is returned, not repeated."""
    from reports.tasks import compile_inspection_task  # the task module imports this one

    with inspection_lock(inspection_id=inspection.pk) as locked:
        _compile_allowed(locked)
        run, is_new = _active_run_claim(inspection=inspection, user=user, trigger=CompileTrigger.WEB)
        if is_new:
            transaction.on_commit(lambda: _enqueue(task=compile_inspection_task, run_id=run.pk))
    return run


def _enqueue(*, task, run_id: int) -> None:
    """Send the task. If the broker cannot be reached the run fails at once with the reason, rather than
    waiting to be abandoned; on the embedded default the task runs right here, and a compile that fails has
    already recorded its error on the run, which its page shows."""
    try:
        task.delay(run_id)
    except Exception as error:
        logger.exception("compile run %s could not be sent to a worker", run_id)
        _run_record_error(run_id=run_id, error=error, retrying=False)


def compile_inspection(*, inspection: Inspection, user=None) -> CompileRun:
    """Compile now, in this process (the management command): joins a run already queued for the
    inspection rather than starting a second one."""
    with inspection_lock(inspection_id=inspection.pk) as locked:
        _compile_allowed(locked)
        run, _ = _active_run_claim(inspection=inspection, user=user, trigger=CompileTrigger.COMMAND)
    return compile_run_execute(run_id=run.pk)


def compile_run_execute(*, run_id: int, final_attempt: bool = True) -> CompileRun:
    """Run a queued (or redelivered) compile. Safe to call twice for one run: the second call waits for
    the first to commit and then returns the finished run.

    On an error the transaction rolls back and the run is marked failed with the error, unless the
    error is transient and the caller will try again (``final_attempt`` False): then it is queued.
    """
    claimed = CompileRun.objects.filter(pk=run_id, status__in=ACTIVE_STATUSES).update(
        status=CompileStatus.RUNNING,
        started_at=timezone.now(),
        heartbeat_at=timezone.now(),
        attempts=F("attempts") + 1,
        stage="Waiting for any other compile of this inspection to finish",
        progress=5,
        error="",
    )
    if not claimed:
        return CompileRun.objects.get(pk=run_id)

    def progress(stage: str, percent: int) -> None:
        live_progress_record(model=CompileRun, run_id=run_id, stage=stage, percent=percent)

    try:
        inspection_id = CompileRun.objects.values_list("inspection_id", flat=True).get(pk=run_id)
        with (
            heartbeat(model=CompileRun, run_id=run_id),
            inspection_lock(inspection_id=inspection_id) as inspection,
        ):
            # Not locked: the heartbeat writes this row while the compile runs. The inspection's lock is
            # what keeps two executions of the run apart.
            run = CompileRun.objects.select_related("requested_by").get(pk=run_id)
            if run.status != CompileStatus.RUNNING:
                return run  # another execution of this run finished it while we waited for the lock
            _compile_allowed(inspection)
            started = time.perf_counter()
            rules = programme_rules(programme=inspection.programme)
            output = compile_results(inspection=inspection, rules=rules, progress=progress)
            compile_results_save(
                inspection=inspection,
                output=output,
                user=run.requested_by,
                reason=f"Compile run {run.pk}",
                progress=progress,
            )
            run.status = CompileStatus.SUCCEEDED
            run.stage, run.progress = "Finished", 100
            run.rules_version = output.rules_version
            run.input_digest, run.output_digest = output.input_digest, output.output_digest
            run.results_count, run.draft_afis_count = output.results_count, len(output.drafts)
            run.finished_at = timezone.now()
            run.duration_ms = round((time.perf_counter() - started) * 1000)
            run.save(update_fields=[*_RESULT_FIELDS])
    except Exception as exc:
        _run_record_error(
            run_id=run_id, error=exc, retrying=not final_attempt and isinstance(exc, TRANSIENT_ERRORS)
        )
        raise
    finally:
        live_progress_clear(model=CompileRun, run_id=run_id)
    return run


def _run_record_error(*, run_id: int, error: BaseException, retrying: bool) -> None:
    words = (str(error) or error.__class__.__name__)[:2000]
    logger.warning("compile run %s %s: %s", run_id, "will be retried" if retrying else "failed", words)
    if retrying:
        changes = {"status": CompileStatus.QUEUED, "stage": "Retrying after a database error"}
    else:
        changes = {"status": CompileStatus.FAILED, "stage": "Failed", "finished_at": timezone.now()}
    try:
        CompileRun.objects.filter(pk=run_id, status__in=ACTIVE_STATUSES).update(error=words, **changes)
    except DatabaseError:
        # The connection itself may be what failed; the redelivered or retried task will record it.
        logger.exception("could not record the failure of compile run %s", run_id)
