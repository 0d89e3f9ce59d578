"""The timeline page of an inspection, its dates form, and each person's calendar link and feed."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from peel.roles import is_admin
from peel.views.access import inspection_member_required
from timeline.calendar import calendar_feed
from timeline.forms import TimelineForm
from timeline.selectors import calendar_owner, calendar_token_of, overdue_for, timeline_of
from timeline.services import calendar_token_renew, timeline_save
from timeline.services.dates import timeline_editor_ensure


def _may_edit(inspection, user) -> bool:
    return (inspection.is_lead(user) or is_admin(user)) and not inspection.is_published


@inspection_member_required
def timeline_page(request, inspection):
    context = {
        "inspection": inspection,
        "timeline": timeline_of(inspection=inspection),
        "may_edit": _may_edit(inspection, request.user),
    }
    return render(request, "timeline/timeline.html", context)


@inspection_member_required
def timeline_dates(request, inspection):
    timeline_editor_ensure(inspection=inspection, user=request.user)
    timeline = timeline_of(inspection=inspection)
    form = TimelineForm(request.POST or None, initial=TimelineForm.initial_of(timeline))
    saved_now = None
    if request.method == "POST" and form.is_valid():
        try:
            timeline_save(
                inspection=inspection,
                user=request.user,
                dates=form.dates,
                fieldwork_start=form.cleaned_data["fieldwork_start"],
                fieldwork_end=form.cleaned_data["fieldwork_end"],
                version=form.cleaned_data["version"] or None,
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
            if getattr(error, "code", None) == "conflict":
                saved_now, form = _conflict(inspection, form)
        else:
            messages.success(request, "The timeline's dates were saved.")
            return redirect("timeline:timeline", pk=inspection.pk)
    context = {"inspection": inspection, "form": form, "saved_now": saved_now, "timeline": timeline}
    return render(request, "timeline/dates.html", context)


def _conflict(inspection, form):
    """Show what is saved now; keep the editor's dates, carrying the current version so saving again is
    a deliberate replacement."""
    inspection.refresh_from_db()
    current = timeline_of(inspection=inspection)
    rows = [(row.label, _dates_text(row)) for row in current.rows]
    form.data = form.data.copy()
    form.data["version"] = current.version
    return {"rows": rows}, form


def _dates_text(row) -> str:
    if row.start:
        return f"{row.start:%d/%m/%Y} to {row.due:%d/%m/%Y}" if row.due else f"from {row.start:%d/%m/%Y}"
    return f"{row.due:%d/%m/%Y}" if row.due else ""


@require_GET
def calendar_page(request):
    token = calendar_token_of(user=request.user)
    feed_url = request.build_absolute_uri(token_path(token)) if token else None
    overdue = overdue_for(user=request.user)
    context = {"token": token, "feed_url": feed_url, "overdue": overdue}
    return render(request, "timeline/calendar.html", context)


def token_path(token) -> str:
    return reverse("timeline:feed", kwargs={"token": token.token})


@require_POST
def calendar_regenerate(request):
    had_one = calendar_token_of(user=request.user) is not None
    calendar_token_renew(user=request.user)
    messages.success(
        request,
        "Your calendar link was replaced: the old one no longer works. Give your calendar the new one."
        if had_one
        else "Your calendar link is ready: add it to your calendar as a subscription.",
    )
    return redirect("timeline:calendar")


@login_not_required
@require_GET
def calendar_ics(request, token: str):
    """The token is the only credential: a calendar program sends no session."""
    user = calendar_owner(token=token)
    if user is None:
        raise Http404("No calendar found.")
    response = HttpResponse(calendar_feed(user=user), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="peel-deadlines.ics"'
    return response
