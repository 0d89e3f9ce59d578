"""The inspection's side of the check: every member reads the rounds and their comments; the lead opens
a round (sending the draft), answers each comment and closes the round."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from factual_accuracy.forms import AnswerForm, CheckOpenForm
from factual_accuracy.models import AccuracyComment
from factual_accuracy.selectors import checks_of, log_of
from factual_accuracy.services.checks import (
    CHECKABLE_STAGES,
    accuracy_check_close,
    accuracy_check_open,
    accuracy_comment_answer,
)
from peel.views.access import inspection_lead_required, inspection_member_required


def _check_page(request, inspection, *, open_form=None, answer_forms=None):
    checks = list(checks_of(inspection=inspection))
    is_lead = inspection.is_lead(request.user)
    comments = list(log_of(inspection=inspection))
    answer_forms = answer_forms or {}
    may_answer = is_lead and not inspection.is_published
    for comment in comments:
        if may_answer and not comment.is_withdrawn:
            comment.form = answer_forms.get(comment.pk) or AnswerForm(
                initial={"version": comment.edit_version, "answer": comment.answer, "reason": comment.reason},
                comment_id=comment.pk,
            )
    for check in checks:
        check.comment_rows = [comment for comment in comments if comment.accuracy_check_id == check.pk]
    current = next((check for check in checks if check.is_open), None)
    may_open = is_lead and current is None and inspection.status in CHECKABLE_STAGES
    context = {
        "inspection": inspection,
        "checks": checks,
        "current": current,
        "is_lead": is_lead,
        "open_form": (open_form or CheckOpenForm()) if may_open else None,
        "waiting": sum(comment.waits_for_answer for comment in comments),
        "stage_allows": inspection.status in CHECKABLE_STAGES,
    }
    return render(request, "factual_accuracy/inspection_check.html", context)


@require_GET
@inspection_member_required
def inspection_check(request, inspection):
    return _check_page(request, inspection)


@require_POST
@inspection_lead_required
def check_open(request, inspection):
    form = CheckOpenForm(request.POST)
    if form.is_valid():
        try:
            check = accuracy_check_open(
                inspection=inspection, user=request.user, due_on=form.cleaned_data["due_on"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                f"The draft was sent to {inspection.force.name} (round {check.round}); comments are due by "
                f"{check.due_on:%-d %B %Y}.",
            )
            return redirect("factual_accuracy:inspection_check", pk=inspection.pk)
    return _check_page(request, inspection, open_form=form)


@require_POST
@inspection_lead_required
def check_close(request, inspection, check_id: int):
    try:
        check = accuracy_check_close(inspection=inspection, user=request.user, check_id=check_id)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Round {check.round} of the factual accuracy check is closed.")
    return redirect("factual_accuracy:inspection_check", pk=inspection.pk)


@inspection_lead_required
def comment_answer(request, inspection, comment_id: int):
    """The lead's answer to one comment (the check page holds a form per comment posting here)."""
    comment = get_object_or_404(
        AccuracyComment.objects.select_related("accuracy_check", "author", "answered_by"),
        pk=comment_id,
        accuracy_check__inspection=inspection,
    )
    form = AnswerForm(
        request.POST or None,
        initial={"version": comment.edit_version, "answer": comment.answer, "reason": comment.reason},
    )
    if request.method == "POST" and form.is_valid():
        try:
            accuracy_comment_answer(
                inspection=inspection,
                user=request.user,
                comment_id=comment.pk,
                answer=form.cleaned_data["answer"],
                reason=form.cleaned_data["reason"],
                version=form.cleaned_data["version"],
            )
        except ValidationError as error:
            comment.refresh_from_db()
            if getattr(error, "code", None) == "conflict":
                form.stale_version_replace(comment)
            form.add_error(None, error)
        else:
            messages.success(request, f"Your answer to the comment on “{comment.section_title}” was saved.")
            return redirect("factual_accuracy:inspection_check", pk=inspection.pk)
    return render(
        request, "factual_accuracy/answer.html", {"inspection": inspection, "comment": comment, "form": form}
    )
