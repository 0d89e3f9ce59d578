"""The life of a compile run: asked for once, run once, redelivered safely, abandoned runs replaced."""

import datetime

import pytest
from django.utils import timezone

from peel.models.runs import SILENT_AFTER, queued_abandoned_after
from reports.models import CompileRun, CompileStatus, CompileTrigger, CriterionResult
from reports.services.runs import compile_inspection, compile_request, compile_run_execute
from tests.reports.builders import inspection_2016, reviewed_files_add

pytestmark = pytest.mark.django_db


@pytest.fixture
def inspection():
    inspection = inspection_2016()
    reviewed_files_add(inspection, files=10)
    return inspection


def test_asking_again_while_a_compile_is_queued_returns_the_same_run(inspection):
    first = compile_request(inspection=inspection, user=inspection.lead)
    second = compile_request(inspection=inspection, user=inspection.lead)

    assert second.pk == first.pk
    assert CompileRun.objects.filter(inspection=inspection).count() == 1
    assert first.status == CompileStatus.QUEUED and first.trigger == CompileTrigger.WEB


def test_the_command_runs_a_compile_already_queued_instead_of_starting_another(inspection):
    queued = compile_request(inspection=inspection, user=inspection.lead)

    run = compile_inspection(inspection=inspection)

    assert run.pk == queued.pk
    assert run.status == CompileStatus.SUCCEEDED
    assert CompileRun.objects.filter(inspection=inspection).count() == 1


def test_a_redelivered_task_for_a_finished_run_changes_nothing(inspection):
    run = compile_inspection(inspection=inspection)
    results = list(CriterionResult.objects.values_list("pk", "yes", "n"))

    again = compile_run_execute(run_id=run.pk)

    assert again.pk == run.pk and again.status == CompileStatus.SUCCEEDED
    assert again.attempts == run.attempts == 1
    assert again.finished_at == run.finished_at
    assert list(CriterionResult.objects.values_list("pk", "yes", "n")) == results


def test_a_run_lost_with_its_message_is_marked_abandoned_and_a_new_one_is_queued(inspection):
    lost = compile_request(inspection=inspection, user=inspection.lead)
    long_ago = timezone.now() - queued_abandoned_after() - datetime.timedelta(minutes=1)
    CompileRun.objects.filter(pk=lost.pk).update(requested_at=long_ago)

    fresh = compile_request(inspection=inspection, user=inspection.lead)

    lost.refresh_from_db()
    assert fresh.pk != lost.pk and fresh.status == CompileStatus.QUEUED
    assert lost.status == CompileStatus.FAILED
    assert lost.error.startswith("Abandoned: no worker took it within")


def running_with_heartbeat(run: CompileRun, *, seconds_ago: float) -> None:
    """The run as a worker left it: claimed, its heartbeat last touched ``seconds_ago``."""
    beat = timezone.now() - datetime.timedelta(seconds=seconds_ago)
    CompileRun.objects.filter(pk=run.pk).update(
        status=CompileStatus.RUNNING, started_at=beat - datetime.timedelta(seconds=5), heartbeat_at=beat
    )


def test_a_running_compile_whose_heartbeat_stopped_a_minute_ago_does_not_block_a_new_one(inspection):
    killed = compile_request(inspection=inspection, user=inspection.lead)
    running_with_heartbeat(killed, seconds_ago=SILENT_AFTER.total_seconds() + 1)

    fresh = compile_request(inspection=inspection, user=inspection.lead)

    killed.refresh_from_db()
    assert fresh.pk != killed.pk and fresh.status == CompileStatus.QUEUED
    assert killed.status == CompileStatus.FAILED and killed.finished_at is not None
    assert killed.error.startswith("Abandoned: its worker stopped sending a heartbeat (last at ")
    assert killed.error.endswith("A new compile was started.")


def test_a_running_compile_with_a_recent_heartbeat_is_returned_rather_than_repeated(inspection):
    running = compile_request(inspection=inspection, user=inspection.lead)
    running_with_heartbeat(running, seconds_ago=SILENT_AFTER.total_seconds() - 10)

    again = compile_request(inspection=inspection, user=inspection.lead)

    assert again.pk == running.pk and again.status == CompileStatus.RUNNING
    assert CompileRun.objects.filter(inspection=inspection).count() == 1


def test_a_worker_keeps_the_heartbeat_of_its_run_while_it_compiles(inspection):
    run = compile_inspection(inspection=inspection)

    assert run.started_at <= run.heartbeat_at <= run.finished_at


def test_a_run_records_who_when_how_long_and_what(inspection):
    run = compile_inspection(inspection=inspection, user=inspection.lead)

    assert run.requested_by == inspection.lead
    assert run.requested_at <= run.started_at <= run.finished_at
    assert run.duration_ms >= 0
    assert (run.progress, run.stage) == (100, "Finished")
    assert run.rules_version == 1
    assert len(run.input_digest) == len(run.output_digest) == 64
    assert run.error == ""
