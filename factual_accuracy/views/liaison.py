"""The force liaison's pages: their force's checks, the draft with a comment form beside each section
while the check is open, and withdrawing a comment not yet answered. Inspection members may open the
draft as the force reads it too (to see what was sent); only a liaison comments."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from factual_accuracy.forms import CommentForm
from factual_accuracy.selectors import (
    check_for_user,
    checks_for_liaison,
    comments_of,
    liaison_force_of,
    report_for_force,
    sections_of,
)
from factual_accuracy.services.checks import accuracy_comment_submit, accuracy_comment_withdraw
from peel.roles import is_liaison


@require_GET
def liaison_home(request):
    if not is_liaison(request.user):
        raise PermissionDenied("This page is for force liaisons.")
    checks = list(checks_for_liaison(user=request.user))
    context = {
        "force": liaison_force_of(request.user),
        "open_checks": [check for check in checks if check.is_open],
        "closed_checks": [check for check in checks if not check.is_open],
    }
    return render(request, "factual_accuracy/liaison_home.html", context)


def _draft_page(request, check, *, bound: CommentForm | None = None, status: int = 200):
    report = report_for_force(inspection=check.inspection)
    comments = list(comments_of(check=check))
    may_comment = is_liaison(request.user) and check.is_open
    sections = []
    for section in sections_of(report):
        form = None
        if may_comment:
            form = bound if bound is not None and bound.data.get("section_key") == section.key else None
            form = form or CommentForm(section_key=section.key)
        sections.append(
            {
                "section": section,
                "dom_id": section.key.replace(".", "-"),
                "comments": [comment for comment in comments if comment.section_key == section.key],
                "form": form,
            }
        )
    context = {
        "check": check,
        "inspection": check.inspection,
        "report": report,
        "notices": (),
        "sections": sections,
        "may_comment": may_comment,
        "error_form": bound,
        "comment_count": sum(not comment.is_withdrawn for comment in comments),
    }
    return render(request, "factual_accuracy/draft.html", context, status=status)


@require_GET
def check_draft(request, check_id: int):
    check = check_for_user(user=request.user, check_id=check_id)
    if is_liaison(request.user) and not check.is_open:
        messages.info(request, "The factual accuracy check has closed: its comments and answers are here.")
        return redirect("factual_accuracy:check_log", check_id=check.pk)
    return _draft_page(request, check)


@require_POST
def check_comment(request, check_id: int):
    check = check_for_user(user=request.user, check_id=check_id)
    if not is_liaison(request.user):
        raise PermissionDenied("Only the force's liaison comments on the draft.")
    form = CommentForm(request.POST, section_key=request.POST.get("section_key", ""))
    if form.is_valid():
        try:
            comment = accuracy_comment_submit(check=check, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, f"Your comment on “{comment.section_title}” was sent to the inspection's lead."
            )
            anchor = comment.section_key.replace(".", "-")
            return redirect(
                reverse("factual_accuracy:check_draft", kwargs={"check_id": check.pk}) + f"#comments-{anchor}"
            )
    return _draft_page(request, check, bound=form)


@require_POST
def check_withdraw(request, check_id: int, comment_id: int):
    check = check_for_user(user=request.user, check_id=check_id)
    if not is_liaison(request.user):
        raise PermissionDenied("Only the force's liaison withdraws its comments.")
    try:
        accuracy_comment_withdraw(check=check, user=request.user, comment_id=comment_id)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "The comment was withdrawn.")
    return redirect("factual_accuracy:check_draft", check_id=check.pk)
