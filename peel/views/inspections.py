"""Creating an inspection (admins), its overview, its settings and its stage (its lead)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from peel.forms.inspections import InspectionCreateForm, InspectionSettingsForm, InspectionStatusForm
from peel.models import Inspection, InspectionStatus, NotablePractice
from peel.roles import is_admin
from peel.selectors.findings import judgments_for
from peel.selectors.inspections import inspection_progress, inspection_role_label, with_team
from peel.services.inspections import (
    inspection_create,
    inspection_status_moves,
    inspection_status_set,
    inspection_update,
)
from peel.tasklist import task_list_for
from peel.views.access import inspection_lead_required, inspection_member_required


def inspection_new(request):
    if not is_admin(request.user):
        raise PermissionDenied("Only an administrator can create an inspection.")
    form = InspectionCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            inspection = inspection_create(created_by=request.user, **form.cleaned_data)
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, f"Created the inspection {inspection}.")
            return redirect(inspection)
    return render(request, "peel/inspection_new.html", {"form": form})


@inspection_member_required
def inspection_overview(request, inspection):
    with_team(inspection)
    if inspection.previous_id is not None:
        inspection.previous = Inspection.objects.select_related("programme").get(pk=inspection.previous_id)
    is_lead = inspection.is_lead(request.user)
    moves = inspection_status_moves(inspection)
    context = {
        "inspection": inspection,
        "role": inspection_role_label(inspection=inspection, user=request.user),
        "is_lead": is_lead,
        "can_contribute": inspection.can_contribute(request.user),
        "progress": inspection_progress(inspection),
        "judgments": judgments_for(inspection=inspection),
        "stages": list(InspectionStatus),
        "task_list": task_list_for(inspection=inspection, user=request.user),
        "moves": moves if is_lead else [],
        "publish_next": inspection.status == InspectionStatus.JUDGMENTS,
        "records_practice": bool(set(NotablePractice.KINDS) & inspection.programme.finding_kinds),
    }
    return render(request, "peel/inspection_overview.html", context)


@require_POST
@inspection_lead_required
def inspection_status(request, inspection):
    form = InspectionStatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose a stage to move the inspection to.")
        return redirect(inspection)
    try:
        updated = inspection_status_set(
            inspection=inspection, user=request.user, status=form.cleaned_data["status"]
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request, f"The inspection is now at the {updated.get_status_display().lower()} stage."
        )
    return redirect(inspection)


@inspection_lead_required
def inspection_settings(request, inspection):
    initial = {
        "hmi": inspection.hmi,
        "team": list(inspection.team.all()),
        "fieldwork_start": inspection.fieldwork_start,
        "fieldwork_end": inspection.fieldwork_end,
        "version": inspection.edit_version,
    }
    form = InspectionSettingsForm(request.POST or None, initial=initial, inspection=inspection)
    saved_now = None
    if request.method == "POST" and form.is_valid():
        try:
            inspection_update(
                inspection=inspection,
                user=request.user,
                hmi=form.cleaned_data["hmi"],
                team=form.cleaned_data["team"],
                fieldwork_start=form.cleaned_data["fieldwork_start"],
                fieldwork_end=form.cleaned_data["fieldwork_end"],
                version=form.cleaned_data["version"] or None,
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
            if getattr(error, "code", None) == "conflict":
                current = Inspection.objects.get(pk=inspection.pk)
                saved_now = {"rows": _settings_rows(current)}
                form.stale_version_replace(current)
        else:
            messages.success(request, "The HM Inspector, team and fieldwork dates were saved.")
            return redirect(inspection)
    context = {"inspection": inspection, "form": form, "saved_now": saved_now}
    return render(request, "peel/inspection_settings.html", context)


def _settings_rows(inspection: Inspection) -> list[tuple[str, str]]:
    team = ", ".join(user.get_full_name() or user.username for user in inspection.team.all())
    start, end = inspection.fieldwork_start, inspection.fieldwork_end
    hmi = inspection.hmi.get_full_name() or inspection.hmi.username if inspection.hmi else ""
    return [
        ("HM Inspector", hmi),
        ("Team", team),
        ("Fieldwork: first day", f"{start:%d/%m/%Y}" if start else ""),
        ("Fieldwork: last day", f"{end:%d/%m/%Y}" if end else ""),
    ]
