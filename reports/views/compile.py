"""The compile page: the lead starts a compile, everyone on the inspection watches it and reads what it
proposed. Progress is polled with htmx; without JavaScript the page refreshes itself while a run is active."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from peel.services.background_runs import run_progress
from peel.views.access import inspection_lead_required, inspection_member_required
from reports.models import CompileRun, CompileStatus
from reports.selectors import (
    audit_estimate_for,
    compile_run_for,
    compile_runs_for,
    compiled_afis_for,
    proposed_judgments_for,
    question_evidence_for,
    results_table,
)
from reports.services.runs import CompileRefused, compile_request

RUNS_SHOWN = 10


@require_GET
@inspection_member_required
def compile_page(request, inspection):
    runs = list(compile_runs_for(inspection=inspection)[:RUNS_SHOWN])
    latest = runs[0] if runs else None
    last_success = next((run for run in runs if run.status == CompileStatus.SUCCEEDED), None)
    context = {
        "inspection": inspection,
        "runs": runs,
        "latest": latest,
        "last_success": last_success,
        "can_compile": inspection.is_lead(request.user) and not inspection.is_published,
        "progress": run_progress(latest) if latest else None,
    }
    if last_success is not None:
        context.update(
            table=results_table(inspection=inspection),
            evidence=list(question_evidence_for(inspection=inspection)),
            proposals=list(proposed_judgments_for(inspection=inspection)),
            afis=list(compiled_afis_for(inspection=inspection)),
            audit=audit_estimate_for(inspection=inspection),
        )
    return render(request, "reports/compile.html", context)


@require_POST
@inspection_lead_required
def compile_start(request, inspection):
    try:
        run = compile_request(inspection=inspection, user=request.user)
    except CompileRefused as refused:
        messages.error(request, str(refused))
        return redirect("reports:compile", pk=inspection.pk)
    run.refresh_from_db()  # on the embedded default the task has already run
    if run.status == CompileStatus.SUCCEEDED:
        messages.success(
            request,
            f"Compiled in {run.duration_ms} ms: {run.results_count} results, {run.draft_afis_count} draft "
            "areas for improvement.",
        )
    elif run.status == CompileStatus.FAILED:
        messages.error(request, f"The compile failed: {run.error}")
    else:
        messages.info(
            request, f"Compile {run.pk} is {run.get_status_display().lower()}; its progress is shown below."
        )
    return redirect("reports:compile", pk=inspection.pk)


@require_GET
@inspection_member_required
def compile_progress(request, inspection, run_id: int):
    """The progress bar of one run; once the run has ended or been abandoned, htmx reloads the page to show
    the result (or the Compile button again)."""
    try:
        run = compile_run_for(inspection=inspection, run_id=run_id)
    except CompileRun.DoesNotExist:
        raise Http404("No such compile of this inspection.") from None
    stage, percent = run_progress(run)
    response = render(
        request,
        "reports/_compile_progress.html",
        {"inspection": inspection, "run": run, "stage": stage, "percent": percent},
    )
    if request.htmx and not run.is_live:
        response["HX-Refresh"] = "true"
    return response
