"""An audit file's review form: the design's one decision and a note (no criteria, no facts to confirm).
The file comes from ``reviews.views.common.case_file_of``, with its ``audit_question``.

The same safety as the quality review's form (reviews/views/reviewing.py): a save carries the version it
was loaded at, a concurrent save is shown beside the user's unsaved decision, and a save posted to a
review submitted meanwhile is refused, saying what differs.
"""

from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from reviews.forms import AuditReviewForm
from reviews.models import AuditDecision, CaseFile, Review
from reviews.services.refusals import Refused
from reviews.services.reviewing import ReviewConflict, ReviewInput, review_save


def _input(form: AuditReviewForm) -> ReviewInput:
    return ReviewInput(
        decision=form.cleaned_data.get("decision", ""),
        decision_note=form.cleaned_data.get("decision_note", ""),
    )


def _label(value: str) -> str:
    return AuditDecision(value).label if value else "no decision"


def audit_review_edit(
    request, *, inspection, case_file: CaseFile, review: Review | None, kind: str, context: dict
):
    submitting = request.method == "POST" and request.POST.get("action") == "submit"
    form = AuditReviewForm(
        request.POST or None,
        question=case_file.audit_question,
        submitting=submitting,
        initial={"version": review.version if review else 0},
    )
    if review is not None and not form.is_bound:
        form.initial_from_review(review)
    if review is not None and not review.is_editable():
        if request.method != "POST":
            messages.info(
                request, f"This review is {review.get_status_display().lower()}: it can no longer be edited."
            )
            return redirect("reviews:file_detail", pk=inspection.pk, file_id=case_file.pk)
        form.submitting = False
        changes = []
        if form.is_valid():
            sent = _input(form)
            if (review.decision, review.decision_note) != (sent.decision, sent.decision_note.strip()):
                changes.append(
                    {"was": _label(review.decision), "now": _label(sent.decision), "note": sent.decision_note}
                )
        context.update(form=form, audit=True, closed={"review": review, "changes": changes, "audit": True})
        return render(request, "reviews/audit_review_form.html", context, status=409)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            review_save(
                inspection=inspection,
                case_file_id=case_file.pk,
                kind=kind,
                user=request.user,
                expected_version=form.cleaned_data["version"],
                data=_input(form),
                submit=submitting,
            )
        except ReviewConflict as clash:
            current = clash.current
            conflict = current and {
                "by": current.updated_by,
                "at": current.updated_at,
                "decision": _label(current.decision),
                "note": current.decision_note,
            }
            form.data = form.data.copy()
            form.data["version"] = current.version if current else 0
        except Refused as refusal:
            form.add_error(None, refusal.message)
        else:
            if submitting:
                messages.success(request, f"Review of {case_file.crime_reference} submitted to the lead.")
                return redirect("reviews:my_files", pk=inspection.pk)
            messages.success(request, "Draft saved.")
            return redirect(
                reverse(f"reviews:review_{kind}", kwargs={"pk": inspection.pk, "file_id": case_file.pk})
            )
    context.update(form=form, conflict=conflict)
    return render(request, "reviews/audit_review_form.html", context, status=409 if conflict else 200)


def audit_review_draft(request, *, inspection, case_file: CaseFile, kind: str):
    """The automatic draft save of an audit file's review, as reviews.views.reviewing.review_draft."""
    form = AuditReviewForm(request.POST, question=case_file.audit_question)
    if not form.is_valid():
        return JsonResponse(
            {"message": "Not saved automatically: save the draft to see what to correct."}, status=400
        )
    try:
        review = review_save(
            inspection=inspection,
            case_file_id=case_file.pk,
            kind=kind,
            user=request.user,
            expected_version=form.cleaned_data["version"],
            data=_input(form),
        )
    except ReviewConflict:
        message = (
            "Not saved automatically: someone else saved this review after you opened it. "
            "Click Save draft to see both versions; your decision is still in the form."
        )
        return JsonResponse({"message": message}, status=409)
    except Refused as refusal:
        return JsonResponse({"message": f"Not saved automatically: {refusal.message}"}, status=409)
    saved_at = timezone.localtime(review.updated_at)
    return JsonResponse(
        {"version": review.version, "message": f"Draft saved automatically at {saved_at:%H:%M}."}
    )
