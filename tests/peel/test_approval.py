"""Judgments, summaries, AFIs and causes of concern share one flow: draft → submitted → approved by the
lead; approved content is read-only; reopening needs a reason, which the history keeps with who and when."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from peel.models import ApprovalState, Judgment
from peel.services.approval import ApprovalAction, approvable_transition, approvable_update
from peel.services.findings import recommendation_create


def _judgment_url(cast, judgment, suffix=""):
    return f"/inspections/{cast.inspection.pk}/judgments/{judgment.pk}/{suffix}"


def test_a_team_inspector_drafts_and_submits_a_judgment_and_the_lead_approves_it(client, cast):
    client.force_login(cast.inspector)
    page = client.get(_judgment_url(cast, cast.judgment))
    version = page.context["form"].initial["version"]

    response = client.post(
        _judgment_url(cast, cast.judgment),
        {"version": version, "grade": "good", "rationale": "First paragraph.\n\n\n  Second   paragraph. "},
    )
    assert response.status_code == 302
    client.post(_judgment_url(cast, cast.judgment, "submit/"))
    client.force_login(cast.lead)
    client.post(_judgment_url(cast, cast.judgment, "approve/"))

    cast.judgment.refresh_from_db()
    assert cast.judgment.grade == "good"
    assert cast.judgment.rationale == "First paragraph.\n\nSecond paragraph."
    assert cast.judgment.state == ApprovalState.APPROVED
    assert cast.judgment.approved_by == cast.lead
    assert cast.judgment.approved_at is not None


def test_an_approved_judgment_is_read_only(client, cast):
    judgment = cast.approved_judgment()
    client.force_login(cast.lead)

    page = client.get(_judgment_url(cast, judgment))
    response = client.post(
        _judgment_url(cast, judgment),
        {"version": judgment.updated_at.isoformat(), "grade": "inadequate", "rationale": "Changed."},
        follow=True,
    )

    assert page.context["form"] is None
    assert b"Reopen" in page.content
    judgment.refresh_from_db()
    assert judgment.grade == "good"
    assert "approved, so it is read-only" in response.content.decode()


def test_the_service_refuses_to_change_approved_content_even_from_a_stale_copy(cast):
    stale = Judgment.objects.get(pk=cast.judgment.pk)
    cast.approved_judgment()

    with pytest.raises(ValidationError, match="read-only"):
        approvable_update(item=stale, user=cast.lead, changes={"grade": "inadequate"})
    with pytest.raises(ValidationError, match="already approved"):
        approvable_transition(item=stale, user=cast.lead, action=ApprovalAction.APPROVE)


def test_reopening_needs_a_reason(client, cast):
    judgment = cast.approved_judgment()
    client.force_login(cast.lead)

    response = client.post(_judgment_url(cast, judgment, "reopen/"), {"reason": "   "})

    assert response.status_code == 200
    assert "Give a reason" in response.content.decode()
    judgment.refresh_from_db()
    assert judgment.state == ApprovalState.APPROVED
    with pytest.raises(ValidationError, match="Give a reason"):
        approvable_transition(item=judgment, user=cast.lead, action=ApprovalAction.REOPEN, reason="")


def test_reopening_with_a_reason_makes_a_draft_and_the_history_records_who_when_and_why(client, cast):
    judgment = cast.approved_judgment()
    client.force_login(cast.lead)
    reason = "The moderation panel asked us to reconsider the grade in the light of the file review. " * 2

    client.post(_judgment_url(cast, judgment, "reopen/"), {"reason": reason})

    judgment.refresh_from_db()
    assert judgment.state == ApprovalState.DRAFT
    assert judgment.approved_by is None
    latest = judgment.history.order_by("-history_date", "-history_id").first()
    assert latest.history_change_reason == reason.strip()
    assert latest.history_user == cast.lead
    assert latest.history_date is not None


def test_the_lead_sees_who_changed_what_when_and_why_on_the_history_page(client, cast):
    judgment = cast.approved_judgment()
    client.force_login(cast.lead)
    client.post(_judgment_url(cast, judgment, "reopen/"), {"reason": "New evidence on missing children"})
    version = Judgment.objects.get(pk=judgment.pk).updated_at.isoformat()
    client.post(
        _judgment_url(cast, judgment),
        {"version": version, "grade": "requires_improvement", "rationale": "The force requires improvement."},
    )

    page = client.get(_judgment_url(cast, judgment, "history/")).content.decode()

    assert "New evidence on missing children" in page
    assert cast.lead.get_full_name() in page
    assert "Grade" in page and "Good" in page and "Requires improvement" in page
    assert "Approved" in page
    assert "Created with the inspection" in page


def test_approving_needs_a_grade(client, cast):
    client.force_login(cast.lead)

    response = client.post(_judgment_url(cast, cast.judgment, "approve/"), follow=True)

    assert "not complete: choose a grade" in response.content.decode()
    cast.judgment.refresh_from_db()
    assert cast.judgment.state == ApprovalState.DRAFT


def test_an_ungraded_core_question_keeps_its_ungraded_judgment(client, cast):
    judgment = Judgment.objects.get(inspection=cast.inspection, question__code="5")
    client.force_login(cast.inspector)

    client.post(
        _judgment_url(cast, judgment),
        {"version": judgment.updated_at.isoformat(), "grade": "outstanding", "rationale": "Well prepared."},
    )

    judgment.refresh_from_db()
    assert judgment.grade == "ungraded"
    assert judgment.rationale == "Well prepared."


def test_a_graded_question_cannot_be_marked_ungraded(client, cast):
    client.force_login(cast.inspector)

    response = client.post(
        _judgment_url(cast, cast.judgment),
        {"version": cast.judgment.updated_at.isoformat(), "grade": "ungraded", "rationale": "x"},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["grade"]


def test_a_second_editor_does_not_silently_overwrite_the_first(client, cast):
    version = cast.judgment.updated_at.isoformat()
    client.force_login(cast.inspector)
    client.post(
        _judgment_url(cast, cast.judgment), {"version": version, "grade": "good", "rationale": "Mine."}
    )
    client.force_login(cast.inspector2)

    response = client.post(
        _judgment_url(cast, cast.judgment),
        {"version": version, "grade": "inadequate", "rationale": "Theirs."},
    )

    assert response.status_code == 200
    assert "Someone else saved this judgment after you opened it" in response.content.decode()
    assert "Theirs." in response.content.decode()  # their unsaved words are still in the form
    cast.judgment.refresh_from_db()
    assert cast.judgment.rationale == "Mine."


def test_a_submitted_item_cannot_be_submitted_twice(cast):
    approvable_update(item=cast.summary, user=cast.inspector, changes={"text": "Findings."})
    approvable_transition(item=cast.summary, user=cast.inspector, action=ApprovalAction.SUBMIT)

    with pytest.raises(ValidationError, match="Only a draft"):
        approvable_transition(item=cast.summary, user=cast.inspector2, action=ApprovalAction.SUBMIT)


def test_the_services_refuse_people_the_pages_refuse(cast):
    with pytest.raises(PermissionDenied):
        approvable_transition(item=cast.summary, user=cast.inspector, action=ApprovalAction.APPROVE)
    with pytest.raises(PermissionDenied):
        approvable_update(item=cast.summary, user=cast.admin, changes={"text": "Admin words"})
    with pytest.raises(PermissionDenied):
        approvable_update(item=cast.summary, user=cast.outsider, changes={"text": "Outsider words"})


def test_a_rejected_afi_is_read_only_until_the_lead_reopens_it(client, cast):
    client.force_login(cast.lead)
    base = f"/inspections/{cast.inspection.pk}/afis/{cast.afi.pk}/"

    client.post(f"{base}reject/", {"reason": "Not supported by the file review"})
    cast.afi.refresh_from_db()
    assert cast.afi.rejected and cast.afi.is_locked
    with pytest.raises(ValidationError, match="rejected, so it is read-only"):
        approvable_update(item=cast.afi, user=cast.lead, changes={"text": "The force should do more."})

    client.post(f"{base}reopen/", {"reason": "The compile found more evidence"})
    cast.afi.refresh_from_db()
    assert not cast.afi.rejected and cast.afi.state == ApprovalState.DRAFT
    reasons = list(cast.afi.history.values_list("history_change_reason", flat=True))
    assert "Rejected: Not supported by the file review" in reasons
    assert "The compile found more evidence" in reasons


def test_only_afis_can_be_rejected(cast):
    with pytest.raises(ValidationError, match="cannot be rejected"):
        approvable_transition(item=cast.cause, user=cast.lead, action=ApprovalAction.REJECT)


def test_an_approved_afis_recommendations_are_read_only(client, cast):
    cast.approve(cast.afi)
    client.force_login(cast.inspector)

    with pytest.raises(ValidationError, match="read-only"):
        recommendation_create(
            parent=cast.afi, user=cast.inspector, text="More", due_date=datetime.date(2017, 6, 1)
        )
    response = client.get(f"/inspections/{cast.inspection.pk}/recommendations/{cast.recommendation.pk}/")
    assert response.status_code == 302


def test_an_afi_links_evidence_notes_of_its_own_core_question_only(client, cast):
    other_note = cast.inspection.evidence_notes.create(
        question=cast.inspection.programme.questions.get(code="1.2"),
        source="interview",
        direction="weakness",
        observed_on=datetime.date(2016, 10, 1),
        text="Something about question 1.",
        author=cast.inspector,
    )
    client.force_login(cast.inspector)

    response = client.post(
        f"/inspections/{cast.inspection.pk}/afis/new/",
        {
            "question": cast.afi.question_id,
            "text": "The force should ensure that it links evidence well.",
            "evidence_notes": [cast.note.pk, other_note.pk],
        },
    )

    assert response.status_code == 200
    assert "Link only notes under core question 3; these are about 1.2." in response.content.decode()


def test_an_afi_is_written_as_the_report_writes_them(client, cast):
    client.force_login(cast.inspector)

    response = client.post(
        f"/inspections/{cast.inspection.pk}/afis/new/",
        {"question": cast.afi.question_id, "text": "Referrals are late."},
    )

    assert response.context["form"].errors["text"] == [
        'Start the area for improvement with "The force should".'
    ]


def test_a_cause_of_concern_gets_recommendations_with_due_dates(client, cast):
    client.force_login(cast.lead)

    response = client.post(
        f"/inspections/{cast.inspection.pk}/causes/{cast.cause.pk}/recommendations/new/",
        {"text": "By 1 May 2017 the force should produce an action plan.", "due_date": "2017-05-01"},
    )
    missing_date = client.post(
        f"/inspections/{cast.inspection.pk}/causes/{cast.cause.pk}/recommendations/new/",
        {"text": "Without a date."},
    )

    assert response.status_code == 302
    assert [r.due_date for r in cast.cause.recommendations.all()] == [datetime.date(2017, 5, 1)]
    assert missing_date.status_code == 200
    assert missing_date.context["form"].errors["due_date"]
