"""A file's discussion: the thread page (where notifications lead) and the panels of the file and
review pages, which post to it."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from peel.models import Criterion, Inspection
from peel.views.access import inspection_member_required
from reviews.forms import DiscussionForm
from reviews.models import CaseFile, ReviewKind
from reviews.selectors import messages_for_case_file
from reviews.services.discussion import may_discuss, message_post, thread_kinds, thread_url
from reviews.services.refusals import Refused
from reviews.views.common import case_file_of, page_context


def _criteria(inspection: Inspection, case_file: CaseFile):
    if case_file.audit_question is not None:
        return None
    return Criterion.objects.filter(programme_id=inspection.programme_id)


def _initial_criterion(request, criteria) -> dict:
    """``?criterion=<id>`` (a criterion's "Discuss" link) chooses it in the form."""
    chosen = request.GET.get("criterion", "")
    return (
        {"criterion": int(chosen)} if criteria is not None and chosen.isdigit() and len(chosen) < 10 else {}
    )


def discussion_threads(
    request, inspection: Inspection, case_file: CaseFile, *, back: str, kinds=None
) -> list:
    """The threads of the file the user takes part in (of ``kinds`` only, if given), each with its
    messages and a form to post to it, for a page's discussion panel. One query for every thread's
    messages, whatever their number."""
    kinds = [
        kind
        for kind in (kinds or thread_kinds(case_file))
        if may_discuss(inspection=inspection, case_file=case_file, user=request.user, review_kind=kind)
    ]
    if not kinds:
        return []
    criteria = _criteria(inspection, case_file)
    found = list(messages_for_case_file(case_file=case_file, review_kinds=kinds))
    return [
        {
            "kind": ReviewKind(kind),
            "url": thread_url(case_file, kind),
            "messages": [message for message in found if message.review_kind == kind],
            "form": DiscussionForm(
                criteria=criteria,
                review_kind=kind,
                action=thread_url(case_file, kind),
                back=back,
                initial=_initial_criterion(request, criteria),
            ),
        }
        for kind in kinds
    ]


def _back_to(inspection: Inspection, case_file: CaseFile, kind: str, back: str) -> str:
    args = {"pk": inspection.pk, "file_id": case_file.pk}
    if back == "file":
        return reverse("reviews:file_detail", kwargs=args) + f"#discussion-{kind}"
    if back == "review":
        return reverse(f"reviews:review_{kind}", kwargs=args) + f"#discussion-{kind}"
    return thread_url(case_file, kind) + "#discussion"


@inspection_member_required
def discussion(request, inspection, file_id: int, kind: str):
    """One review's thread of the file: read it, and post to it. The reviewer and the lead only; a
    member of the inspection who is neither gets 403, anyone else 404 (as every file page)."""
    case_file = case_file_of(inspection, file_id, with_reviewers=True)
    if kind not in thread_kinds(case_file):
        raise Http404("This file has no second review.")
    if not may_discuss(inspection=inspection, case_file=case_file, user=request.user, review_kind=kind):
        raise PermissionDenied(
            "Only the file's reviewer and the inspection's lead take part in its discussion."
        )
    criteria = _criteria(inspection, case_file)
    form = DiscussionForm(
        request.POST or None,
        criteria=criteria,
        review_kind=kind,
        action=thread_url(case_file, kind),
        initial=_initial_criterion(request, criteria),
    )
    if request.method == "POST" and form.is_valid():
        try:
            message_post(
                inspection=inspection,
                case_file=case_file,
                author=request.user,
                body=form.cleaned_data["body"],
                review_kind=kind,
                criterion=form.cleaned_data.get("criterion"),
                submission_key=form.cleaned_data["submission_key"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        except Refused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, "Message posted.")
            return redirect(_back_to(inspection, case_file, kind, form.cleaned_data["back"]))
    thread = {
        "kind": ReviewKind(kind),
        "url": thread_url(case_file, kind),
        "messages": list(messages_for_case_file(case_file=case_file, review_kinds=[kind])),
        "form": form,
    }
    context = page_context(request, inspection, case_file=case_file, thread=thread)
    return render(request, "reviews/discussion.html", context, status=400 if form.errors else 200)
