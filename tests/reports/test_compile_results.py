"""What the compile computes from reviewed files and evidence notes."""

from decimal import Decimal

import pytest
from statsmodels.stats.proportion import proportion_confint

from peel.models import AfiOrigin, AreaForImprovement, EvidenceSource, Judgment
from reports.models import CompileStatus, CriterionResult, QuestionEvidence
from reports.services.runs import compile_inspection
from reviews.models import AnswerValue, ReviewStatus
from tests.reports.builders import inspection_2016, notes_add, question, reviewed_files_add

pytestmark = pytest.mark.django_db

DOMESTIC_ABUSE = "Common assault (domestic abuse)"


def half_of_c03_and_dash_only_for_domestic_abuse(criterion, number, stratum):
    if criterion.code == "C03":
        return AnswerValue.YES if number % 2 == 0 else AnswerValue.NO
    if criterion.code == "C07":
        return AnswerValue.YES if stratum.label == DOMESTIC_ABUSE else AnswerValue.NOT_APPLICABLE
    if criterion.code == "C11":
        return [AnswerValue.YES, AnswerValue.PARTLY, AnswerValue.NO, AnswerValue.NOT_KNOWN][number % 4]
    return AnswerValue.YES


@pytest.fixture
def compiled():
    inspection = inspection_2016()
    reviewed_files_add(inspection, files=60, value_for=half_of_c03_and_dash_only_for_domestic_abuse)
    run = compile_inspection(inspection=inspection)
    return inspection, run


def overall(inspection, code):
    return CriterionResult.objects.get(inspection=inspection, criterion__code=code, stratum=None)


def test_a_criterion_met_in_half_the_files_has_its_wilson_interval_and_is_below_threshold(compiled):
    inspection, run = compiled

    result = overall(inspection, "C03")

    assert run.status == CompileStatus.SUCCEEDED
    assert (result.n, result.yes, result.no) == (60, 30, 30)
    assert result.proportion_met == Decimal("0.5000")
    low, high = proportion_confint(30, 60, method="wilson")
    assert float(result.interval_low) == pytest.approx(low, abs=5e-5)
    assert float(result.interval_high) == pytest.approx(high, abs=5e-5)
    assert result.below_threshold
    assert not result.small_sample


def test_not_applicable_answers_are_left_out_of_n_and_small_strata_are_marked(compiled):
    inspection, _ = compiled

    dash = overall(inspection, "C07")
    per_stratum = CriterionResult.objects.get(
        inspection=inspection, criterion__code="C07", stratum__label=DOMESTIC_ABUSE
    )

    assert dash.n == dash.yes == 9  # files 1, 8, ..., 57 are in the domestic-abuse stratum
    assert dash.proportion_met == Decimal("1.0000")
    assert dash.small_sample
    assert (per_stratum.n, per_stratum.yes) == (9, 9)
    assert (
        CriterionResult.objects.get(inspection=inspection, criterion__code="C07", stratum__label="Robbery").n
        == 0
    )


def test_partly_and_not_known_count_in_n_but_not_as_met(compiled):
    inspection, _ = compiled

    result = overall(inspection, "C11")

    assert (result.n, result.yes, result.partly, result.no, result.not_known) == (60, 15, 15, 15, 15)
    assert result.proportion_met == Decimal("0.2500")


def test_results_per_stratum_add_up_to_the_overall_result(compiled):
    inspection, run = compiled

    for code in ("C03", "C11", "C20"):
        strata = CriterionResult.objects.filter(
            inspection=inspection, criterion__code=code, stratum__isnull=False
        )
        assert sum(r.yes for r in strata) == overall(inspection, code).yes
        assert sum(r.n for r in strata) == overall(inspection, code).n
    assert run.results_count == CriterionResult.objects.filter(inspection=inspection).count() == 22 * 8


def test_only_accepted_first_reviews_count():
    inspection = inspection_2016()
    reviewed_files_add(inspection, files=10)
    reviewed_files_add(inspection, files=5, status=ReviewStatus.SUBMITTED, first_number=100)

    compile_inspection(inspection=inspection)

    assert overall(inspection, "C01").n == 10


def test_a_criterion_below_threshold_drafts_an_afi_from_its_template_with_the_figures(compiled):
    inspection, run = compiled

    afi = AreaForImprovement.objects.get(inspection=inspection, source_key="criterion:C03")

    assert afi.origin == AfiOrigin.CRITERION
    assert afi.question.code == "2"
    assert afi.text.startswith("The force should ensure that call-handlers give advice on the preservation")
    assert "met in 30 of 60 files where it applied (50%; 95% interval 38% to 62%)" in afi.text
    assert afi.text == afi.proposed_text
    assert list(afi.criteria.values_list("code", flat=True)) == ["C03"]
    assert not AreaForImprovement.objects.filter(inspection=inspection, source_key="criterion:C07").exists()
    assert run.draft_afis_count == 2  # C03 and C11


def test_a_template_naming_the_figures_gets_them_filled_in():
    inspection = inspection_2016()
    criterion = inspection.programme.criteria.get(code="C03")
    criterion.afi_template = "The force should ensure that advice is given (now {met} of {n}, {percent})."
    criterion.save()
    reviewed_files_add(inspection, files=60, value_for=half_of_c03_and_dash_only_for_domestic_abuse)

    compile_inspection(inspection=inspection)

    afi = AreaForImprovement.objects.get(inspection=inspection, source_key="criterion:C03")
    assert afi.text == "The force should ensure that advice is given (now 30 of 60, 50%)."


def test_notes_flagged_under_a_sub_question_become_one_draft_afi_linked_to_them():
    inspection = inspection_2016()
    notes = notes_add(inspection, "3.3", strengths=2, weaknesses=3, flagged=2)
    notes_add(inspection, "3.1", weaknesses=1, flagged=1)

    compile_inspection(inspection=inspection)

    afi = AreaForImprovement.objects.get(inspection=inspection, source_key="evidence:3.3")
    flagged = [note for note in notes if note.proposed_afi]
    assert afi.origin == AfiOrigin.EVIDENCE
    assert afi.question.code == "3"
    assert afi.text.startswith("The force should address what we found on the question “How effectively does")
    assert all(note.text in afi.text for note in flagged)
    assert set(afi.evidence_notes.all()) == set(flagged)
    assert AreaForImprovement.objects.filter(inspection=inspection, source_key="evidence:3.1").exists()


def test_evidence_is_counted_per_sub_question_and_rolled_up_to_its_core_question():
    inspection = inspection_2016()
    notes_add(inspection, "4.1", strengths=3, weaknesses=1)
    notes_add(inspection, "4.2", strengths=2, neutral=1, source=EvidenceSource.DOCUMENT)
    notes_add(inspection, "4.2", weaknesses=2, flagged=1, source=EvidenceSource.FOCUS_GROUP)

    compile_inspection(inspection=inspection)

    sub = QuestionEvidence.objects.get(inspection=inspection, question__code="4.2")
    core = QuestionEvidence.objects.get(inspection=inspection, question__code="4")
    assert (sub.strengths, sub.weaknesses, sub.neutral, sub.proposed_afi_notes) == (2, 2, 1, 1)
    assert sub.by_source == {"document": {"neutral": 1, "strength": 2}, "focus_group": {"weakness": 2}}
    assert (core.strengths, core.weaknesses, core.neutral, core.notes) == (5, 3, 1, 9)
    assert core.by_source["interview"] == {"strength": 3, "weakness": 1}


def test_criteria_results_are_attached_to_the_questions_they_are_evidence_for(compiled):
    inspection, _ = compiled

    sub = QuestionEvidence.objects.get(inspection=inspection, question__code="2.2")
    core = QuestionEvidence.objects.get(inspection=inspection, question__code="2")

    # 2.2 is served by C01-C05 and C11-C13; C03 (50%) and C11 (25%) fall short of 80%.
    assert (sub.criteria_assessed, sub.criteria_below_threshold) == (8, 2)
    assert core.criteria_below_threshold == 2


def test_the_compile_proposes_grades_with_reasons_and_writes_nothing_else_of_a_judgment():
    inspection = inspection_2016()
    notes_add(inspection, "1.2", strengths=9, weaknesses=1)
    notes_add(inspection, "4.1", strengths=2, weaknesses=4)

    compile_inspection(inspection=inspection)

    preventing = Judgment.objects.get(inspection=inspection, question__code="1")
    serious_crime = Judgment.objects.get(inspection=inspection, question__code="4")
    assert preventing.proposed_grade == "good"
    assert serious_crime.proposed_grade == "requires_improvement"
    assert any("33%" in reason and "below 50%" in reason for reason in serious_crime.proposed_reasons)
    assert preventing.grade == "" and preventing.rationale == "" and preventing.state == "draft"
    assert preventing.proposed_at is not None
    assert not Judgment.objects.filter(inspection=inspection, question__code="5").exists()
    assert Judgment.objects.get(inspection=inspection, question=question(inspection, "0")).proposed_grade


def test_the_programme_gets_the_default_rules_on_its_first_compile():
    inspection = inspection_2016()
    inspection.programme.grading_rules = {}
    inspection.programme.save()

    run = compile_inspection(inspection=inspection)

    inspection.programme.refresh_from_db()
    assert inspection.programme.grading_rules["version"] == 1
    assert run.rules_version == 1
