"""The data migration from per-criterion draft AFIs to one per sub-question, and back."""

import pytest
from django.core.management import call_command

from peel.models import AfiOrigin, ApprovalState, AreaForImprovement, Criterion, Recommendation
from tests.reports.builders import inspection_2016, notes_add, question


def proposal(inspection, key: str, *, text: str, origin: str, criteria=(), notes=(), edited=False):
    afi = AreaForImprovement.objects.create(
        inspection=inspection,
        question=question(inspection, "2"),
        text=text + (" Edited by the lead." if edited else ""),
        proposed_text=text,
        origin=origin,
        source_key=key,
        order=100,
    )
    afi.criteria.set(Criterion.objects.filter(programme=inspection.programme, code__in=criteria))
    afi.evidence_notes.set(notes)
    return afi


def keys(inspection) -> dict[str, AreaForImprovement]:
    return {
        afi.source_key: afi
        for afi in AreaForImprovement.objects.filter(inspection=inspection).exclude(source_key="")
    }


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_untouched_per_criterion_proposals_become_one_per_sub_question_and_back():
    call_command("migrate", "peel", "0013_afi_proposals_by_sub_question", verbosity=0)
    inspection = inspection_2016()
    notes = [note for note in notes_add(inspection, "2.2", weaknesses=2, flagged=2) if note.proposed_afi]
    proposal(inspection, "criterion:C03", text="C03 is low.", origin=AfiOrigin.CRITERION, criteria=["C03"])
    proposal(inspection, "criterion:C04", text="C04 is low.", origin=AfiOrigin.CRITERION, criteria=["C04"])
    proposal(inspection, "evidence:2.2", text="Notes on 2.2.", origin=AfiOrigin.EVIDENCE, notes=notes)
    edited = proposal(
        inspection,
        "criterion:C11",
        text="C11 is low.",
        origin=AfiOrigin.CRITERION,
        criteria=["C11"],
        edited=True,
    )
    approved = proposal(
        inspection, "criterion:C12", text="C12 is low.", origin=AfiOrigin.CRITERION, criteria=["C12"]
    )
    AreaForImprovement.objects.filter(pk=approved.pk).update(state=ApprovalState.APPROVED)
    recommended = proposal(
        inspection, "criterion:C13", text="C13 is low.", origin=AfiOrigin.CRITERION, criteria=["C13"]
    )
    Recommendation.objects.create(afi=recommended, text="The force should plan.", due_date="2017-05-01")

    call_command("migrate", verbosity=0)  # every app: going back unapplied those that depend on peel

    after = keys(inspection)
    assert sorted(after) == ["criterion:C11", "criterion:C12", "criterion:C13", "question:2.2"]
    grouped = after["question:2.2"]
    assert grouped.origin == AfiOrigin.QUESTION and grouped.question.code == "2"
    assert grouped.text == grouped.proposed_text == "C03 is low. C04 is low. Notes on 2.2."
    assert sorted(grouped.criteria.values_list("code", flat=True)) == ["C03", "C04"]
    assert set(grouped.evidence_notes.all()) == set(notes)
    assert after["criterion:C11"].text == edited.text  # the lead's work is left as it was

    call_command("migrate", "peel", "0013_afi_proposals_by_sub_question", verbosity=0)

    before = keys(inspection)
    assert sorted(before) == [
        "criterion:C03",
        "criterion:C04",
        "criterion:C11",
        "criterion:C12",
        "criterion:C13",
        "evidence:2.2",
    ]
    assert list(before["criterion:C03"].criteria.values_list("code", flat=True)) == ["C03"]
    assert set(before["evidence:2.2"].evidence_notes.all()) == set(notes)
    assert before["criterion:C11"].text == edited.text

    call_command("migrate", verbosity=0)  # every app: going back unapplied those that depend on peel
