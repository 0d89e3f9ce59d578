"""The compile through a real Celery worker on Redis, sharing the test database (run by .ci/run)."""

import time

import pytest

from reports.models import CompileRun, CompileStatus, CriterionResult
from reports.services.runs import compile_inspection, compile_request
from reviews.models import AnswerValue
from tests.reports.builders import inspection_2016, notes_add, reviewed_files_add

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

TIMEOUT_SECONDS = 60


def some_unmet(criterion, number, stratum):
    return AnswerValue.NO if criterion.code == "C04" and number % 3 == 0 else AnswerValue.YES


def finished(run: CompileRun) -> CompileRun:
    deadline = time.monotonic() + TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        run.refresh_from_db()
        if not run.is_active:
            return run
        time.sleep(0.2)
    pytest.fail(f"compile run {run.pk} still {run.status} after {TIMEOUT_SECONDS} s: is the worker running?")


def test_the_lead_s_compile_runs_in_the_worker_and_matches_a_compile_in_process():
    inspection = inspection_2016()
    reviewed_files_add(inspection, files=30, value_for=some_unmet)
    notes_add(inspection, "2.2", strengths=3, weaknesses=2, flagged=1)

    run = finished(compile_request(inspection=inspection, user=inspection.lead))

    assert run.status == CompileStatus.SUCCEEDED, run.error
    assert run.attempts == 1
    assert run.duration_ms is not None and len(run.output_digest) == 64
    assert CriterionResult.objects.filter(inspection=inspection).count() == run.results_count
    assert compile_inspection(inspection=inspection).output_digest == run.output_digest


def test_asking_twice_while_a_compile_waits_queues_it_once():
    inspection = inspection_2016()
    reviewed_files_add(inspection, files=10)

    first = compile_request(inspection=inspection, user=inspection.lead)
    second = compile_request(inspection=inspection, user=inspection.lead)

    if second.pk != first.pk:  # the worker was quicker than us: the first had already finished
        assert finished(first).status == CompileStatus.SUCCEEDED
    assert finished(second).status == CompileStatus.SUCCEEDED
    assert CompileRun.objects.filter(inspection=inspection).count() <= 2
