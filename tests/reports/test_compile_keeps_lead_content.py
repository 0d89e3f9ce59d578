"""The compile proposes; the lead decides. A re-run never changes what the lead approved or edited."""

import pytest
from django.utils import timezone

from peel.models import AfiOrigin, ApprovalState, AreaForImprovement, Judgment, Recommendation
from reports.services.runs import compile_inspection
from reviews.models import Answer, AnswerValue
from tests.reports.builders import approved_judgment, inspection_2016, lead_afi, notes_add, reviewed_files_add

pytestmark = pytest.mark.django_db


# Four criteria, each evidence for a different sub-question (2.2, 3.1, 3.2, 2.3): four proposals.
HALF_MET = ("C03", "C06", "C09", "C14")


def four_criteria_half_met(criterion, number, stratum):
    if criterion.code in HALF_MET:
        return AnswerValue.YES if number % 2 else AnswerValue.NO
    return AnswerValue.YES


@pytest.fixture
def inspection():
    inspection = inspection_2016()
    reviewed_files_add(inspection, files=40, value_for=four_criteria_half_met)
    notes_add(inspection, "2.2", strengths=1, weaknesses=6, flagged=2)
    return inspection


def afi(inspection, key):
    return AreaForImprovement.objects.get(inspection=inspection, source_key=key)


def test_an_approved_judgment_keeps_its_grade_rationale_and_state_and_only_gains_a_proposal(inspection):
    judgment = approved_judgment(inspection, "2", "outstanding", rationale="Exactly as the lead wrote it.")

    compile_inspection(inspection=inspection)

    judgment.refresh_from_db()
    assert (judgment.grade, judgment.rationale, judgment.state) == (
        "outstanding",
        "Exactly as the lead wrote it.",
        ApprovalState.APPROVED,
    )
    assert judgment.proposed_grade == "inadequate"
    assert judgment.proposed_reasons


def test_draft_afis_the_lead_edited_rejected_approved_or_gave_recommendations_to_are_left_alone(inspection):
    compile_inspection(inspection=inspection)
    edited, rejected, approved, recommended = (
        afi(inspection, key) for key in ("question:2.2", "question:3.1", "question:3.2", "question:2.3")
    )
    edited.text = "The force should ensure that call-handlers always advise on preserving evidence."
    edited.save()
    rejected.rejected = True
    rejected.save()
    approved.state, approved.approved_by, approved.approved_at = (
        ApprovalState.APPROVED,
        inspection.lead,
        timezone.now(),
    )
    approved.save()
    Recommendation.objects.create(
        afi=recommended, text="By 1 May 2017 produce an action plan.", due_date="2017-05-01"
    )
    before = {
        a.pk: (a.text, a.proposed_text, a.state, a.rejected)
        for a in (edited, rejected, approved, recommended)
    }
    # The evidence changes so that every one of these proposals would now be reworded or withdrawn.
    Answer.objects.filter(criterion__code__in=HALF_MET).update(value=AnswerValue.YES)

    compile_inspection(inspection=inspection)

    after = {
        a.pk: (a.text, a.proposed_text, a.state, a.rejected)
        for a in AreaForImprovement.objects.filter(pk__in=before)
    }
    assert after == before


def test_an_untouched_proposal_follows_the_evidence(inspection):
    compile_inspection(inspection=inspection)
    Answer.objects.filter(criterion__code="C03", review__case_file__rank=2).update(value=AnswerValue.YES)

    compile_inspection(inspection=inspection)

    proposal = afi(inspection, "question:2.2")
    assert "met in 21 of 40 files" in proposal.text
    assert proposal.text == proposal.proposed_text


def test_the_leads_own_afis_and_judgments_of_other_questions_are_not_touched(inspection):
    own = lead_afi(inspection, "2", "The force should ensure that its leads write good AFIs.")
    approved_own = lead_afi(
        inspection, "3", "The force should keep approved words.", state=ApprovalState.APPROVED
    )

    compile_inspection(inspection=inspection)
    compile_inspection(inspection=inspection)

    assert AreaForImprovement.objects.get(pk=own.pk).text == own.text
    assert AreaForImprovement.objects.get(pk=approved_own.pk).state == ApprovalState.APPROVED
    assert AreaForImprovement.objects.filter(inspection=inspection, origin=AfiOrigin.LEAD).count() == 2


def test_a_re_run_on_unchanged_evidence_writes_no_judgment_history(inspection):
    compile_inspection(inspection=inspection)
    history = Judgment.history.count()

    compile_inspection(inspection=inspection)

    assert Judgment.history.count() == history
