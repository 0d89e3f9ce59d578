"""The framework view with the evidence per question, and the evidence list and forms."""

from collections import Counter, defaultdict

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from peel.evidence_export import evidence_notes_export
from peel.forms.evidence import EvidenceNoteFilter, EvidenceNoteForm
from peel.models import EvidenceNote
from peel.selectors.evidence import evidence_notes_for
from peel.selectors.frameworks import framework_tree, question_by_code
from peel.selectors.inspections import with_team
from peel.services.evidence import evidence_note_create, evidence_note_delete, evidence_note_update
from peel.views.access import inspection_member_required, inspection_team_required
from peel.views.downloads import export_download

NOTES_PER_PAGE = 50


@inspection_member_required
def framework(request, inspection):
    """Every question of the programme with its evidence notes and their counts by direction."""
    notes_by_question: dict[int, list[EvidenceNote]] = defaultdict(list)
    counts: dict[int, Counter] = defaultdict(Counter)
    for note in evidence_notes_for(inspection=inspection):
        notes_by_question[note.question_id].append(note)
        counts[note.question_id].update((note.direction, "total"))
    root = framework_tree(programme=inspection.programme)
    area = inspection.force.short_name
    cores = []
    for core in root.children if root else []:
        subs = [
            {
                "question": sub.question,
                "text": sub.question.text_for(area),
                "notes": notes_by_question[sub.question.pk],
                "counts": counts[sub.question.pk],
            }
            for sub in core.children
        ]
        core_counts = sum((sub["counts"] for sub in subs), Counter())
        cores.append(
            {
                "question": core.question,
                "text": core.question.text_for(area),
                "subs": subs,
                "counts": core_counts,
            }
        )
    context = {
        "inspection": inspection,
        "overall": root.question if root else None,
        "cores": cores,
        "totals": sum(counts.values(), Counter()),
    }
    return render(request, "peel/framework.html", context)


@inspection_member_required
def evidence_list(request, inspection):
    with_team(inspection)
    filterset = EvidenceNoteFilter(
        request.GET or None, queryset=evidence_notes_for(inspection=inspection), inspection=inspection
    )
    page = Paginator(filterset.qs, NOTES_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "inspection": inspection,
        "filter": filterset,
        "page": page,
        "query": query.urlencode(),
        "can_contribute": inspection.can_contribute(request.user),
        "is_lead": inspection.is_lead(request.user),
    }
    return render(request, "peel/evidence_list.html", context)


@inspection_member_required
def evidence_export(request, inspection, file_format: str):
    """The notes the list shows with the same filter (every page of them), as CSV or XLSX."""
    filterset = EvidenceNoteFilter(
        request.GET or None, queryset=evidence_notes_for(inspection=inspection), inspection=inspection
    )
    return export_download(
        evidence_notes_export(inspection=inspection, notes=filterset.qs, file_format=file_format)
    )


@inspection_team_required
def evidence_create(request, inspection):
    initial = {"observed_on": timezone.localdate()}
    question = question_by_code(programme=inspection.programme, code=request.GET.get("question"))
    if question is not None:
        initial["question"] = question
    form = EvidenceNoteForm(request.POST or None, initial=initial, inspection=inspection, creating=True)
    if request.method == "POST" and form.is_valid():
        try:
            note = evidence_note_create(inspection=inspection, author=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Evidence note added under {note.question.code}.")
            if "add_another" in request.POST:
                again = reverse("peel:evidence_create", kwargs={"pk": inspection.pk})
                return redirect(f"{again}?question={note.question.code}")
            return redirect("peel:evidence_list", pk=inspection.pk)
    return render(request, "peel/evidence_form.html", {"inspection": inspection, "form": form, "note": None})


def _saved_now(note: EvidenceNote) -> dict:
    """The note as someone else saved it, shown beside the editor's own unsaved words."""
    return {
        "rows": [
            ("Sub-question", f"{note.question.code} {note.question.text}"),
            ("Source", note.get_source_display()),
            ("Date", f"{note.observed_on:%d/%m/%Y}"),
            ("Points to", note.get_direction_display()),
            ("What you saw or heard", note.text),
            ("Proposed area for improvement", "Yes" if note.proposed_afi else "No"),
        ]
    }


def _editable_note(request, inspection, note_id: int) -> EvidenceNote:
    note = get_object_or_404(
        EvidenceNote.objects.select_related("question", "author"), inspection=inspection, pk=note_id
    )
    note.inspection = inspection
    if not note.is_editable_by(request.user):
        raise PermissionDenied("Only the note's author and the inspection's lead can change it.")
    return note


@inspection_member_required
def evidence_edit(request, inspection, note_id: int):
    note = _editable_note(request, inspection, note_id)
    form = EvidenceNoteForm(
        request.POST or None, initial=EvidenceNoteForm.initial_from(note), inspection=inspection
    )
    saved_now = None
    if request.method == "POST" and form.is_valid():
        try:
            evidence_note_update(
                note=note,
                user=request.user,
                changes=form.content(),
                version=form.cleaned_data["version"] or None,
            )
        except ValidationError as error:
            form.add_error(None, error)
            if getattr(error, "code", None) == "conflict":
                note = _editable_note(request, inspection, note_id)
                saved_now = _saved_now(note)
                form.stale_version_replace(note)
        else:
            messages.success(request, "The evidence note was saved.")
            return redirect("peel:evidence_list", pk=inspection.pk)
    context = {
        "inspection": inspection,
        "form": form,
        "note": note,
        "saved_now": saved_now,
        "is_lead": inspection.is_lead(request.user),
    }
    return render(request, "peel/evidence_form.html", context)


@inspection_member_required
def evidence_delete(request, inspection, note_id: int):
    note = _editable_note(request, inspection, note_id)
    if request.method == "POST":
        try:
            evidence_note_delete(note=note, user=request.user)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect("peel:evidence_edit", pk=inspection.pk, note_id=note.pk)
        messages.success(request, "The evidence note was deleted; its history is kept.")
        return redirect("peel:evidence_list", pk=inspection.pk)
    return render(request, "peel/evidence_delete.html", {"inspection": inspection, "note": note})
