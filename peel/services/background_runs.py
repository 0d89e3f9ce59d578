"""What a worker does for any background run (``peel.models.runs``) while it works on it.

- The heartbeat: a thread that touches the run's ``heartbeat_at`` every few seconds, on a database
  connection of its own, so a run whose worker died is seen to be silent within a minute. Its own
  connection matters: the work itself usually runs in one long transaction, whose writes nobody sees
  until it commits (and which must therefore not lock its own run row, or the heartbeat would wait).
- The live progress: for the same reason the stage and percentage go to the cache while the work's
  transaction is open; the web process shares that cache with the worker in production (Redis).
"""

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from django.core.cache import cache
from django.db import DatabaseError, connections
from django.utils import timezone

from peel.models.runs import HEARTBEAT_SECONDS, BackgroundRun, RunStatus

logger = logging.getLogger(__name__)

PROGRESS_TTL_SECONDS = 3600


@contextmanager
def heartbeat(*, model: type[BackgroundRun], run_id: int, every: float = HEARTBEAT_SECONDS) -> Iterator[None]:
    """Keep the run's heartbeat while the block runs (only while the run is still marked running)."""
    stopped = threading.Event()

    def beat() -> None:
        try:
            while not stopped.wait(every):
                try:
                    model.objects.filter(pk=run_id, status=RunStatus.RUNNING).update(
                        heartbeat_at=timezone.now()
                    )
                except DatabaseError as error:  # a busy or lost database: the next beat tries again
                    logger.warning("heartbeat of %s %s missed: %s", model.__name__, run_id, error)
        finally:
            connections.close_all()  # this thread's connections only

    thread = threading.Thread(target=beat, name=f"heartbeat-{model.__name__}-{run_id}", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stopped.set()
        thread.join()


def _progress_key(model: type[BackgroundRun], run_id: int) -> str:
    return f"{model._meta.label_lower}:{run_id}:progress"


def live_progress_record(*, model: type[BackgroundRun], run_id: int, stage: str, percent: int) -> None:
    cache.set(_progress_key(model, run_id), (stage, percent), PROGRESS_TTL_SECONDS)


def live_progress_clear(*, model: type[BackgroundRun], run_id: int) -> None:
    cache.delete(_progress_key(model, run_id))


def run_progress(run: BackgroundRun) -> tuple[str, int]:
    """The stage and percentage to show: the live figures while the run's transaction is open."""
    if run.status == RunStatus.RUNNING:
        live = cache.get(_progress_key(type(run), run.pk))
        if live and live[1] >= run.progress:
            return live[0], live[1]
    return run.stage, run.progress
