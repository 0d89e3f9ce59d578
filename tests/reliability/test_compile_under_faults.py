"""A Celery worker killed (SIGKILL) in the middle of a compile: the broker redelivers the task to another
worker, which finishes it. One run, one set of results, equal to what an undisturbed compile gives, and
no row written twice. And a lead need not wait for the redelivery: once the killed worker's heartbeat has
been silent for a minute, pressing Compile starts a new compile at once.

The test starts its own workers (never the shared one .ci/run starts) on a queue of its own, against
the test database. To kill the first worker mid-compile, a trigger makes the database pause the
compile's first insert of file-review results, inside the compile's open transaction; the worker is
killed while its backend sleeps there. ``client_connection_check_interval`` lets PostgreSQL notice the
dead client and roll its transaction back, as it would after a crashed machine's TCP timeout.
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.db.models import Count

from peel.celery import app as celery_app
from peel.models import AreaForImprovement, Judgment
from reports.models import CompileRun, CompileStatus, CriterionResult, QuestionEvidence
from reports.services.runs import compile_inspection, compile_request
from reviews.models import AnswerValue
from tests.reports.builders import inspection_2016, notes_add, reviewed_files_add

pytestmark = [
    pytest.mark.worker,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        "sqlite" in settings.DATABASES["default"]["ENGINE"] or not settings.REDIS_URL,
        reason="needs PostgreSQL and Redis: real workers share the test database through the broker",
    ),
]

QUEUE = f"reliability-compile-{os.getpid()}"
KILLED, REDELIVERED = "peel-reliability-killed-worker", "peel-reliability-second-worker"
VISIBILITY_TIMEOUT = 5  # seconds before an unacknowledged task is given to another worker
ROOT = Path(__file__).resolve().parents[2]


def some_unmet(criterion, number, stratum):
    return AnswerValue.NO if criterion.code in ("C03", "C07") and number % 3 == 0 else AnswerValue.YES


@pytest.fixture
def inspection():
    inspection = inspection_2016()
    reviewed_files_add(inspection, files=40, value_for=some_unmet)
    notes_add(inspection, "3.1", strengths=2, weaknesses=3, flagged=2)
    notes_add(inspection, "1.1", strengths=1, weaknesses=1)
    return inspection


@pytest.fixture
def brake():
    """While the brake table has a row, the first insert of a compile's file-review results sleeps."""
    table = CriterionResult._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE reliability_compile_brake (engaged boolean)")
        cursor.execute("INSERT INTO reliability_compile_brake VALUES (true)")
        cursor.execute(
            """
            CREATE FUNCTION reliability_compile_brake() RETURNS trigger AS $$
            BEGIN
                IF EXISTS (SELECT 1 FROM reliability_compile_brake) THEN
                    PERFORM pg_sleep(120);
                END IF;
                RETURN NULL;
            END $$ LANGUAGE plpgsql
            """
        )
        cursor.execute(
            f"CREATE TRIGGER reliability_compile_brake BEFORE INSERT ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION reliability_compile_brake()"
        )
    yield
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TRIGGER IF EXISTS reliability_compile_brake ON {table}")
        cursor.execute("DROP FUNCTION IF EXISTS reliability_compile_brake()")
        cursor.execute("DROP TABLE IF EXISTS reliability_compile_brake")


@pytest.fixture
def routed_to_our_queue():
    """The compile task goes to this test's queue, so only this test's workers receive it. Celery keeps
    its router once built, so a router with the route is swapped in, and the old one put back."""
    amqp = celery_app.amqp
    previous_routes, previous_router = celery_app.conf.task_routes, amqp.router
    celery_app.conf.task_routes = {"reports.compile_inspection": {"queue": QUEUE}}
    amqp.flush_routes()
    amqp.router = amqp.Router()
    yield
    celery_app.conf.task_routes = previous_routes
    amqp.flush_routes()
    amqp.router = previous_router


def database_url_of_the_tests() -> str:
    db = settings.DATABASES["default"]
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def start_worker(name: str, log: Path, *, visibility_timeout: int = VISIBILITY_TIMEOUT) -> subprocess.Popen:
    env = {
        **os.environ,
        "DATABASE_URL": database_url_of_the_tests(),
        "REDIS_URL": settings.REDIS_URL,
        "DB_CONN_MAX_AGE": "0",
        "CELERY_VISIBILITY_TIMEOUT": str(visibility_timeout),
        "PGAPPNAME": name,  # to find the worker's database sessions
        "PGOPTIONS": "-c client_connection_check_interval=500",
    }
    command = [
        str(Path(sys.executable).with_name("celery")),
        "-A", "peel", "worker", "-Q", QUEUE, "-n", f"{name}@%h", "--pool=solo",
        "--without-gossip", "--without-mingle", "--without-heartbeat", "--loglevel=INFO",
    ]  # fmt: skip
    return subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT, start_new_session=True
    )


def stop(worker: subprocess.Popen, sig=signal.SIGTERM) -> None:
    if worker.poll() is None:
        os.killpg(worker.pid, sig)
    worker.wait(30)


def worker_logs(folder: Path) -> str:
    return "\n".join(
        f"--- {path.name}\n{path.read_text(errors='replace')[-3000:]}"
        for path in sorted(folder.glob("*.log"))
    )


def wait_for(condition, *, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = condition()
        if found:
            return found
        time.sleep(0.2)
    raise AssertionError(f"timed out after {seconds} s waiting for {what}")


def sessions_of(application: str, *, sleeping: bool = False) -> list[int]:
    query = "SELECT pid FROM pg_stat_activity WHERE application_name = %s AND datname = current_database()"
    if sleeping:
        query += " AND wait_event = 'PgSleep'"
    with connection.cursor() as cursor:
        cursor.execute(query, [application])
        return [row[0] for row in cursor.fetchall()]


def results_snapshot(inspection) -> dict:
    """Everything the compile writes for the inspection, without timestamps."""
    return {
        "criterion results": sorted(
            CriterionResult.objects.filter(inspection=inspection).values_list(
                "pk", "criterion_id", "stratum_id", "n", "yes", "partly", "no", "not_known", "proportion_met"
            )
        ),
        "question evidence": sorted(
            QuestionEvidence.objects.filter(inspection=inspection).values_list(
                "pk", "question_id", "strengths", "weaknesses", "neutral", "criteria_below_threshold"
            )
        ),
        "draft AFIs": sorted(
            AreaForImprovement.objects.filter(inspection=inspection)
            .exclude(source_key="")
            .values_list("pk", "source_key", "text", "proposed_text")
        ),
        "proposed grades": sorted(
            Judgment.objects.filter(inspection=inspection).values_list("pk", "question_id", "proposed_grade")
        ),
    }


def duplicated_keys(inspection) -> list:
    checks = [
        (CriterionResult, ("criterion", "stratum")),
        (QuestionEvidence, ("question",)),
        (AreaForImprovement, ("source_key",)),
        (Judgment, ("question",)),
    ]
    found = []
    for model, key in checks:
        rows = model.objects.filter(inspection=inspection)
        if model is AreaForImprovement:
            rows = rows.exclude(source_key="")
        found += list(rows.values(*key).annotate(n=Count("pk")).filter(n__gt=1))
    return found


def test_a_worker_killed_mid_compile_leaves_one_result_equal_to_an_undisturbed_run(
    inspection, brake, routed_to_our_queue, tmp_path
):
    killed = start_worker(KILLED, tmp_path / "killed-worker.log")
    second = None
    try:
        run = compile_request(inspection=inspection, user=inspection.lead)

        # The first worker is inside the compile's transaction, paused at its first results insert.
        wait_for(
            lambda: sessions_of(KILLED, sleeping=True), seconds=60, what="the worker to reach the insert"
        )
        paused_at = time.monotonic()
        assert CompileRun.objects.get(pk=run.pk).status == CompileStatus.RUNNING
        stop(killed, signal.SIGKILL)
        wait_for(
            lambda: not sessions_of(KILLED), seconds=30, what="PostgreSQL to end the dead worker's session"
        )
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM reliability_compile_brake")
        # Nothing of the killed compile was kept: its transaction was rolled back.
        assert not CriterionResult.objects.filter(inspection=inspection).exists()
        assert not QuestionEvidence.objects.filter(inspection=inspection).exists()

        # A Redis consumer gives unacknowledged tasks older than its visibility timeout back to their
        # queue when it starts (and then only every 100 s): start the second worker once the task is.
        time.sleep(max(0.0, VISIBILITY_TIMEOUT + 1 - (time.monotonic() - paused_at)))
        second = start_worker(REDELIVERED, tmp_path / "second-worker.log")
        finished = wait_for(
            lambda: CompileRun.objects.filter(pk=run.pk, status__in=["succeeded", "failed"]).first(),
            seconds=150,
            what="the redelivered compile to finish",
        )
    except AssertionError as failure:
        raise AssertionError(f"{failure}\n{worker_logs(tmp_path)}") from None
    finally:
        stop(killed, signal.SIGKILL)
        if second is not None:
            stop(second)

    assert finished.status == CompileStatus.SUCCEEDED, f"{finished.error}\n{worker_logs(tmp_path)}"
    assert finished.attempts == 2  # claimed by the killed worker, then by the one that received it again
    assert list(CompileRun.objects.filter(inspection=inspection)) == [finished]
    assert not duplicated_keys(inspection)
    assert CriterionResult.objects.filter(inspection=inspection).count() == finished.results_count
    after_fault = results_snapshot(inspection)

    undisturbed = compile_inspection(inspection=inspection)

    assert undisturbed.status == CompileStatus.SUCCEEDED
    assert undisturbed.output_digest == finished.output_digest
    assert undisturbed.results_count == finished.results_count
    assert results_snapshot(inspection) == after_fault  # the undisturbed run had nothing to change


def test_a_compile_whose_worker_was_killed_stops_blocking_a_new_one_within_a_minute(
    inspection, brake, routed_to_our_queue, tmp_path
):
    # The production visibility timeout: the lost task comes back only after ten minutes.
    killed = start_worker(KILLED, tmp_path / "killed-worker.log", visibility_timeout=600)
    second = None
    try:
        lost = compile_request(inspection=inspection, user=inspection.lead)
        wait_for(
            lambda: sessions_of(KILLED, sleeping=True), seconds=60, what="the worker to reach the insert"
        )
        first_beat = CompileRun.objects.get(pk=lost.pk).heartbeat_at
        wait_for(
            lambda: CompileRun.objects.get(pk=lost.pk).heartbeat_at > first_beat,
            seconds=15,
            what="the heartbeat to be touched while the compile's transaction is open",
        )
        stop(killed, signal.SIGKILL)
        killed_at = time.monotonic()
        wait_for(
            lambda: not sessions_of(KILLED), seconds=30, what="PostgreSQL to end the dead worker's session"
        )
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM reliability_compile_brake")
        second = start_worker(REDELIVERED, tmp_path / "second-worker.log", visibility_timeout=600)

        assert compile_request(inspection=inspection, user=inspection.lead).pk == lost.pk  # not yet
        fresh = wait_for(
            lambda: (
                (run := compile_request(inspection=inspection, user=inspection.lead)).pk != lost.pk and run
            ),
            seconds=90,
            what="pressing Compile to start a new compile",
        )
        started_after = time.monotonic() - killed_at
        finished = wait_for(
            lambda: CompileRun.objects.filter(pk=fresh.pk, status__in=["succeeded", "failed"]).first(),
            seconds=60,
            what="the new compile to finish",
        )
    except AssertionError as failure:
        raise AssertionError(f"{failure}\n{worker_logs(tmp_path)}") from None
    finally:
        stop(killed, signal.SIGKILL)
        if second is not None:
            stop(second)

    assert 40 < started_after < 75, started_after  # the heartbeat, not the redelivery, freed it
    assert finished.status == CompileStatus.SUCCEEDED, f"{finished.error}\n{worker_logs(tmp_path)}"
    lost.refresh_from_db()
    assert lost.status == CompileStatus.FAILED
    assert lost.error.startswith("Abandoned: its worker stopped sending a heartbeat")
    assert CriterionResult.objects.filter(inspection=inspection).count() == finished.results_count
