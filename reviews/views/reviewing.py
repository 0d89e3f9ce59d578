"""The inspector's side: "My files", the review form, and a file's page."""

from dataclasses import astuple

from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from peel.models import Criterion
from peel.views.access import inspection_member_required
from reviews.applicability import FileFacts
from reviews.forms import ReturnForm, ReviewForm
from reviews.models import Answer, Review, ReviewKind
from reviews.queues import MyFilesFilter
from reviews.selectors import QUEUE_BUCKETS, my_queue, reviews_visible_to, with_return_comment
from reviews.services.discussion import thread_url
from reviews.services.refusals import Refused
from reviews.services.reviewing import ReviewConflict, ReviewInput, may_edit_review, review_save
from reviews.views.auditing import audit_review_draft, audit_review_edit
from reviews.views.common import case_file_of, page_context
from reviews.views.discussion import discussion_threads


@inspection_member_required
def my_files(request, inspection):
    """The files allocated to me in this inspection: to do, in progress, returned, done."""
    selection = MyFilesFilter(request.GET or None, inspection=inspection, user=request.user)
    queue = my_queue(user=request.user, files=selection.qs)
    buckets = [(key, label, queue[key]) for key, label in QUEUE_BUCKETS]
    context = page_context(
        request,
        inspection,
        buckets=buckets,
        selection=selection,
        selection_query=request.GET.urlencode() if selection.is_bound else "",
    )
    return render(request, "reviews/my_files.html", context)


def _visible_reviews(inspection, case_file, user) -> list[Review]:
    """The lead sees both reviews; an inspector only their own (a second review is blind)."""
    reviews = with_return_comment(
        reviews_visible_to(inspection=inspection, user=user).filter(case_file=case_file)
    )
    return list(reviews.select_related("reviewer", "moderated_by").prefetch_related("answers__criterion"))


@inspection_member_required
def file_detail(request, inspection, file_id: int):
    """A file: its facts, who reviews it, and the reviews the user may see (with moderation for the lead)."""
    case_file = case_file_of(inspection, file_id, with_reviewers=True)
    reviews = _visible_reviews(inspection, case_file, request.user)
    audit_question = case_file.audit_question
    criteria = [] if audit_question else list(Criterion.objects.filter(programme_id=inspection.programme_id))
    for review in reviews:
        by_criterion = {answer.criterion_id: answer for answer in review.answers.all()}
        review.rows = [(criterion, by_criterion.get(criterion.pk)) for criterion in criteria]
    # "Open my review" only where there is something to do: a submitted or accepted review is shown
    # below, read-only, and opening it would only come back here.
    read_only = {review.kind for review in reviews if not review.is_editable()}
    own_kinds = [
        kind
        for kind, reviewer_id in (
            (ReviewKind.FIRST, case_file.reviewer_id),
            (ReviewKind.SECOND, case_file.second_reviewer_id),
        )
        if reviewer_id == request.user.pk and kind not in read_only
    ]
    context = page_context(
        request,
        inspection,
        case_file=case_file,
        reviews=reviews,
        own_kinds=own_kinds,
        return_form=ReturnForm(),
        audit_question=audit_question,
        threads=discussion_threads(request, inspection, case_file, back="file"),
        # The moderation queue's filter the lead came from, so "Accept and open next" stays in it.
        queue_query=request.GET.get("queue", "")[:500],
    )
    return render(request, "reviews/file_detail.html", context)


@inspection_member_required
def review_edit(request, inspection, file_id: int, kind: str):
    """The review form: one page in sections; draft saves anything, submit needs every applicable answer.

    A concurrent save is detected by the review's version: the loser keeps their unsaved values in the
    form, sees the other person's saved values beside each question, and can save again on purpose.
    """
    case_file = case_file_of(inspection, file_id)
    if not may_edit_review(inspection=inspection, case_file=case_file, kind=kind, user=request.user):
        raise PermissionDenied("This review is allocated to another inspector.")
    if not case_file.is_usable():
        messages.info(request, "This file is marked unusable, so it is not reviewed.")
        return redirect("reviews:file_detail", pk=inspection.pk, file_id=case_file.pk)
    try:
        review = with_return_comment(Review.objects.all()).get(case_file=case_file, kind=kind)
    except Review.DoesNotExist:
        review = None  # not started yet
    context = page_context(
        request,
        inspection,
        case_file=case_file,
        review=review,
        kind=ReviewKind(kind),
        threads=discussion_threads(request, inspection, case_file, back="review", kinds=[kind]),
    )
    if case_file.audit_question is not None:
        return audit_review_edit(
            request, inspection=inspection, case_file=case_file, review=review, kind=kind, context=context
        )
    with_facts = kind == ReviewKind.FIRST
    facts = FileFacts.of(case_file)
    if review is not None and not review.is_editable():
        if request.method == "POST":
            return _closed_review(request, context, review, facts, with_facts)
        messages.info(
            request, f"This review is {review.get_status_display().lower()}: it can no longer be edited."
        )
        return redirect("reviews:file_detail", pk=inspection.pk, file_id=case_file.pk)
    cache_key = _fields_cache_key(review, facts) if request.method == "GET" else None
    fields_html = cache.get(cache_key) if cache_key else None
    if fields_html is not None:
        return render(request, "reviews/review_form.html", {**context, "fields_html": fields_html})

    criteria = list(Criterion.objects.filter(programme_id=inspection.programme_id))
    submitting = request.method == "POST" and request.POST.get("action") == "submit"
    form = ReviewForm(
        request.POST or None,
        criteria=criteria,
        facts=facts,
        with_facts=with_facts,
        submitting=submitting,
        initial={"version": review.version if review else 0},
    )
    conflict = None
    if review is not None and not form.is_bound:
        form.initial_from_review(review.answers.all())
    if request.method == "POST" and form.is_valid():
        data = ReviewInput(answers=form.answers(), notes=form.notes(), facts=form.facts())
        try:
            review_save(
                inspection=inspection,
                case_file_id=case_file.pk,
                kind=kind,
                user=request.user,
                expected_version=form.cleaned_data["version"],
                data=data,
                submit=submitting,
            )
        except ReviewConflict as clash:
            conflict = _conflict_context(clash.current, criteria)
            # The next save is a deliberate overwrite of what the other person saved.
            form.data = form.data.copy()
            form.data["version"] = clash.current.version if clash.current else 0
        except Refused as refusal:
            form.add_error(None, refusal.message)
            for line in refusal.lines:
                form.add_error(None, line)
        else:
            if submitting:
                messages.success(request, f"Review of {case_file.crime_reference} submitted to the lead.")
                return redirect("reviews:my_files", pk=inspection.pk)
            messages.success(request, "Draft saved.")
            return redirect(
                reverse(f"reviews:review_{kind}", kwargs={"pk": inspection.pk, "file_id": case_file.pk})
            )
    fields_html = render_to_string(
        "reviews/_review_form_fields.html",
        {
            "case_file": case_file,
            "form": form,
            "sections": form.sections(theirs=conflict["answers"] if conflict else None),
            "fact_fields": [form[name] for name in ReviewForm.FACT_FIELDS] if with_facts else [],
            "conflict": conflict,
            "discussion_url": thread_url(case_file, kind),
            "kind": kind,
        },
    )
    if cache_key:
        cache.set(cache_key, fields_html, FIELDS_CACHE_SECONDS)
    context.update(form=form, conflict=conflict, fields_html=fields_html)
    return render(request, "reviews/review_form.html", context, status=409 if conflict else 200)


def _closed_review(request, context: dict, review: Review, facts: FileFacts, with_facts: bool):
    """A save posted to a review that was submitted meanwhile (Back after submitting, or a second tab):
    nothing is saved, and the page says so, showing the answers as the user sent them and listing what
    differs from the submitted review, so nothing they changed is lost silently."""
    criteria = list(Criterion.objects.filter(programme_id=review.case_file.inspection.programme_id))
    form = ReviewForm(
        request.POST, criteria=criteria, facts=facts, with_facts=with_facts, initial={"version": 0}
    )
    changes = []
    if form.is_valid():
        saved = {answer.criterion_id: answer for answer in review.answers.all()}
        labels = dict(Answer._meta.get_field("value").choices)
        for criterion in criteria:
            answer = saved.get(criterion.pk)
            was = (answer.value, answer.note) if answer else ("", "")
            now = (form.answers()[criterion.pk], form.notes()[criterion.pk].strip())
            if was != now:
                changes.append(
                    {
                        "criterion": criterion,
                        "was": labels.get(was[0], "no answer"),
                        "now": labels.get(now[0], "no answer"),
                        "note": now[1],
                        "note_changed": was[1] != now[1],
                    }
                )
    fields_html = render_to_string(
        "reviews/_review_form_fields.html",
        {
            "case_file": review.case_file,
            "form": form,
            "sections": form.sections(),
            "fact_fields": [form[name] for name in ReviewForm.FACT_FIELDS] if with_facts else [],
        },
    )
    context.update(form=form, fields_html=fields_html, closed={"review": review, "changes": changes})
    return render(request, "reviews/review_form.html", context, status=409)


@require_POST
@inspection_member_required
def review_draft(request, inspection, file_id: int, kind: str):
    """The review form's automatic draft save (static/peel/forms.js, every 30 s while it is edited): as
    "Save draft", with the version the page holds, so it never overwrites a newer save; JSON answers."""
    case_file = case_file_of(inspection, file_id)
    if not may_edit_review(inspection=inspection, case_file=case_file, kind=kind, user=request.user):
        raise PermissionDenied("This review is allocated to another inspector.")
    if case_file.audit_question is not None:
        return audit_review_draft(request, inspection=inspection, case_file=case_file, kind=kind)
    criteria = list(Criterion.objects.filter(programme_id=inspection.programme_id))
    form = ReviewForm(
        request.POST, criteria=criteria, facts=FileFacts.of(case_file), with_facts=kind == ReviewKind.FIRST
    )
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
            data=ReviewInput(answers=form.answers(), notes=form.notes(), facts=form.facts()),
        )
    except ReviewConflict:
        message = (
            "Not saved automatically: someone else saved this review after you opened it. "
            "Click Save draft to see both versions; your answers are still in the form."
        )
        return JsonResponse({"message": message}, status=409)
    except Refused as refusal:
        return JsonResponse({"message": f"Not saved automatically: {refusal.message}"}, status=409)
    saved_at = timezone.localtime(review.updated_at)
    return JsonResponse(
        {"version": review.version, "message": f"Draft saved automatically at {saved_at:%H:%M}."}
    )


# The form's fields as last rendered for a saved review, so reopening a draft does not rebuild ~50
# fields: it is the page inspectors spend their day on. The key holds everything the fields show: the
# review's answers (its version and save time change with every save, and only review_save writes
# answers), the file's facts, and the criteria (those of a programme in use cannot change).
FIELDS_CACHE_SECONDS = 24 * 3600


def _fields_cache_key(review: Review | None, facts: FileFacts) -> str | None:
    if review is None:
        return None  # a review not started yet is opened once
    return (
        f"reviews:form-fields:{review.pk}:{review.version}:{review.updated_at.timestamp()}:"
        f"{review.kind}:{'-'.join(str(value) for value in astuple(facts))}"
    )


def _conflict_context(current: Review | None, criteria) -> dict | None:
    """What the other person saved, to show beside the loser's own unsaved values."""
    if current is None:
        return None
    saved = {answer.criterion_id: answer for answer in Answer.objects.filter(review=current)}
    return {
        "by": current.updated_by,
        "at": current.updated_at,
        "status": current.get_status_display(),
        "answers": {criterion.pk: saved[criterion.pk] for criterion in criteria if criterion.pk in saved},
    }
