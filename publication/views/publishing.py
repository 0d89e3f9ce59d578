"""The steps to publication: the lead submits for sign-off, the HM Inspector decides, the lead publishes
(after a confirmation with the publication date) and, once published, may reopen for a correction."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from peel.views.access import inspection_lead_required, inspection_member_required
from publication.forms import CorrectionForm, DecisionForm, PublishForm, SubmitForSignOffForm
from publication.selectors import prepublication_checklist, publication_state
from publication.services.publishing import (
    correction_open,
    publication_publish,
    sign_off_approve,
    sign_off_return,
    sign_off_submit,
)


def _errors_to_messages(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


@require_POST
@inspection_lead_required
def submit_for_sign_off(request, inspection):
    form = SubmitForSignOffForm(request.POST)
    if not form.is_valid():
        messages.error(request, "The form was incomplete; nothing was submitted. Try again from the report.")
        return redirect("publication:report", pk=inspection.pk)
    try:
        sign_off_submit(inspection=inspection, user=request.user, digest=form.cleaned_data["digest"])
    except ValidationError as error:
        _errors_to_messages(request, error)
    else:
        who = inspection.hmi.get_full_name() or inspection.hmi.username
        messages.success(request, f"Submitted to {who} (HM Inspector) for sign-off.")
    return redirect("publication:report", pk=inspection.pk)


@inspection_member_required
def sign_off_decide(request, inspection):
    """The HM Inspector's page: what they are signing off, then sign off or return with comments."""
    if not inspection.is_hmi(request.user):
        raise PermissionDenied("Only the inspection's HM Inspector signs its report off.")
    state = publication_state(inspection=inspection)
    if not state.is_waiting:
        messages.info(request, "Nothing is waiting for your sign-off on this inspection.")
        return redirect("publication:report", pk=inspection.pk)
    initial = {"sign_off_id": state.sign_off.pk, "digest": state.digest}
    form = DecisionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["decision"] == DecisionForm.SIGN_OFF:
                sign_off_approve(
                    inspection=inspection,
                    user=request.user,
                    sign_off_id=data["sign_off_id"],
                    digest=data["digest"],
                )
                messages.success(request, "You signed the report off; the lead can now publish it.")
            else:
                sign_off_return(
                    inspection=inspection,
                    user=request.user,
                    sign_off_id=data["sign_off_id"],
                    digest=data["digest"],
                    comments=data["comments"],
                )
                messages.success(request, "You returned the report to the lead with your comments.")
        except ValidationError as error:
            # The comments stay in the form; the page now shows the current report's digest.
            for message in error.messages:
                form.add_error(None, message)
            state = publication_state(inspection=inspection)
            form.data = form.data.copy()
            form.data["digest"] = state.digest
        else:
            return redirect("publication:report", pk=inspection.pk)
    context = {
        "inspection": inspection,
        "state": state,
        "form": form,
        "checklist": prepublication_checklist(inspection=inspection),
    }
    return render(request, "publication/sign_off.html", context)


@inspection_lead_required
def publish(request, inspection):
    """The confirmation page: the publication date, then publish."""
    state = publication_state(inspection=inspection)
    if inspection.is_published or not state.sign_off_valid:
        messages.error(
            request,
            "This inspection is already published."
            if inspection.is_published
            else "The report needs the HM Inspector's sign-off of its current content before publication.",
        )
        return redirect("publication:report", pk=inspection.pk)
    initial = {"sign_off_id": state.sign_off.pk, "digest": state.digest, "published_on": timezone.localdate()}
    form = PublishForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            publication = publication_publish(inspection=inspection, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(
                request,
                f"Published version {publication.version}, dated {publication.published_on:%B %Y}. Its PDF "
                "is rendered once and kept; the inspection is now read-only.",
            )
            return redirect("publication:report", pk=inspection.pk)
    context = {"inspection": inspection, "state": state, "form": form}
    return render(request, "publication/publish.html", context)


@inspection_lead_required
def correction(request, inspection):
    """Reopen a published inspection for a correction, with the notice the republished report prints."""
    if not inspection.is_published:
        messages.error(request, "The inspection is not published, so there is nothing to correct.")
        return redirect("publication:report", pk=inspection.pk)
    form = CorrectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            correction_open(inspection=inspection, user=request.user, notice=form.cleaned_data["notice"])
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(
                request,
                "Reopened for correction: reopen what needs correcting, approve it, and submit the report "
                "for sign-off again. The published version stays available.",
            )
            return redirect("publication:report", pk=inspection.pk)
    state = publication_state(inspection=inspection)
    return render(
        request, "publication/correction.html", {"inspection": inspection, "state": state, "form": form}
    )
