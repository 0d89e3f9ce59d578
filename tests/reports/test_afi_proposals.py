"""The compile proposes one draft AFI per sub-question, and never one for a matter an approved AFI or cause
of concern already covers (by the criteria and notes linked to it)."""

import pytest
from django.utils import timezone

from peel.models import AfiOrigin, ApprovalState, AreaForImprovement, CauseOfConcern, Criterion
from reports.services.afi_drafting import within_limit
from reports.services.runs import compile_inspection
from reviews.models import AnswerValue
from tests.forms_in_html import form_with
from tests.reports.builders import inspection_2016, lead_afi, notes_add, question, reviewed_files_add

pytestmark = pytest.mark.django_db


def three_criteria_of_2_2_and_c06_half_met(criterion, number, stratum):
    # C03, C04 and C11 are evidence for sub-question 2.2 only; C06 for 3.1.
    if criterion.code in ("C03", "C04", "C11", "C06"):
        return AnswerValue.YES if number % 2 else AnswerValue.NO
    return AnswerValue.YES


@pytest.fixture
def inspection():
    inspection = inspection_2016()
    reviewed_files_add(inspection, files=40, value_for=three_criteria_of_2_2_and_c06_half_met)
    notes_add(inspection, "2.2", weaknesses=3, flagged=2)
    return inspection


def proposals(inspection) -> dict[str, AreaForImprovement]:
    return {
        afi.source_key: afi
        for afi in AreaForImprovement.objects.filter(inspection=inspection).exclude(source_key="")
    }


def criteria_codes(afi) -> list[str]:
    return sorted(afi.criteria.values_list("code", flat=True))


def approved(inspection, code: str, text: str, *, criteria=(), notes=()) -> AreaForImprovement:
    afi = lead_afi(inspection, code, text, state=ApprovalState.APPROVED)
    afi.criteria.set(Criterion.objects.filter(programme=inspection.programme, code__in=criteria))
    afi.evidence_notes.set(notes)
    return afi


def approved_cause(inspection, code: str, *, criteria=(), notes=()) -> CauseOfConcern:
    cause = CauseOfConcern.objects.create(
        inspection=inspection,
        question=question(inspection, code),
        text="The force does not safeguard victims well enough.",
        state=ApprovalState.APPROVED,
        approved_by=inspection.lead,
        approved_at=timezone.now(),
    )
    cause.criteria.set(Criterion.objects.filter(programme=inspection.programme, code__in=criteria))
    cause.evidence_notes.set(notes)
    return cause


def flagged_notes(inspection, code: str):
    return list(inspection.evidence_notes.filter(question__code=code, proposed_afi=True).order_by("pk"))


def test_a_sub_questions_criteria_below_threshold_and_flagged_notes_make_one_proposal(inspection):
    run = compile_inspection(inspection=inspection)

    drafts = proposals(inspection)
    assert sorted(drafts) == ["question:2.2", "question:3.1"]
    assert run.draft_afis_count == 2
    grouped = drafts["question:2.2"]
    assert grouped.origin == AfiOrigin.QUESTION and grouped.question.code == "2"
    assert criteria_codes(grouped) == ["C03", "C04", "C11"]
    assert set(grouped.evidence_notes.all()) == set(flagged_notes(inspection, "2.2"))
    # Its text names each matter: the criteria with their results, then the flagged notes.
    assert grouped.text.count("In our file review this was met in 20 of 40 files") == 3
    assert all(note.text in grouped.text for note in flagged_notes(inspection, "2.2"))
    assert criteria_codes(drafts["question:3.1"]) == ["C06"]


def test_a_criterion_linked_to_an_approved_afi_is_left_out_of_its_sub_questions_proposal(inspection):
    approved(
        inspection, "2", "The force should ensure that call-handlers advise on evidence.", criteria=["C03"]
    )

    compile_inspection(inspection=inspection)

    grouped = proposals(inspection)["question:2.2"]
    assert criteria_codes(grouped) == ["C04", "C11"]
    assert "preservation" not in grouped.text


def test_a_note_linked_to_an_approved_cause_of_concern_is_left_out(inspection):
    first, second = flagged_notes(inspection, "2.2")
    approved_cause(inspection, "2", notes=[first])

    compile_inspection(inspection=inspection)

    grouped = proposals(inspection)["question:2.2"]
    assert list(grouped.evidence_notes.all()) == [second]
    assert first.text not in grouped.text


def test_a_sub_question_whose_matters_are_all_covered_gets_no_proposal_and_its_old_one_is_withdrawn(
    inspection,
):
    compile_inspection(inspection=inspection)
    assert "question:3.1" in proposals(inspection)

    approved_cause(inspection, "3", criteria=["C06"])
    compile_inspection(inspection=inspection)

    assert "question:3.1" not in proposals(inspection)
    assert "question:2.2" in proposals(inspection)


def test_only_approved_afis_and_causes_cover_a_matter(inspection):
    draft = lead_afi(inspection, "3", "The force should record vulnerability.")
    draft.criteria.set(Criterion.objects.filter(programme=inspection.programme, code="C06"))
    rejected = lead_afi(inspection, "3", "The force should record vulnerability better.")
    rejected.rejected = True
    rejected.save()
    rejected.criteria.set(Criterion.objects.filter(programme=inspection.programme, code="C06"))

    compile_inspection(inspection=inspection)

    assert criteria_codes(proposals(inspection)["question:3.1"]) == ["C06"]


def test_covering_a_matter_changes_the_input_digest_and_a_re_run_then_writes_nothing(inspection):
    first = compile_inspection(inspection=inspection)
    approved(inspection, "3", "The force should record vulnerability.", criteria=["C06"])

    second = compile_inspection(inspection=inspection)
    history = AreaForImprovement.history.count()
    third = compile_inspection(inspection=inspection)

    assert second.input_digest != first.input_digest
    assert second.output_digest != first.output_digest
    assert (third.input_digest, third.output_digest) == (second.input_digest, second.output_digest)
    assert AreaForImprovement.history.count() == history


def test_a_criterion_mapped_to_two_sub_questions_is_proposed_under_the_first_only():
    inspection = inspection_2016()
    reviewed_files_add(
        inspection,
        files=20,
        value_for=lambda c, n, s: AnswerValue.NO if c.code == "C10" else AnswerValue.YES,
    )

    compile_inspection(inspection=inspection)

    # C10 is evidence for 3.2 and 3.3.
    assert sorted(proposals(inspection)) == ["question:3.2"]


def test_a_proposal_longer_than_an_afi_may_be_is_cut_at_a_word():
    cut = within_limit("word " * 1000)

    assert len(cut) <= 4000
    assert cut.endswith("word…")


def test_a_cause_of_concern_written_with_the_criteria_it_rests_on_covers_them_once_approved(
    client, inspection
):
    client.force_login(inspection.lead)
    page = f"/inspections/{inspection.pk}/causes/new/"
    form = form_with(client.get(page).content, "criteria")
    c06 = Criterion.objects.get(programme=inspection.programme, code="C06")
    data = form.submission(
        question=str(question(inspection, "3").pk),
        text="The force does not identify vulnerable victims.",
        criteria=[str(c06.pk)],
    )
    created = client.post(page, data)
    cause = CauseOfConcern.objects.get(inspection=inspection)
    assert created.status_code == 302 and list(cause.criteria.all()) == [c06]

    compile_inspection(inspection=inspection)
    assert "question:3.1" in proposals(inspection)  # a draft cause covers nothing yet
    CauseOfConcern.objects.filter(pk=cause.pk).update(state=ApprovalState.APPROVED)
    compile_inspection(inspection=inspection)

    assert "question:3.1" not in proposals(inspection)
