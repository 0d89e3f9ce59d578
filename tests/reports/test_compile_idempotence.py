"""Re-running the compile on unchanged evidence gives the same digest and writes nothing new."""

import pytest
from django.apps import apps

from peel.models import AreaForImprovement, EvidenceNote, Judgment
from reports.models import CompileRun, CriterionResult, QuestionEvidence
from reports.services.runs import compile_inspection
from reviews.models import Answer, AnswerValue
from tests.reports.builders import inspection_2016, notes_add, reviewed_files_add

pytestmark = pytest.mark.django_db


def mixed_answers(criterion, number, stratum):
    if criterion.code in ("C03", "C10"):
        return AnswerValue.YES if number % 3 else AnswerValue.NO
    return AnswerValue.YES if number % 11 else AnswerValue.PARTLY


def result_tables():
    """Every table the compile writes, with the history it leaves."""
    models = [CriterionResult, QuestionEvidence, Judgment, AreaForImprovement]
    models += [Judgment.history.model, AreaForImprovement.history.model]
    models += [AreaForImprovement.evidence_notes.through, AreaForImprovement.criteria.through]
    return {model._meta.label: model.objects.count() for model in models}


@pytest.fixture
def inspection():
    inspection = inspection_2016()
    reviewed_files_add(inspection, files=60, value_for=mixed_answers)
    notes_add(inspection, "2.4", strengths=3, weaknesses=4, flagged=2)
    notes_add(inspection, "3.3", strengths=5, weaknesses=2, flagged=1)
    return inspection


def test_a_re_run_on_unchanged_evidence_has_the_same_digest_and_the_same_rows(inspection):
    first = compile_inspection(inspection=inspection)
    rows_after_first = result_tables()
    pks_after_first = set(CriterionResult.objects.values_list("pk", flat=True))

    second = compile_inspection(inspection=inspection)

    assert second.pk != first.pk
    assert second.output_digest == first.output_digest
    assert second.input_digest == first.input_digest
    assert len(first.output_digest) == 64
    assert result_tables() == rows_after_first
    assert set(CriterionResult.objects.values_list("pk", flat=True)) == pks_after_first
    assert CompileRun.objects.filter(inspection=inspection).count() == 2  # each run is logged


def test_the_digest_does_not_depend_on_row_ids(inspection):
    first = compile_inspection(inspection=inspection)
    CriterionResult.objects.all().delete()
    QuestionEvidence.objects.all().delete()

    again = compile_inspection(inspection=inspection)

    assert again.output_digest == first.output_digest


def test_changed_evidence_changes_the_digest_and_updates_rows_in_place(inspection):
    first = compile_inspection(inspection=inspection)
    c03 = CriterionResult.objects.get(inspection=inspection, criterion__code="C03", stratum=None)
    afi = AreaForImprovement.objects.get(inspection=inspection, source_key="question:2.2")
    answer = Answer.objects.filter(criterion__code="C03", value=AnswerValue.NO).first()
    answer.value = AnswerValue.YES
    answer.save()

    second = compile_inspection(inspection=inspection)

    assert second.output_digest != first.output_digest
    assert second.input_digest != first.input_digest
    c03_again = CriterionResult.objects.get(inspection=inspection, criterion__code="C03", stratum=None)
    assert c03_again.pk == c03.pk and c03_again.yes == c03.yes + 1
    afi_again = AreaForImprovement.objects.get(inspection=inspection, source_key="question:2.2")
    assert afi_again.pk == afi.pk
    assert f"met in {c03.yes + 1} of 60 files" in afi_again.text


def test_an_untouched_proposal_is_withdrawn_when_its_sub_questions_criterion_meets_the_threshold(inspection):
    compile_inspection(inspection=inspection)
    Answer.objects.filter(criterion__code="C10").update(value=AnswerValue.YES)

    compile_inspection(inspection=inspection)

    assert not AreaForImprovement.objects.filter(inspection=inspection, source_key="question:3.2").exists()


def test_unflagging_the_notes_withdraws_their_untouched_proposal(inspection):
    compile_inspection(inspection=inspection)
    EvidenceNote.objects.filter(inspection=inspection, question__code="3.3").update(proposed_afi=False)

    compile_inspection(inspection=inspection)

    assert not AreaForImprovement.objects.filter(inspection=inspection, source_key="question:3.3").exists()
    assert AreaForImprovement.objects.filter(inspection=inspection, source_key="question:2.4").exists()


def test_inspections_are_compiled_independently():
    one, other = inspection_2016(), inspection_2016(force_slug="durham")
    reviewed_files_add(one, files=20)
    reviewed_files_add(other, files=20, value_for=mixed_answers)
    compile_inspection(inspection=one)
    before = CriterionResult.objects.filter(inspection=one).count()

    compile_inspection(inspection=other)

    assert CriterionResult.objects.filter(inspection=one).count() == before
    assert not AreaForImprovement.objects.filter(inspection=one).exists()
    assert AreaForImprovement.objects.filter(inspection=other).exists()
    assert apps.get_model("reports", "CompileRun").objects.count() == 2
