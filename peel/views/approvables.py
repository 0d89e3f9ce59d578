"""Pages for the kinds of approvable content — judgments, summaries of findings, areas for improvement,
causes of concern, innovative and promising practice — which share one detail page, one set of approval
actions and one history page. What differs per kind is declared once in ``KINDS``."""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model, QuerySet
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from peel.forms.approval import (
    AfiForm,
    CauseOfConcernForm,
    FindingSummaryForm,
    JudgmentForm,
    NotablePracticeForm,
    ReasonForm,
    VersionedForm,
)
from peel.models import (
    AreaForImprovement,
    CauseOfConcern,
    EvidenceNote,
    FindingSummary,
    Inspection,
    Judgment,
    NotablePractice,
)
from peel.selectors.findings import (
    afis_for,
    causes_with_links_for,
    judgments_for,
    practices_for,
    summaries_for,
)
from peel.selectors.history import history_entries
from peel.selectors.inspections import with_team
from peel.services.approval import (
    ApprovalAction,
    approvable_actions,
    approvable_transition,
    approvable_update,
)
from peel.services.findings import afi_update, cause_of_concern_update
from peel.views.access import inspection_lead_required, inspection_member_required


def _content_update(*, item, user, data: dict, version: str | None):
    return approvable_update(item=item, user=user, changes=data, version=version)


def _afi_update(*, item, user, data: dict, version: str | None):
    return afi_update(afi=item, user=user, version=version, **data)


def _cause_update(*, item, user, data: dict, version: str | None):
    return cause_of_concern_update(cause=item, user=user, version=version, **data)


@dataclass(frozen=True)
class Kind:
    slug: str  # the URL segment, e.g. "judgments"
    model: type[Model]
    queryset: Callable[..., QuerySet]
    form_class: type[VersionedForm]
    fields: tuple[str, ...]  # the content fields the form edits
    template: str
    list_url: str
    update: Callable = _content_update

    @property
    def noun(self) -> str:
        return str(self.model._meta.verbose_name)

    def initial(self, item) -> dict:
        initial = {"version": VersionedForm.version_of(item)}
        for field in self.fields:
            value = getattr(item, field)
            initial[field] = list(value.all()) if hasattr(value, "all") else value
        return initial


KINDS = {
    "judgments": Kind(
        "judgments", Judgment, judgments_for, JudgmentForm, ("grade", "rationale"),
        "peel/judgment_detail.html", "peel:judgment_list",
    ),
    "findings": Kind(
        "findings", FindingSummary, summaries_for, FindingSummaryForm, ("text",),
        "peel/summary_detail.html", "peel:summary_list",
    ),
    "afis": Kind(
        "afis", AreaForImprovement, afis_for, AfiForm, ("question", "text", "evidence_notes", "criteria"),
        "peel/afi_detail.html", "peel:afi_list", _afi_update,
    ),
    "causes": Kind(
        "causes", CauseOfConcern, causes_with_links_for, CauseOfConcernForm,
        ("question", "text", "evidence_notes", "criteria"), "peel/cause_detail.html", "peel:cause_list",
        _cause_update,
    ),
    "practice": Kind(
        "practice", NotablePractice, practices_for, NotablePracticeForm, ("question", "kind", "text"),
        "peel/practice_detail.html", "peel:practice_list",
    ),
}  # fmt: skip


def kind_of(item) -> Kind:
    return next(kind for kind in KINDS.values() if isinstance(item, kind.model))


def approvable_url(item, view: str = "approvable_detail") -> str:
    return reverse(
        f"peel:{view}", kwargs={"pk": item.inspection_id, "kind": kind_of(item).slug, "item_id": item.pk}
    )


def _kind_or_404(kind: str) -> Kind:
    try:
        return KINDS[kind]
    except KeyError:
        raise Http404("No such page.") from None


@inspection_member_required
def approvable_detail(request, inspection: Inspection, kind: str, item_id: int):
    spec = _kind_or_404(kind)
    item = get_object_or_404(spec.queryset(inspection=inspection), pk=item_id)
    with_team(inspection)
    actions = approvable_actions(item=item, inspection=inspection, user=request.user)
    form = None
    if request.method == "POST":
        if not inspection.can_contribute(request.user):
            raise PermissionDenied("Only the inspection's team and its lead can change this.")
        form = spec.form_class(request.POST, inspection=inspection, item=item)
        if form.is_valid():
            data = {field: form.cleaned_data[field] for field in spec.fields}
            try:
                spec.update(
                    item=item, user=request.user, data=data, version=form.cleaned_data["version"] or None
                )
            except ValidationError as error:
                for message in error.messages:
                    messages.error(request, message)
                if getattr(error, "code", None) != "conflict":
                    return redirect(approvable_url(item))
                # Someone saved first: show their version beside the editor's unsaved words.
                item = get_object_or_404(spec.queryset(inspection=inspection), pk=item_id)
                form = spec.form_class(request.POST, inspection=inspection, item=item)
                form.stale_version_replace(item)
            else:
                _then(request, spec, item, actions)
                return redirect(approvable_url(item))
    elif "edit" in actions:
        form = spec.form_class(initial=spec.initial(item), inspection=inspection, item=item)
    context = {
        "inspection": inspection,
        "item": item,
        "kind": spec,
        "actions": actions,
        "form": form,
        "is_lead": inspection.is_lead(request.user),
    }
    return render(request, spec.template, context)


THEN = {
    ApprovalAction.SUBMIT: "saved and submitted for approval",
    ApprovalAction.APPROVE: "saved and approved",
}


def _then(request, spec: Kind, item, actions) -> None:
    """After a save, the approval step the user chose with it ("Save and approve"), if any."""
    then = request.POST.get("then")
    if then not in THEN or then not in actions:
        messages.success(request, f"The {spec.noun} was saved.")
        return
    try:
        approvable_transition(item=item, user=request.user, action=then)
    except ValidationError as error:
        label = ApprovalAction(then).label.lower()
        for message in error.messages:
            messages.error(request, f"Your changes were saved, but not the step “{label}”: {message}")
    else:
        done = THEN[then] + (": it is now read-only" if then == ApprovalAction.APPROVE else "")
        messages.success(request, f"The {spec.noun} was {done}.")


@inspection_member_required
def approvable_action(request, inspection: Inspection, kind: str, item_id: int, action: str):
    """Submit or approve (a POST); reject or reopen (a form asking the reason, then a POST)."""
    spec = _kind_or_404(kind)
    item = get_object_or_404(spec.queryset(inspection=inspection), pk=item_id)
    if action not in ApprovalAction.values:
        raise Http404("No such action.")
    asks_reason = action in (ApprovalAction.REOPEN, ApprovalAction.REJECT)
    if request.method not in (("GET", "POST") if asks_reason else ("POST",)):
        return HttpResponseNotAllowed(["GET", "POST"] if asks_reason else ["POST"])
    with_team(inspection)
    form = None
    if asks_reason:
        if not inspection.is_lead(request.user):
            raise PermissionDenied("Only the inspection's lead can do this.")
        label = ApprovalAction(action).label
        form = ReasonForm(
            request.POST or None,
            required=action == ApprovalAction.REOPEN,
            submit_label=f"{label} the {spec.noun}",
        )
        if request.method == "GET" or not form.is_valid():
            context = {"inspection": inspection, "item": item, "kind": spec, "form": form, "action": label}
            return render(request, "peel/approvable_reason.html", context)
    reason = form.cleaned_data["reason"] if form is not None else ""
    try:
        approvable_transition(item=item, user=request.user, action=action, reason=reason)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        done = {
            ApprovalAction.SUBMIT: "submitted for approval",
            ApprovalAction.APPROVE: "approved: it is now read-only",
            ApprovalAction.REJECT: "rejected",
            ApprovalAction.REOPEN: "reopened as a draft; the reason is in its history",
        }[action]
        messages.success(request, f"The {spec.noun} was {done}.")
    return redirect(approvable_url(item))


@inspection_lead_required
def approvable_history(request, inspection: Inspection, kind: str, item_id: int):
    """Who changed what, when and why — for the lead."""
    spec = _kind_or_404(kind)
    item = get_object_or_404(spec.queryset(inspection=inspection), pk=item_id)
    context = {
        "inspection": inspection,
        "item": item,
        "kind": spec,
        "entries": history_entries(item),
        "back_url": approvable_url(item),
    }
    return render(request, "peel/history.html", context)


@inspection_lead_required
def evidence_history(request, inspection: Inspection, note_id: int):
    note = get_object_or_404(
        EvidenceNote.objects.select_related("question"), inspection=inspection, pk=note_id
    )
    context = {
        "inspection": inspection,
        "item": note,
        "kind": None,
        "entries": history_entries(note),
        "back_url": reverse("peel:evidence_list", kwargs={"pk": inspection.pk}),
    }
    return render(request, "peel/history.html", context)
