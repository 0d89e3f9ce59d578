"""The demo end to end: the Cleveland inspection compiled, its proposals beside HMIC's grades, and its
report with the reference report's structure."""

import io

import pytest
from django.core.management import call_command

from peel.models import ApprovalState, AreaForImprovement, Inspection, Judgment
from reports.models import CompileRun, CompileStatus, CriterionResult
from reports.services.report_content import report_content
from tests.reports.conftest import data_for_the_module

# The reference report's grades: the demo's approved judgments (issue 3) hold them.
REPORT_GRADES = {"0": "good", "1": "good", "2": "good", "3": "requires_improvement", "4": "good"}


@pytest.fixture(scope="module")
def cleveland(django_db_setup, django_db_blocker):
    with data_for_the_module(django_db_blocker):
        # seed_demo compiles Cleveland before publishing it, as its lead would.
        call_command("seed_demo", force=True, stdout=io.StringIO())
        inspection = Inspection.objects.get(
            force__slug="cleveland", programme__slug="peel-effectiveness-2016"
        )
        run = CompileRun.objects.get(inspection=inspection, status=CompileStatus.SUCCEEDED)
        yield inspection, run


@pytest.mark.django_db
def test_the_compile_proposes_the_grades_hmic_gave_cleveland(cleveland):
    inspection, _ = cleveland

    proposals = dict(
        Judgment.objects.filter(inspection=inspection)
        .exclude(proposed_grade="")
        .values_list("question__code", "proposed_grade")
    )

    assert proposals == REPORT_GRADES


@pytest.mark.django_db
def test_the_file_review_results_agree_with_what_the_report_says_of_the_files(cleveland):
    inspection, run = cleveland
    overall = {
        r.criterion.code: r
        for r in CriterionResult.objects.filter(inspection=inspection, stratum=None).select_related(
            "criterion"
        )
    }

    assert len(run.output_digest) == 64
    assert (
        overall["C13"].yes == overall["C13"].n == 60
    )  # "all the files reviewed were allocated to the most appropriate team"
    assert overall["C03"].below_threshold  # "not always on the preservation of evidence"
    assert not overall["C05"].below_threshold  # "just a couple of instances" of a delayed response


@pytest.mark.django_db
def test_the_demo_report_reads_like_the_reference_report(cleveland):
    inspection, _ = cleveland

    content = report_content(inspection=inspection)

    assert content.overall_grade.label == "Good"
    assert [label for _, shown in content.summary_rows for label in [shown.label]] == [
        "Good",
        "Good",
        "Requires improvement",
        "Good",
        "Ungraded",
    ]
    assert content.previous.statement == (
        "the cause of concern has been addressed; seven of the nine areas for improvement have been addressed"
    )
    assert content.annex.files == 60
    assert "robbery, common assault (flagged as domestic abuse)" in content.annex.statement[0]


@pytest.mark.django_db
def test_the_demo_compile_proposes_a_handful_of_afis_none_restating_an_approved_one(cleveland):
    inspection, _ = cleveland
    proposals = AreaForImprovement.objects.filter(inspection=inspection).exclude(source_key="")
    approved = AreaForImprovement.objects.filter(inspection=inspection, state=ApprovalState.APPROVED)

    # Cleveland 2016 proposes two: 2.2 (C03, C04, C12) and 2.3 (C14, C18, C19), beside the nine approved.
    assert 1 <= proposals.count() <= 5
    assert approved.count() == 9
    covered_criteria = set(approved.values_list("criteria", flat=True)) - {None}
    covered_notes = set(approved.values_list("evidence_notes", flat=True)) - {None}
    assert covered_criteria and covered_notes
    assert not proposals.filter(criteria__in=covered_criteria).exists()
    assert not proposals.filter(evidence_notes__in=covered_notes).exists()
    assert all(afi.source_key.startswith("question:") for afi in proposals)
