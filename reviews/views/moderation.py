"""The lead's side: moderation, double review and adjudication, progress and export."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from peel.models import AnswerSet, Criterion
from peel.views.access import inspection_lead_required, inspection_member_required
from reviews.agreement import MIN_FILES_FOR_BAND
from reviews.exports import review_export
from reviews.forms import AdjudicationForm, DoubleReviewForm, ReturnForm
from reviews.models import AnswerValue, DoubleReviewSelection, Review, ReviewKind, ReviewStatus
from reviews.selectors import (
    PROGRESS_COLUMNS,
    double_reviewed_files,
    review_agreement,
    review_notes_of,
    review_progress,
)
from reviews.services.double_review import adjudication_save, double_review_select
from reviews.services.moderation import review_accept, review_return
from reviews.services.refusals import Refused
from reviews.views.common import case_file_of, page_context, report_refusal


@inspection_lead_required
def moderation(request, inspection):
    """Submitted reviews waiting for the lead, oldest first."""
    waiting = (
        Review.objects.filter(case_file__inspection=inspection, status=ReviewStatus.SUBMITTED)
        .select_related("case_file__crime", "case_file__stratum", "reviewer")
        .order_by("submitted_at", "pk")
    )
    return render(request, "reviews/moderation.html", page_context(request, inspection, waiting=waiting))


def _review_for(inspection, file_id: int, kind: str) -> Review | None:
    case_file = case_file_of(inspection, file_id)
    return Review.objects.filter(case_file=case_file, kind=kind).first()


@require_POST
@inspection_lead_required
def accept(request, inspection, file_id: int, kind: str):
    review = _review_for(inspection, file_id, kind)
    try:
        if review is None:
            raise Refused("This review has not been started.")
        review_accept(inspection=inspection, review_id=review.pk, user=request.user)
    except Refused as refusal:
        report_refusal(request, refusal)
    else:
        messages.success(request, "Review accepted: it is now locked.")
    if request.POST.get("next") == "moderation":
        return redirect("reviews:moderation", pk=inspection.pk)
    return redirect("reviews:file_detail", pk=inspection.pk, file_id=file_id)


@require_POST
@inspection_lead_required
def send_back(request, inspection, file_id: int, kind: str):
    review = _review_for(inspection, file_id, kind)
    form = ReturnForm(request.POST)
    try:
        if review is None:
            raise Refused("This review has not been started.")
        if not form.is_valid():
            raise Refused("Say what needs to change when returning a review.")
        review_return(
            inspection=inspection,
            review_id=review.pk,
            comment=form.cleaned_data["comment"],
            user=request.user,
        )
    except Refused as refusal:
        report_refusal(request, refusal)
    else:
        messages.success(request, "Review returned to the reviewer with your comment.")
    return redirect("reviews:file_detail", pk=inspection.pk, file_id=file_id)


@inspection_lead_required
def double_review(request, inspection):
    """Choose the share of files for blind second review; see their state, disagreements and agreement."""
    selection = (
        DoubleReviewSelection.objects.filter(inspection=inspection).select_related("selected_by").first()
    )
    form = DoubleReviewForm(
        request.POST or None, initial={"share_percent": selection.share_percent if selection else 10}
    )
    if request.method == "POST" and form.is_valid():
        try:
            chosen = double_review_select(
                inspection=inspection,
                share_percent=form.cleaned_data["share_percent"],
                seed=form.cleaned_data["seed"],
                user=request.user,
            )
        except Refused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, f"Files chosen for double review with seed {chosen.seed}.")
            return redirect("reviews:double_review", pk=inspection.pk)
    files = double_reviewed_files(inspection=inspection)
    context = page_context(
        request,
        inspection,
        form=form,
        selection=selection,
        files=files,
        agreement=review_agreement(inspection=inspection, files=files),
        min_files_for_band=MIN_FILES_FOR_BAND,
    )
    return render(request, "reviews/double_review.html", context)


@inspection_lead_required
def adjudicate(request, inspection, file_id: int):
    """The criteria where the two reviews differ, side by side; the lead records the agreed answer."""
    case_file = case_file_of(inspection, file_id, with_reviewers=True)
    entry = next(
        (f for f in double_reviewed_files(inspection=inspection) if f.case_file.pk == case_file.pk), None
    )
    if entry is None:
        messages.error(request, "This file is not marked for double review.")
        return redirect("reviews:double_review", pk=inspection.pk)
    criteria = {c.pk: c for c in Criterion.objects.filter(programme_id=inspection.programme_id)}
    notes = review_notes_of(case_file=case_file)
    rows = [
        {
            "criterion": criteria[pk],
            "first": AnswerValue(entry.first[pk]).label if entry.first.get(pk) else "Unanswered",
            "first_note": notes.get((ReviewKind.FIRST, pk), ""),
            "second": AnswerValue(entry.second[pk]).label if entry.second.get(pk) else "Unanswered",
            "second_note": notes.get((ReviewKind.SECOND, pk), ""),
            "decision": entry.adjudicated.get(pk),
            "choices": [
                (value, label)
                for value, label in AnswerValue.choices
                if not (criteria[pk].answer_set == AnswerSet.YES_NO and value == AnswerValue.PARTLY)
            ],
        }
        for pk in entry.differences
    ]
    form = AdjudicationForm(request.POST or None, rows=rows)
    if request.method == "POST" and form.is_valid():
        try:
            saved = adjudication_save(
                inspection=inspection,
                case_file_id=case_file.pk,
                decisions=form.decisions(),
                user=request.user,
            )
        except Refused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, f"{saved} agreed answer{'s' if saved != 1 else ''} recorded.")
            return redirect("reviews:adjudicate", pk=inspection.pk, file_id=case_file.pk)
    context = page_context(request, inspection, case_file=case_file, entry=entry, form=form)
    return render(request, "reviews/adjudicate.html", context, status=400 if form.errors else 200)


@inspection_member_required
def progress(request, inspection):
    """Counts of reviews by status, per inspector and per stratum."""
    context = page_context(
        request, inspection, progress=review_progress(inspection_id=inspection.pk), columns=PROGRESS_COLUMNS
    )
    return render(request, "reviews/progress.html", context)


@inspection_lead_required
def export(request, inspection, file_format: str):
    """Every answer, one row per file × criterion, as CSV or XLSX (formula-neutralised)."""
    exported = review_export(inspection=inspection, file_format=file_format)
    response = HttpResponse(exported.content, content_type=exported.content_type)
    response["Content-Disposition"] = f'attachment; filename="{exported.filename}"'
    return response
