"""The lead's side: moderation, double review and adjudication, progress and export."""

from urllib.parse import urlencode

from django.contrib import messages
from django.db.models import QuerySet
from django.http import QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from peel.models import AnswerSet, Criterion
from peel.views.access import inspection_lead_required, inspection_member_required
from peel.views.downloads import export_download
from reviews.agreement import MIN_FILES_FOR_BAND
from reviews.exports import review_export
from reviews.forms import AcceptForm, AdjudicationForm, BulkAcceptForm, DoubleReviewForm, ReturnForm
from reviews.models import AnswerValue, AuditDecision, DoubleReviewSelection, Review, ReviewKind
from reviews.queues import ModerationQueueFilter
from reviews.selectors import (
    PROGRESS_COLUMNS,
    double_reviewed_files,
    review_agreement,
    review_notes_of,
    review_progress,
)
from reviews.services.double_review import (
    adjudication_save,
    decision_adjudication_save,
    double_review_select,
)
from reviews.services.moderation import review_accept, review_return, reviews_accept
from reviews.services.refusals import Refused
from reviews.views.common import case_file_of, page_context, report_refusal


def _queue(inspection, query: QueryDict) -> tuple[ModerationQueueFilter, QuerySet[Review]]:
    """The waiting reviews the queue's filter selects, in its order (oldest first by default); an
    invalid filter (a stale inspector or stratum) shows the whole queue, and the form says what is wrong."""
    queue = ModerationQueueFilter(query or None, inspection=inspection)
    return queue, queue.qs if queue.is_bound and queue.is_valid() else queue.queryset.order_by(
        "submitted_at", "pk"
    )


def _moderation_page(request, inspection, *, query: QueryDict, bulk_form: BulkAcceptForm):
    queue, waiting = _queue(inspection, query)
    ticked = set(bulk_form.data.getlist("reviews")) if bulk_form.is_bound else set()
    rows = [(review, f"{review.pk}:{review.version}") for review in waiting]
    context = page_context(
        request,
        inspection,
        queue=queue,
        rows=[(review, value, value in ticked) for review, value in rows],
        queue_query=query.urlencode(),
        bulk_form=bulk_form,
    )
    return render(request, "reviews/moderation.html", context, status=400 if bulk_form.errors else 200)


@inspection_lead_required
def moderation(request, inspection):
    """Submitted reviews waiting for the lead, filtered by inspector, stratum, kind and age, sorted; the
    ticked ones can be accepted together."""
    return _moderation_page(request, inspection, query=request.GET, bulk_form=BulkAcceptForm())


@require_POST
@inspection_lead_required
def accept_selected(request, inspection):
    """Accept the ticked reviews, each at the version shown: all or none."""
    form = BulkAcceptForm(request.POST)
    query = QueryDict(request.POST.get("queue", "")[:500])
    if form.is_valid():
        try:
            accepted = reviews_accept(
                inspection=inspection, versions=form.cleaned_data["reviews"], user=request.user
            )
        except Refused as refusal:
            form.add_error("reviews", f"{refusal.message} Nothing was accepted.")
        else:
            count = len(accepted)
            messages.success(request, f"{count} review{'s' if count != 1 else ''} accepted: now locked.")
            return redirect(_queue_url(inspection, query.urlencode()))
    return _moderation_page(request, inspection, query=query, bulk_form=form)


def _queue_url(inspection, queue_query: str) -> str:
    url = reverse("reviews:moderation", kwargs={"pk": inspection.pk})
    return f"{url}?{QueryDict(queue_query).urlencode()}" if queue_query else url


def _review_for(inspection, file_id: int, kind: str) -> Review | None:
    case_file = case_file_of(inspection, file_id)
    return Review.objects.filter(case_file=case_file, kind=kind).first()


def _next_in_queue(inspection, queue_query: str) -> Review | None:
    """The first review still waiting in the queue the lead came from (its filter and order)."""
    return _queue(inspection, QueryDict(queue_query))[1].first()


@require_POST
@inspection_lead_required
def accept(request, inspection, file_id: int, kind: str):
    review = _review_for(inspection, file_id, kind)
    form = AcceptForm(request.POST)
    try:
        if review is None:
            raise Refused("This review has not been started.")
        if not form.is_valid():
            raise Refused("The page was out of date: read the review again before accepting it.")
        review_accept(
            inspection=inspection,
            review_id=review.pk,
            user=request.user,
            expected_version=form.cleaned_data["version"],
        )
    except Refused as refusal:
        report_refusal(request, refusal)
        return redirect("reviews:file_detail", pk=inspection.pk, file_id=file_id)
    messages.success(request, "Review accepted: it is now locked.")
    queue_query = form.cleaned_data["queue"]
    if form.cleaned_data["then"] == "next":
        following = _next_in_queue(inspection, queue_query)
        if following is None:
            messages.info(request, "Nothing else is waiting in this queue.")
            return redirect(_queue_url(inspection, queue_query))
        url = reverse("reviews:file_detail", kwargs={"pk": inspection.pk, "file_id": following.case_file_id})
        return redirect(f"{url}?{urlencode({'queue': queue_query})}" if queue_query else url)
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
    if case_file.audit_question is not None:
        return _adjudicate_decision(request, inspection, case_file, entry)
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


def _adjudicate_decision(request, inspection, case_file, entry):
    """An audit file's two decisions side by side; where they differ the lead records the one that counts."""
    errors = []
    if request.method == "POST":
        try:
            decision_adjudication_save(
                inspection=inspection,
                case_file_id=case_file.pk,
                value=request.POST.get("decision", ""),
                note=request.POST.get("decision_note", "")[:2000],
                user=request.user,
            )
        except Refused as refusal:
            errors.append(refusal.message)
        else:
            messages.success(request, "Agreed decision recorded.")
            return redirect("reviews:adjudicate", pk=inspection.pk, file_id=case_file.pk)
    label = dict(AuditDecision.choices)
    notes = dict(Review.objects.filter(case_file=case_file).values_list("kind", "decision_note"))
    context = page_context(
        request,
        inspection,
        case_file=case_file,
        entry=entry,
        errors=errors,
        question=case_file.audit_question,
        first=label.get(entry.first_decision, "No decision"),
        first_note=notes.get(ReviewKind.FIRST, ""),
        second=label.get(entry.second_decision, "No decision"),
        second_note=notes.get(ReviewKind.SECOND, ""),
        typed=request.POST if request.method == "POST" else None,
        choices=AuditDecision.choices,
    )
    return render(request, "reviews/adjudicate_decision.html", context, status=400 if errors else 200)


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
    return export_download(review_export(inspection=inspection, file_format=file_format))
