"""A section's editor (text, preview, the evidence and results beside it, comments), its status
actions, and its versions with the difference between any two."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from authoring.forms import CommentForm, ReturnForm, RevisionCompareForm, SectionBodyForm
from authoring.models import ReportSection, SectionComment, SectionStatus
from authoring.report import figure_choices_for, heading_offset_of, references_for, section_rendered
from authoring.selectors import comments_of, revisions_of, section_evidence, section_for, section_results
from authoring.services.sections import (
    section_body_save,
    section_comment_add,
    section_comment_resolve,
    section_status_set,
)
from peel.markup import markup_render
from peel.views.access import inspection_lead_required, inspection_member_required, inspection_team_required
from peel.word_diff import changed_words, difference_html, words_difference

SECTION = "authoring:section"


def _section_or_404(inspection, section_id: int) -> ReportSection:
    try:
        return section_for(inspection=inspection, section_id=section_id)
    except ReportSection.DoesNotExist:
        raise Http404("No such section.") from None


def _may_edit(section: ReportSection, inspection, user) -> bool:
    return not inspection.is_published and not section.is_approved and section.can_write(user)


def _messages_from(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def _editor_context(request, inspection, section, form, preview, references) -> dict:
    user = request.user
    is_lead = inspection.is_lead(user)
    writable = not inspection.is_published
    return {
        "inspection": inspection,
        "section": section,
        "form": form,
        "preview": preview,
        "rendered": section_rendered(section, references),
        "evidence": section_evidence(section=section),
        "results": section_results(section=section),
        "figures": figure_choices_for(inspection=inspection),
        "comments": comments_of(section=section),
        "comment_form": CommentForm() if writable and inspection.can_contribute(user) else None,
        "return_form": ReturnForm()
        if writable and is_lead and section.status == SectionStatus.READY_FOR_REVIEW
        else None,
        "is_lead": is_lead,
        "can_mark_ready": writable
        and section.can_write(user)
        and section.status in (SectionStatus.NOT_STARTED, SectionStatus.IN_PROGRESS),
        "can_approve": writable and is_lead and not section.is_approved,
        "can_reopen": writable and is_lead and section.is_approved,
    }


@inspection_member_required
def section_editor(request, inspection, section_id: int):
    """Everyone on the inspection reads the section; its author and the lead write it. The form's
    buttons: Save, Preview (renders what is typed, saves nothing) and Save and mark ready for review."""
    section = _section_or_404(inspection, section_id)
    editable = _may_edit(section, inspection, request.user)
    references = references_for(inspection=inspection)
    preview = None
    if request.method == "POST":
        if not editable:
            raise PermissionDenied(
                "Only the section's author and the lead can write it, and not once approved."
            )
        form = SectionBodyForm(request.POST, references=references)
        if form.is_valid():
            body = form.cleaned_data["body"]
            if "preview" in request.POST:
                preview = markup_render(
                    body, references=references, heading_offset=heading_offset_of(section)
                )
            else:
                return _save(request, inspection, section, form, body, references)
    else:
        form = (
            SectionBodyForm(initial={"version": section.edit_version, "body": section.body})
            if editable
            else None
        )
    return render(
        request,
        "authoring/section.html",
        _editor_context(request, inspection, section, form, preview, references),
    )


def _save(request, inspection, section, form, body, references):
    try:
        section = section_body_save(
            section=section, body=body, version=form.cleaned_data["version"] or None, user=request.user
        )
    except ValidationError as error:
        _messages_from(request, error)
        if getattr(error, "code", None) != "conflict":
            return redirect(SECTION, pk=inspection.pk, section_id=section.pk)
        # Someone saved first: show their version beside the editor's unsaved words.
        section = _section_or_404(inspection, section.pk)
        form.stale_version_replace(section)
        context = _editor_context(request, inspection, section, form, None, references)
        return render(request, "authoring/section.html", context)
    if "ready" in request.POST:
        try:
            section_status_set(section=section, status=SectionStatus.READY_FOR_REVIEW, user=request.user)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, f"Your text was saved, but not marked ready for review: {message}")
        else:
            messages.success(request, "The section was saved and marked ready for review.")
            return redirect(SECTION, pk=inspection.pk, section_id=section.pk)
    else:
        messages.success(request, "The section was saved.")
    return redirect(SECTION, pk=inspection.pk, section_id=section.pk)


STATUS_ACTIONS = {
    "approve": (SectionStatus.APPROVED, "The section was approved: it is now read-only."),
    "reopen": (SectionStatus.IN_PROGRESS, "The section was reopened: its author can write it again."),
    "ready": (SectionStatus.READY_FOR_REVIEW, "The section was marked ready for review."),
}


@require_POST
@inspection_member_required
def section_status(request, inspection, section_id: int, action: str):
    """Approve or reopen (the lead), or mark ready for review (the author or the lead)."""
    section = _section_or_404(inspection, section_id)
    status, done = STATUS_ACTIONS[action]
    try:
        section_status_set(section=section, status=status, user=request.user)
    except ValidationError as error:
        _messages_from(request, error)
    else:
        messages.success(request, done)
    return redirect(SECTION, pk=inspection.pk, section_id=section.pk)


@require_POST
@inspection_lead_required
def section_return(request, inspection, section_id: int):
    """The lead returns a section ready for review to its author, with a comment saying what to change."""
    section = _section_or_404(inspection, section_id)
    form = ReturnForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
        return redirect(SECTION, pk=inspection.pk, section_id=section.pk)
    try:
        section_status_set(
            section=section,
            status=SectionStatus.IN_PROGRESS,
            user=request.user,
            comment=form.cleaned_data["comment"],
        )
    except ValidationError as error:
        _messages_from(request, error)
    else:
        messages.success(request, "The section was returned to its author with your comment.")
    return redirect(SECTION, pk=inspection.pk, section_id=section.pk)


@require_POST
@inspection_team_required
def comment_add(request, inspection, section_id: int):
    section = _section_or_404(inspection, section_id)
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            section_comment_add(
                section=section,
                user=request.user,
                body=form.cleaned_data["body"],
                quoted=form.cleaned_data["quoted"],
            )
        except ValidationError as error:
            _messages_from(request, error)
        else:
            messages.success(request, "Your comment was added.")
    else:
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
    return redirect(f"{_section_url(inspection, section)}#comments")


def _section_url(inspection, section) -> str:
    return reverse(SECTION, kwargs={"pk": inspection.pk, "section_id": section.pk})


@require_POST
@inspection_team_required
def comment_resolve(request, inspection, section_id: int, comment_id: int):
    section = _section_or_404(inspection, section_id)
    comment = SectionComment.objects.filter(section=section, pk=comment_id).first()
    if comment is None:
        raise Http404("No such comment.")
    comment.section = section
    try:
        section_comment_resolve(comment=comment, user=request.user)
    except ValidationError as error:
        _messages_from(request, error)
    else:
        messages.success(request, "The comment was marked resolved.")
    return redirect(f"{_section_url(inspection, section)}#comments")


@require_GET
@inspection_member_required
def section_history(request, inspection, section_id: int):
    """The section's saved versions, and the difference between the two chosen (by default the last
    two)."""
    section = _section_or_404(inspection, section_id)
    revisions = list(revisions_of(section=section))
    by_number = {revision.number: revision for revision in revisions}
    difference = None
    older = newer = None
    if len(revisions) >= 2:
        defaults = {"older": revisions[1].number, "newer": revisions[0].number}
        form = RevisionCompareForm(request.GET if "older" in request.GET else defaults, revisions=revisions)
        if form.is_valid():
            older, newer = by_number[form.cleaned_data["older"]], by_number[form.cleaned_data["newer"]]
            if older.number > newer.number:
                older, newer = newer, older
            difference = words_difference(older.body, newer.body)
    else:
        form = None
    context = {
        "inspection": inspection,
        "section": section,
        "revisions": revisions,
        "form": form,
        "older": older,
        "newer": newer,
        "difference": difference,
        "changed": changed_words(difference) if difference is not None else None,
        "difference_html": difference_html(difference) if difference is not None else None,
    }
    return render(request, "authoring/history.html", context)
