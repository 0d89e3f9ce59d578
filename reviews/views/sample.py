"""The sample: design and quotas, crime-list import, the draw, reserves, unusable files, allocation."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from peel.models.runs import RunStatus
from peel.services.background_runs import run_progress
from peel.views.access import inspection_lead_required, inspection_member_required
from reviews.crime_list import REQUIRED_COLUMNS
from reviews.forms import (
    CrimeListUploadForm,
    CrimeTypeAliasForm,
    DrawForm,
    QuotasForm,
    ReassignForm,
    UnusableForm,
)
from reviews.models import (
    CrimeListImport,
    DoubleReviewSelection,
    ReviewKind,
    SampleDraw,
    Stratum,
    normalise_crime_type,
)
from reviews.queues import SampleFilter
from reviews.selectors import crime_list_uploads_for, sample_design_for, sample_files, strata_with_rates
from reviews.services.allocation import case_file_reassign, case_files_allocate, reassignment_candidates
from reviews.services.design import sample_design_ensure, sample_quotas_update, stratum_alias_add
from reviews.services.draw import case_file_mark_unusable, sample_draw, stratum_reserves
from reviews.services.refusals import Refused
from reviews.services.upload import crime_list_upload_store
from reviews.views.common import case_file_of, page_context, report_refusal

RESERVES_SHOWN = 5


@inspection_member_required
def sample_overview(request, inspection):
    """The sample at a glance: design, frame, draw record and every drawn file with its reviewers."""
    design, strata = sample_design_for(inspection=inspection)
    files = list(sample_files(inspection_id=inspection.pk))
    selection = SampleFilter(request.GET or None, inspection=inspection)
    # The actions below are offered from the whole sample; the table shows the selection.
    shown = list(selection.qs) if selection.is_bound and selection.is_valid() else files
    draw = SampleDraw.objects.filter(inspection=inspection).select_related("drawn_by").first()
    context = page_context(
        request,
        inspection,
        design=design,
        strata=strata_with_rates(strata, draw),
        crime_list=CrimeListImport.objects.filter(inspection=inspection)
        .select_related("imported_by")
        .first(),
        draw=draw,
        double_review=DoubleReviewSelection.objects.filter(inspection=inspection).first(),
        files=shown,
        selection=selection,
        selection_query=request.GET.urlencode() if selection.is_bound else "",
        # Offered only when they can do something: a redraw until a review starts, allocation while a
        # usable file (or its second review) has no reviewer.
        reviews_started=any(f.first_status or f.second_status for f in files),
        unallocated=any(
            f.is_usable() and (f.reviewer_id is None or (f.double_review and f.second_reviewer_id is None))
            for f in files
        ),
    )
    return render(request, "reviews/sample.html", context)


@inspection_lead_required
def design_edit(request, inspection):
    if request.method == "POST":
        sample_design_ensure(inspection=inspection)
    design, strata = sample_design_for(inspection=inspection)
    drawn = SampleDraw.objects.filter(inspection=inspection).exists()
    form = QuotasForm(
        request.POST or None, strata=strata, total=design.total, initial={"version": design.edit_version}
    )
    if request.method == "POST" and form.is_valid():
        try:
            sample_quotas_update(
                inspection=inspection,
                total=form.cleaned_data["total"],
                quotas=form.quotas(),
                version=form.cleaned_data["version"] or None,
            )
        except Refused as refusal:
            form.add_error(None, refusal.message)
            current = sample_design_ensure(inspection=inspection)
            if current.edit_version != form.cleaned_data["version"]:
                saved = ", ".join(
                    f"{stratum.label} {stratum.quota}" for stratum in current.inspection.strata.all()
                )
                form.add_error(None, f"Saved now: {current.total} files; {saved}.")
                form.stale_version_replace(current)
        else:
            messages.success(request, "Quotas saved.")
            return redirect("reviews:sample", pk=inspection.pk)
    return render(
        request, "reviews/design_edit.html", page_context(request, inspection, form=form, drawn=drawn)
    )


@inspection_lead_required
def crime_list_upload(request, inspection):
    """Upload the force's crime list: the file is stored and imported by a worker while this page shows
    its progress; a refused file shows every problem by row and column."""
    form = CrimeListUploadForm(request.POST or None, request.FILES or None)
    refusal = None
    if request.method == "POST" and form.is_valid():
        try:
            upload = crime_list_upload_store(
                inspection=inspection, upload=form.cleaned_data["crime_list"], user=request.user
            )
        except Refused as refused:
            refusal = refused
        else:
            upload = crime_list_uploads_for(inspection_id=inspection.pk).get(pk=upload.pk)
            if upload.status == RunStatus.SUCCEEDED:  # on the embedded default the import has already run
                messages.success(request, upload.crime_list.summary)
                if upload.crime_list.unmatched_crime_types:  # stay: the lead may map them
                    return redirect("reviews:crime_list_import", pk=inspection.pk)
                return redirect("reviews:sample", pk=inspection.pk)
            return redirect("reviews:crime_list_import", pk=inspection.pk)
    upload = crime_list_uploads_for(inspection_id=inspection.pk).first()
    drawn = SampleDraw.objects.filter(inspection=inspection).exists()
    strata = sample_design_for(inspection=inspection)[1]
    context = page_context(
        request,
        inspection,
        form=form,
        refusal=refusal,
        upload=upload,
        progress=run_progress(upload) if upload else None,
        drawn=drawn,
        strata=strata,
        required_columns=REQUIRED_COLUMNS,
        unmatched=[] if drawn else _unmatched_with_forms(inspection, strata),
    )
    return render(request, "reviews/crime_list_import.html", context, status=400 if refusal else 200)


def _unmatched_with_forms(inspection, strata) -> list[tuple[str, int, CrimeTypeAliasForm]]:
    """The current frame's unrecognised crime types, each with its mapping form, that are not yet another
    name of a stratum's crime type."""
    crime_list = CrimeListImport.objects.filter(inspection=inspection).only("unmatched_crime_types").first()
    if crime_list is None or not all(stratum.pk for stratum in strata):
        return []
    known = set().union(*(stratum.crime_type_keys() for stratum in strata))
    choices = Stratum.objects.filter(pk__in=[stratum.pk for stratum in strata])
    return [
        (name, rows, CrimeTypeAliasForm(initial={"crime_type": name}, strata=choices))
        for name, rows in crime_list.unmatched_crime_types
        if normalise_crime_type(name) not in known
    ]


@require_POST
@inspection_lead_required
def crime_type_alias_add(request, inspection):
    """Map an unrecognised crime type of the last import to a stratum, for the next import."""
    form = CrimeTypeAliasForm(request.POST, strata=Stratum.objects.filter(inspection=inspection))
    if not form.is_valid():
        messages.error(request, "Choose the stratum the crime type belongs to.")
        return redirect("reviews:crime_list_import", pk=inspection.pk)
    try:
        stratum = stratum_alias_add(
            inspection=inspection,
            stratum_id=form.cleaned_data["stratum"].pk,
            crime_type=form.cleaned_data["crime_type"],
        )
    except Refused as refusal:
        report_refusal(request, refusal)
    else:
        messages.success(
            request,
            f"“{form.cleaned_data['crime_type']}” now counts as {stratum.label}: "
            "upload the crime list again to bring its rows into the frame.",
        )
    return redirect("reviews:crime_list_import", pk=inspection.pk)


@require_GET
@inspection_lead_required
def crime_list_upload_progress(request, inspection, upload_id: int):
    """The progress of one upload's import; once it has ended (or been abandoned) htmx reloads the page."""
    upload = get_object_or_404(crime_list_uploads_for(inspection_id=inspection.pk), pk=upload_id)
    stage, percent = run_progress(upload)
    response = render(
        request,
        "reviews/_crime_list_upload.html",
        {"inspection": inspection, "upload": upload, "stage": stage, "percent": percent},
    )
    if request.htmx and not upload.is_live:
        response["HX-Refresh"] = "true"
    return response


@inspection_lead_required
def draw(request, inspection):
    existing = SampleDraw.objects.filter(inspection=inspection).first()
    form = DrawForm(request.POST or None, drawn=existing is not None)
    if request.method == "POST" and form.is_valid():
        try:
            drawn = sample_draw(
                inspection=inspection,
                seed=form.cleaned_data["seed"],
                user=request.user,
                redraw=form.cleaned_data.get("redraw", False),
            )
        except Refused as refusal:
            form.add_error(None, refusal.message)
        else:
            files = sum(stratum["drawn"] for stratum in drawn.allocation)
            messages.success(request, f"Drew {files} files with seed {drawn.seed}.")
            return redirect("reviews:sample", pk=inspection.pk)
    context = page_context(
        request, inspection, form=form, draw=existing, strata=sample_design_for(inspection=inspection)[1]
    )
    return render(request, "reviews/draw.html", context)


@inspection_lead_required
def reserves(request, inspection):
    """The next reserves of each stratum, in the order they would replace an unusable file."""
    draw_record = SampleDraw.objects.filter(inspection=inspection).first()
    strata = list(Stratum.objects.filter(inspection=inspection).order_by("order"))
    rows = [
        (
            stratum,
            stratum_reserves(stratum=stratum, seed=draw_record.seed, limit=RESERVES_SHOWN)
            if draw_record
            else [],
        )
        for stratum in strata
    ]
    return render(
        request, "reviews/reserves.html", page_context(request, inspection, draw=draw_record, rows=rows)
    )


@inspection_lead_required
def mark_unusable(request, inspection, file_id: int):
    case_file = case_file_of(inspection, file_id)
    form = UnusableForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            replacement = case_file_mark_unusable(
                inspection=inspection,
                case_file_id=case_file.pk,
                reason=form.cleaned_data["reason"],
                note=form.cleaned_data["note"],
                user=request.user,
            )
        except Refused as refusal:
            form.add_error(None, refusal.message)
        else:
            if replacement is None:
                messages.warning(
                    request,
                    f"{case_file.crime_reference} is marked unusable. Its stratum has no reserve left, "
                    "so the sample is one file short.",
                )
            else:
                messages.success(
                    request,
                    f"{case_file.crime_reference} is marked unusable and replaced by reserve "
                    f"{replacement.crime_reference}.",
                )
            return redirect("reviews:sample", pk=inspection.pk)
    return render(
        request,
        "reviews/mark_unusable.html",
        page_context(request, inspection, case_file=case_file, form=form),
    )


@require_POST
@inspection_lead_required
def allocate(request, inspection):
    try:
        result = case_files_allocate(inspection=inspection)
    except Refused as refusal:
        report_refusal(request, refusal)
    else:
        if result.allocated:
            messages.success(request, f"Allocated {result.allocated} files across the team.")
        else:
            messages.info(request, "Every file already has its reviewers.")
        if result.second_reviews_unallocated:
            messages.warning(
                request,
                f"{result.second_reviews_unallocated} second reviews need a second inspector on the team.",
            )
    return redirect("reviews:sample", pk=inspection.pk)


@inspection_lead_required
def reassign(request, inspection, file_id: int, kind: str):
    case_file = case_file_of(inspection, file_id, with_reviewers=True)
    form = ReassignForm(
        request.POST or None,
        candidates=reassignment_candidates(inspection),
        initial={"reviewer": case_file.reviewer if kind == ReviewKind.FIRST else case_file.second_reviewer},
    )
    if request.method == "POST" and form.is_valid():
        try:
            case_file_reassign(
                inspection=inspection,
                case_file_id=case_file.pk,
                kind=kind,
                reviewer=form.cleaned_data["reviewer"],
            )
        except Refused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, f"{case_file.crime_reference} reassigned.")
            return redirect("reviews:sample", pk=inspection.pk)
    context = page_context(request, inspection, case_file=case_file, form=form, kind=ReviewKind(kind))
    return render(request, "reviews/reassign.html", context)
