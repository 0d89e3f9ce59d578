"""The list of innovative and promising practice and writing a new piece, for programmes that record them;
each piece's page, approval and history are the shared approvable pages (``KINDS["practice"]``)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render

from peel.forms.approval import NotablePracticeForm
from peel.models import NotablePractice
from peel.selectors.findings import practices_for
from peel.selectors.inspections import with_team
from peel.services.practice import notable_practice_create
from peel.views.access import inspection_member_required, inspection_team_required
from peel.views.approvables import approvable_url


def _recorded_ensure(inspection) -> None:
    if not set(NotablePractice.KINDS) & inspection.programme.finding_kinds:
        raise Http404("This programme records no innovative or promising practice.")


@inspection_member_required
def practice_list(request, inspection):
    _recorded_ensure(inspection)
    with_team(inspection)
    return render(
        request,
        "peel/practice_list.html",
        {
            "inspection": inspection,
            "items": practices_for(inspection=inspection),
            "can_contribute": inspection.can_contribute(request.user),
        },
    )


@inspection_team_required
def practice_new(request, inspection):
    _recorded_ensure(inspection)
    form = NotablePracticeForm(request.POST or None, inspection=inspection, submit_label="Add practice")
    if request.method == "POST" and form.is_valid():
        fields = ("question", "kind", "text", "submission_key")
        try:
            practice = notable_practice_create(
                inspection=inspection, user=request.user, **{key: form.cleaned_data[key] for key in fields}
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"The {practice.get_kind_display().lower()} was added as a draft.")
            return redirect(approvable_url(practice))
    return render(
        request,
        "peel/approvable_new.html",
        {"inspection": inspection, "form": form, "noun": "innovative or promising practice"},
    )
