"""Two compiles of one inspection never run at once: the second waits for the first to commit."""

import threading

import pytest
from django.conf import settings
from django.db import connection

from peel.models import AreaForImprovement, Inspection
from reports.models import CompileRun, CompileStatus, CriterionResult
from reports.services.runs import compile_inspection, inspection_lock
from reviews.models import AnswerValue
from tests.reports.builders import inspection_2016, notes_add, reviewed_files_add

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        "sqlite" in settings.DATABASES["default"]["ENGINE"],
        reason="SQLite's shared in-memory test database answers 'table is locked' at once instead of waiting "
        "(on a file, as in the embedded default, its write lock serialises compiles); the row lock is "
        "PostgreSQL's, and CI runs these tests there.",
    ),
]


def some_unmet(criterion, number, stratum):
    return AnswerValue.NO if criterion.code == "C03" and number % 2 else AnswerValue.YES


@pytest.fixture
def inspection():
    inspection = inspection_2016()
    reviewed_files_add(inspection, files=30, value_for=some_unmet)
    notes_add(inspection, "3.1", strengths=2, weaknesses=3, flagged=2)
    return inspection


def in_thread(target, results: dict, key: str) -> threading.Thread:
    def run():
        try:
            results[key] = target()
        except Exception as error:  # the assertion in the test reports it
            results[key] = error
        finally:
            connection.close()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread


def test_a_compile_waits_while_another_holds_the_inspections_lock(inspection):
    holding, release, results = threading.Event(), threading.Event(), {}

    def hold_the_lock():
        with inspection_lock(inspection_id=inspection.pk):
            holding.set()
            release.wait(20)
        return "released"

    holder = in_thread(hold_the_lock, results, "holder")
    assert holding.wait(10)
    compiler = in_thread(
        lambda: compile_inspection(inspection=Inspection.objects.get(pk=inspection.pk)), results, "run"
    )

    compiler.join(1.5)
    assert compiler.is_alive(), "the compile went ahead while another transaction held the inspection"
    assert not CriterionResult.objects.filter(inspection=inspection).exists()

    release.set()
    holder.join(20)
    compiler.join(30)
    assert results["holder"] == "released"
    assert isinstance(results["run"], CompileRun), results["run"]
    assert results["run"].status == CompileStatus.SUCCEEDED


def test_two_compiles_started_together_leave_one_consistent_result(inspection):
    results: dict = {}
    fresh = Inspection.objects.get(pk=inspection.pk)

    threads = [in_thread(lambda: compile_inspection(inspection=fresh), results, key) for key in ("a", "b")]
    for thread in threads:
        thread.join(60)

    runs = [results["a"], results["b"]]
    assert all(isinstance(run, CompileRun) for run in runs), runs
    assert {run.status for run in runs} == {CompileStatus.SUCCEEDED}
    assert runs[0].output_digest == runs[1].output_digest
    assert CriterionResult.objects.filter(inspection=inspection, stratum=None).count() == 22
    assert AreaForImprovement.objects.filter(inspection=inspection, source_key="question:2.2").count() == 1
    assert not CompileRun.objects.filter(inspection=inspection, status__in=["queued", "running"]).exists()
