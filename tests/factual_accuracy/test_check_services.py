"""The check's services: the lead opens and closes rounds, the liaison comments and withdraws, the lead
answers; everything out of turn is refused with a message and changes nothing."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from authoring.services.sections import sections_ensure
from factual_accuracy.models import AccuracyCheck, AccuracyComment, Answer
from factual_accuracy.selectors import comments_waiting_on
from factual_accuracy.services.checks import (
    accuracy_check_close,
    accuracy_check_open,
    accuracy_comment_answer,
    accuracy_comment_submit,
    accuracy_comment_withdraw,
)
from peel.models import Inspection, InspectionStatus
from tests.factual_accuracy.builders import setting

pytestmark = pytest.mark.django_db


def test_opening_a_check_keeps_the_draft_as_sent_without_the_teams_evidence_counts():
    world = setting()

    check = world.open_check()

    assert check.round == 1 and check.is_open
    assert "Cleveland Police" in check.document_html
    assert len(check.document_sha256) == 64
    assert "Evidence recorded under this question" not in check.document_html
    assert "No evidence has been recorded" not in check.document_html


def test_only_one_check_is_open_at_a_time_and_reopening_is_a_new_round():
    world = setting()
    first = world.open_check()

    with pytest.raises(ValidationError, match="already open"):
        world.open_check()
    accuracy_check_close(inspection=world.inspection, user=world.lead, check_id=first.pk)
    second = world.open_check()

    assert second.round == 2
    assert AccuracyCheck.objects.filter(inspection=world.inspection, closed_at=None).get() == second


def test_a_check_needs_the_lead_the_judgments_stage_and_a_due_date_not_past():
    world = setting()

    with pytest.raises(PermissionDenied):
        accuracy_check_open(inspection=world.inspection, user=world.liaison, due_on=timezone.localdate())
    with pytest.raises(ValidationError, match="due date is in the past"):
        world.open_check(due_in_days=-1)
    Inspection.objects.filter(pk=world.inspection.pk).update(status=InspectionStatus.FIELDWORK)
    with pytest.raises(ValidationError, match="fieldwork stage"):
        world.open_check()
    assert not AccuracyCheck.objects.exists()


def test_closing_twice_is_refused_as_stale():
    world = setting()
    check = world.open_check()
    accuracy_check_close(inspection=world.inspection, user=world.lead, check_id=check.pk)

    with pytest.raises(ValidationError, match="already closed"):
        accuracy_check_close(inspection=world.inspection, user=world.lead, check_id=check.pk)


def test_a_liaison_comments_on_a_section_of_the_draft_which_keeps_its_title():
    world = setting()
    check = world.open_check()

    comment = accuracy_comment_submit(
        check=check,
        user=world.liaison,
        section_key="force-in-numbers",
        quoted_text="Police officers",
        text="The figure is at 31 March 2016.",
        proposed_correction="Add the date.",
    )

    assert comment.section_title == "Force in numbers"
    assert comment.waits_for_answer and comment.state_label == "Waiting for an answer"
    assert list(comments_waiting_on(user=world.lead)) == [comment]


def test_a_comment_on_no_section_of_the_draft_or_from_another_force_or_after_closing_is_refused():
    world = setting()
    check = world.open_check()

    with pytest.raises(ValidationError, match="Choose a section"):
        world.comment(check, section_key="q9.9")
    with pytest.raises(PermissionDenied):
        accuracy_comment_submit(check=check, user=world.other_liaison, section_key="q1", text="Mine")
    with pytest.raises(PermissionDenied):
        accuracy_comment_submit(check=check, user=world.lead, section_key="q1", text="Mine")
    accuracy_check_close(inspection=world.inspection, user=world.lead, check_id=check.pk)
    with pytest.raises(ValidationError, match="has closed"):
        world.comment(check)
    assert not AccuracyComment.objects.exists()


def test_the_same_comment_form_sent_twice_makes_one_comment():
    world = setting()
    check = world.open_check()
    key = "8d2f1a4e-8a7b-4a3c-9a55-2b8f7f0b1c11"

    for _ in range(2):
        accuracy_comment_submit(
            check=check, user=world.liaison, section_key="q1", text="Once", submission_key=key
        )

    assert AccuracyComment.objects.count() == 1


def test_an_unanswered_comment_can_be_withdrawn_and_then_waits_on_no_one():
    world = setting()
    check = world.open_check()
    comment = world.comment(check)

    accuracy_comment_withdraw(check=check, user=world.liaison, comment_id=comment.pk)

    comment.refresh_from_db()
    assert comment.is_withdrawn and comment.state_label == "Withdrawn"
    assert not comments_waiting_on(user=world.lead).exists()
    with pytest.raises(ValidationError, match="withdrew"):
        accuracy_comment_answer(
            inspection=world.inspection,
            user=world.lead,
            comment_id=comment.pk,
            answer=Answer.ACCEPTED,
            reason="",
            version=comment.edit_version,
        )


def test_an_answered_comment_cannot_be_withdrawn():
    world = setting()
    check = world.open_check()
    comment = world.comment(check)
    accuracy_comment_answer(
        inspection=world.inspection,
        user=world.lead,
        comment_id=comment.pk,
        answer=Answer.ACCEPTED,
        reason="",
        version=comment.edit_version,
    )

    with pytest.raises(ValidationError, match="stays in the log"):
        accuracy_comment_withdraw(check=check, user=world.liaison, comment_id=comment.pk)


def test_the_lead_answers_accepted_or_not_accepted_with_a_reason_even_after_closing():
    world = setting()
    check = world.open_check()
    accepted, refused = world.comment(check), world.comment(check, section_key="q2", text="Harsh.")
    accuracy_check_close(inspection=world.inspection, user=world.lead, check_id=check.pk)

    with pytest.raises(ValidationError, match="Say why"):
        accuracy_comment_answer(
            inspection=world.inspection,
            user=world.lead,
            comment_id=refused.pk,
            answer=Answer.NOT_ACCEPTED,
            reason="  ",
            version=refused.edit_version,
        )
    for comment, answer, reason in (
        (accepted, Answer.ACCEPTED, ""),
        (refused, Answer.NOT_ACCEPTED, "Not a fact."),
    ):
        accuracy_comment_answer(
            inspection=world.inspection,
            user=world.lead,
            comment_id=comment.pk,
            answer=answer,
            reason=reason,
            version=comment.edit_version,
        )

    accepted.refresh_from_db(), refused.refresh_from_db()
    assert accepted.get_answer_display() == "Accepted and changed" and accepted.answered_by == world.lead
    assert refused.answer == Answer.NOT_ACCEPTED and refused.reason == "Not a fact."
    assert not comments_waiting_on(user=world.lead).exists()


def test_an_answer_made_on_a_stale_copy_is_refused_and_the_first_answer_stays():
    world = setting()
    check = world.open_check()
    comment = world.comment(check)
    loaded = comment.edit_version
    accuracy_comment_answer(
        inspection=world.inspection,
        user=world.lead,
        comment_id=comment.pk,
        answer=Answer.ACCEPTED,
        reason="Changed.",
        version=loaded,
    )

    with pytest.raises(ValidationError, match="Someone else saved"):
        accuracy_comment_answer(
            inspection=world.inspection,
            user=world.lead,
            comment_id=comment.pk,
            answer=Answer.NOT_ACCEPTED,
            reason="No.",
            version=loaded,
        )
    comment.refresh_from_db()
    assert comment.answer == Answer.ACCEPTED and comment.reason == "Changed."


def test_only_the_lead_answers():
    world = setting()
    comment = world.comment(world.open_check())

    with pytest.raises(PermissionDenied):
        accuracy_comment_answer(
            inspection=world.inspection,
            user=world.inspection.hmi,
            comment_id=comment.pk,
            answer=Answer.ACCEPTED,
            reason="",
            version=None,
        )


def test_the_due_date_is_kept():
    world = setting()

    check = world.open_check(due_in_days=10)

    assert check.due_on == timezone.localdate() + datetime.timedelta(days=10)


def test_a_comment_on_an_authored_section_is_attached_to_it_and_others_keep_their_anchor():
    world = setting()
    sections = {section.key: section for section in sections_ensure(inspection=world.inspection)}
    check = world.open_check()

    on_question = world.comment(check, section_key="q1.1")
    on_annex = world.comment(check, section_key="annex-a")
    on_figures = world.comment(check, section_key="force-in-numbers")

    assert on_question.section == sections["q-1.1"]
    assert on_annex.section == sections["annex-a"]
    assert on_figures.section is None and on_figures.section_key == "force-in-numbers"
