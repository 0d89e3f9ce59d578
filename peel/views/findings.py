"""Lists of judgments, summaries, AFIs and causes of concern; creating AFIs and causes of concern;
their recommendations; and the lead's assessment of the previous inspection's findings."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import pluralize
from django.urls import reverse

from peel.forms.afi_bulk import (
    ACCEPT,
    MERGE,
    SHOW_OPEN,
    SHOW_PROPOSALS,
    AfiBulkForm,
    AfiFilterForm,
    AfiMergeForm,
)
from peel.forms.approval import AfiForm, CauseOfConcernForm, PreviousAssessmentForm, RecommendationForm
from peel.models import (
    AfiOrigin,
    ApprovalState,
    AreaForImprovement,
    CauseOfConcern,
    QuestionLevel,
    Recommendation,
)
from peel.selectors.findings import (
    afis_for,
    causes_for,
    judgments_for,
    previous_assessments_by_finding,
    summaries_for,
)
from peel.selectors.frameworks import question_by_code
from peel.selectors.inspections import previous_findings_of, previous_progress, with_team
from peel.services.findings import (
    afi_create,
    afis_accept,
    afis_merge,
    afis_reject,
    cause_of_concern_create,
    merged_text,
    previous_finding_assess,
    recommendation_create,
    recommendation_delete,
    recommendation_update,
    recommendations_allowed_ensure,
)
from peel.views.access import inspection_member_required, inspection_team_required
from peel.views.approvables import approvable_url


def _list_context(request, inspection, items) -> dict:
    with_team(inspection)
    return {
        "inspection": inspection,
        "items": items,
        "can_contribute": inspection.can_contribute(request.user),
        "is_lead": inspection.is_lead(request.user),
    }


@inspection_member_required
def judgment_list(request, inspection):
    return render(
        request,
        "peel/judgment_list.html",
        _list_context(request, inspection, judgments_for(inspection=inspection)),
    )


@inspection_member_required
def summary_list(request, inspection):
    return render(
        request,
        "peel/summary_list.html",
        _list_context(request, inspection, summaries_for(inspection=inspection)),
    )


@inspection_member_required
def afi_list(request, inspection):
    return _afi_list_page(request, inspection, shown=AfiFilterForm(request.GET).shown())


def _afis_shown(inspection, shown: str):
    items = afis_for(inspection=inspection)
    if shown in (SHOW_OPEN, SHOW_PROPOSALS):
        items = items.filter(rejected=False).exclude(state=ApprovalState.APPROVED)
    if shown == SHOW_PROPOSALS:
        items = items.exclude(origin=AfiOrigin.LEAD)
    return list(items)


def _afi_list_page(request, inspection, *, shown: str, bulk_form=None, status: int = 200):
    """The list; the lead's ticks, action and reason are kept in ``bulk_form`` after a refusal."""
    items = _afis_shown(inspection, shown)
    context = _list_context(request, inspection, items)
    if context["is_lead"] and not inspection.is_published:
        open_afis = [afi for afi in items if not afi.is_locked]
        bulk_form = bulk_form or AfiBulkForm(initial={"show": shown}, open_afis=open_afis)
        ticked = {int(value) for value in bulk_form["afi"].value() or () if str(value).isdigit()}
        context.update(bulk_form=bulk_form, ticked=ticked, open_count=len(open_afis))
    context.update(filter_form=AfiFilterForm(initial={"show": shown}), shown=shown)
    return render(request, "peel/afi_list.html", context, status=status)


@inspection_member_required
def afi_bulk(request, inspection):
    """Accept, reject or merge the ticked AFIs (the lead only); merging asks for the text first."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not inspection.is_lead(request.user):
        raise PermissionDenied(
            "Only the inspection's lead can accept, reject or merge areas for improvement."
        )
    shown = AfiFilterForm(request.POST).shown()
    open_afis = _afis_shown(inspection, SHOW_OPEN)
    form = AfiBulkForm(request.POST, open_afis=open_afis)
    if not form.is_valid():
        return _afi_list_page(request, inspection, shown=shown, bulk_form=form)
    action, versions = form.cleaned_data["action"], form.cleaned_data["versions"]
    if action == MERGE:
        return _afi_merge(request, inspection, open_afis=open_afis, bulk_form=form, shown=shown)
    try:
        if action == ACCEPT:
            done = afis_accept(inspection=inspection, user=request.user, versions=versions)
        else:
            done = afis_reject(
                inspection=inspection,
                user=request.user,
                versions=versions,
                reason=form.cleaned_data["reason"],
            )
    except ValidationError as error:
        form.add_error(None, error)
        return _afi_list_page(request, inspection, shown=shown, bulk_form=form)
    verb = "approved" if action == ACCEPT else "rejected"
    messages.success(request, f"{len(done)} area{pluralize(len(done))} for improvement {verb}.")
    return redirect(f"{reverse('peel:afi_list', kwargs={'pk': inspection.pk})}?show={shown}")


def _afi_merge(request, inspection, *, open_afis, bulk_form, shown: str):
    chosen = [afi for afi in open_afis if afi.pk in bulk_form.cleaned_data["versions"]]
    confirming = "confirm" in request.POST
    initial = {"question": chosen[0].question, "text": merged_text(chosen), "action": MERGE, "show": shown}
    form = AfiMergeForm(
        request.POST if confirming else None,
        initial={**initial, "afi": [afi.pk for afi in chosen]},
        open_afis=open_afis,
        chosen=chosen,
    )
    if confirming and form.is_valid():
        try:
            merged = afis_merge(
                inspection=inspection,
                user=request.user,
                versions=form.cleaned_data["versions"],
                question=form.cleaned_data["question"],
                text=form.cleaned_data["text"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"{len(chosen)} areas for improvement were merged into this draft.")
            return redirect(approvable_url(merged))
    context = {
        "inspection": inspection,
        "form": form,
        "chosen": chosen,
        "chosen_versions": [(afi, bulk_form.cleaned_data["versions"][afi.pk]) for afi in chosen],
        "shown": shown,
    }
    return render(request, "peel/afi_merge.html", context)


@inspection_member_required
def cause_list(request, inspection):
    return render(
        request, "peel/cause_list.html", _list_context(request, inspection, causes_for(inspection=inspection))
    )


@inspection_team_required
def afi_new(request, inspection):
    initial = {"text": "The force should "}
    question = question_by_code(
        programme=inspection.programme, code=request.GET.get("question"), level=QuestionLevel.CORE
    )
    if question is not None:
        initial["question"] = question
    form = AfiForm(
        request.POST or None, initial=initial, inspection=inspection, submit_label="Add area for improvement"
    )
    if request.method == "POST" and form.is_valid():
        fields = ("question", "text", "evidence_notes", "criteria", "submission_key")
        data = {key: form.cleaned_data[key] for key in fields}
        try:
            afi = afi_create(inspection=inspection, user=request.user, **data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "The area for improvement was added as a draft.")
            return redirect(approvable_url(afi))
    return render(
        request,
        "peel/approvable_new.html",
        {"inspection": inspection, "form": form, "noun": "area for improvement"},
    )


@inspection_team_required
def cause_new(request, inspection):
    form = CauseOfConcernForm(
        request.POST or None, inspection=inspection, submit_label="Add cause of concern"
    )
    if request.method == "POST" and form.is_valid():
        try:
            fields = ("question", "text", "evidence_notes", "criteria", "submission_key")
            data = {key: form.cleaned_data[key] for key in fields}
            cause = cause_of_concern_create(inspection=inspection, user=request.user, **data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "The cause of concern was added as a draft; add its recommendations.")
            return redirect(approvable_url(cause))
    return render(
        request,
        "peel/approvable_new.html",
        {"inspection": inspection, "form": form, "noun": "cause of concern"},
    )


PARENTS = {"afis": AreaForImprovement, "causes": CauseOfConcern}


@inspection_team_required
def recommendation_new(request, inspection, kind: str, item_id: int):
    if kind not in PARENTS:
        raise Http404("No such page.")
    parent = get_object_or_404(
        PARENTS[kind].objects.select_related("question"), inspection=inspection, pk=item_id
    )
    if parent.is_locked or inspection.is_published:
        return _read_only(request, parent)
    try:
        recommendations_allowed_ensure(parent=parent)
    except ValidationError as error:
        messages.error(request, error.message)
        return redirect(approvable_url(parent))
    form = RecommendationForm(request.POST or None, creating=True, submit_label="Add recommendation")
    if request.method == "POST" and form.is_valid():
        try:
            recommendation_create(parent=parent, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "The recommendation was added.")
            return redirect(approvable_url(parent))
    context = {"inspection": inspection, "form": form, "parent": parent, "recommendation": None}
    return render(request, "peel/recommendation_form.html", context)


def _read_only(request, parent):
    messages.error(request, "Its recommendations are read-only now: the lead can reopen it with a reason.")
    return redirect(approvable_url(parent))


def _recommendation(inspection, recommendation_id: int) -> Recommendation:
    recommendation = get_object_or_404(
        Recommendation.objects.select_related("afi", "cause_of_concern"), pk=recommendation_id
    )
    if recommendation.parent.inspection_id != inspection.pk:
        raise Http404("No such recommendation.")
    return recommendation


def _day(day) -> str:
    return f"{day:%d/%m/%Y}" if day else ""


@inspection_team_required
def recommendation_edit(request, inspection, recommendation_id: int):
    recommendation = _recommendation(inspection, recommendation_id)
    parent = recommendation.parent
    if parent.is_locked or inspection.is_published:
        return _read_only(request, parent)
    initial = {
        "text": recommendation.text,
        "due_date": recommendation.due_date,
        "version": recommendation.edit_version,
    }
    form = RecommendationForm(request.POST or None, initial=initial)
    saved_now = None
    if request.method == "POST":
        if "delete" in request.POST:
            try:
                recommendation_delete(recommendation=recommendation, user=request.user)
            except ValidationError as error:
                for message in error.messages:
                    messages.error(request, message)
            else:
                messages.success(request, "The recommendation was deleted.")
            return redirect(approvable_url(parent))
        if form.is_valid():
            try:
                recommendation_update(
                    recommendation=recommendation,
                    user=request.user,
                    text=form.cleaned_data["text"],
                    due_date=form.cleaned_data["due_date"],
                    version=form.cleaned_data["version"] or None,
                )
            except ValidationError as error:
                form.add_error(None, error)
                if getattr(error, "code", None) == "conflict":
                    recommendation = _recommendation(inspection, recommendation_id)
                    saved_now = {
                        "rows": [
                            ("Recommendation", recommendation.text),
                            ("Due by", _day(recommendation.due_date)),
                        ]
                    }
                    form.stale_version_replace(recommendation)
            else:
                messages.success(request, "The recommendation was saved.")
                return redirect(approvable_url(parent))
    context = {
        "inspection": inspection,
        "form": form,
        "parent": parent,
        "recommendation": recommendation,
        "saved_now": saved_now,
    }
    return render(request, "peel/recommendation_form.html", context)


@inspection_member_required
def previous_findings(request, inspection):
    """The previous inspection's AFIs and causes of concern; the lead records how far each was addressed."""
    is_lead = inspection.is_lead(request.user)
    afis, causes = previous_findings_of(inspection)
    assessments = previous_assessments_by_finding(inspection=inspection)
    if request.method == "POST":
        if not is_lead:
            raise PermissionDenied(
                "Only the inspection's lead records how far previous findings were addressed."
            )
        return _previous_assess(request, inspection, afis, causes)
    rows = []
    for kind, findings in (("afi", afis), ("cause", causes)):
        for finding in findings:
            assessment = assessments.get((kind, finding.pk))
            form = None
            if is_lead and not inspection.is_published:
                initial = {"progress": assessment.progress, "note": assessment.note} if assessment else None
                form = PreviousAssessmentForm(initial=initial, prefix=f"{kind}-{finding.pk}")
            rows.append({"kind": kind, "finding": finding, "assessment": assessment, "form": form})
    context = {
        "inspection": inspection,
        "rows": rows,
        "progress": previous_progress(inspection),
        "is_lead": is_lead,
    }
    return render(request, "peel/previous_findings.html", context)


def _previous_assess(request, inspection, afis, causes):
    kind, _, finding_id = request.POST.get("finding", "").partition("-")
    findings = {"afi": afis, "cause": causes}.get(kind)
    finding = (
        findings.filter(pk=finding_id).first() if findings is not None and finding_id.isdigit() else None
    )
    if finding is None:
        messages.error(request, "That finding is not one of the previous inspection's.")
        return redirect("peel:previous_findings", pk=inspection.pk)
    form = PreviousAssessmentForm(request.POST, prefix=f"{kind}-{finding.pk}")
    if not form.is_valid():
        messages.error(request, "Choose addressed, partly addressed or not addressed.")
        return redirect("peel:previous_findings", pk=inspection.pk)
    try:
        previous_finding_assess(
            inspection=inspection,
            user=request.user,
            afi=finding if kind == "afi" else None,
            cause_of_concern=finding if kind == "cause" else None,
            **form.cleaned_data,
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, "The assessment was saved.")
    return redirect(f"{request.path}#{kind}-{finding.pk}")
