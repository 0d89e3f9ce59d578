"""The compile runs a fixed number of queries, whatever the number of files and notes."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reports.models import CompileStatus
from reports.services.runs import compile_inspection
from reviews.models import AnswerValue
from tests.reports.builders import inspection_2016, notes_add, reviewed_files_add
from tests.reports.conftest import data_for_the_module

pytestmark = pytest.mark.django_db

# Claim (one transaction): lock the inspection, find an active run, create the run.
# Run: mark it running, read its inspection id; then in one transaction: lock the inspection, lock the
# run, (first compile only) store the default rules, read questions, criteria, their mapping to
# questions, strata, judgments; the two GROUP BY queries over the answers; the GROUP BY over the notes;
# the notes flagged as AFIs; criterion results (read, insert/update/delete: up to 3 inserts on SQLite,
# whose bulk inserts are split at 999 parameters), question evidence (read, write), judgments (insert or
# update, and their history), AFIs (read with links, insert, history, update, history, links rewritten
# in 4, withdraw), and the run's result; plus the savepoints around nested transactions. Since programmes
# carry their grade scale, approved AFIs and causes of concern say what they cover, and an audit has its
# estimate: the programme's levels, the links of what is covered, the audit estimate (read, write).
MAX_QUERIES = 44


def mixed(criterion, number, stratum):
    if criterion.code in ("C03", "C10", "C19"):
        return AnswerValue.YES if number % 3 else AnswerValue.NO
    return AnswerValue.YES if number % 10 else [AnswerValue.PARTLY, AnswerValue.NOT_KNOWN][number % 20 // 10]


def inspection_with(*, files: int, notes: int, force_slug: str = "cleveland"):
    inspection = inspection_2016(force_slug=force_slug)
    reviewed_files_add(inspection, files=files, value_for=mixed)
    for code in ("1.2", "2.2", "2.4", "3.1", "3.3", "4.2"):
        notes_add(inspection, code, strengths=notes, weaknesses=notes, flagged=max(1, notes // 10))
    return inspection


@pytest.fixture(scope="module")
def inspections(django_db_setup, django_db_blocker):
    """60 files and 300 notes, and ten times as many, built once for the module."""
    with data_for_the_module(django_db_blocker):
        yield {
            1: inspection_with(files=60, notes=25),
            10: inspection_with(files=600, notes=250, force_slug="durham"),
        }


@pytest.mark.parametrize("scale", [1, 10], ids=["60 files, 300 notes", "600 files, 3000 notes"])
def test_a_first_compile_and_a_re_run_stay_within_the_query_bound(
    django_assert_max_num_queries, inspections, scale
):
    inspection = inspections[scale]

    with django_assert_max_num_queries(MAX_QUERIES):
        first = compile_inspection(inspection=inspection)
    with django_assert_max_num_queries(MAX_QUERIES):
        again = compile_inspection(inspection=inspection)

    assert first.status == again.status == CompileStatus.SUCCEEDED
    # One per sub-question: C03 (2.2), C10 (3.2) and C19 (2.3) below threshold, flagged notes under six
    # sub-questions, 2.2 among them.
    assert first.draft_afis_count == 8


def test_ten_times_the_files_costs_no_more_queries(inspections):
    counts = []
    for inspection in (inspections[1], inspections[10]):
        compile_inspection(inspection=inspection)  # the first compile writes every row
        with CaptureQueriesContext(connection) as captured:
            compile_inspection(inspection=inspection)
        counts.append(len(captured.captured_queries))

    assert counts[0] == counts[1]
