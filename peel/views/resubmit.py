"""Sending again a form that could not be accepted (``peel.resubmission``): the CSRF failure page, and
the page that offers a kept form after logging in."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, render
from django.urls import reverse

from peel.resubmission import kept_fields, kept_submission, kept_submission_forget, submission_keep

# Fields the user did not type: shown to nobody, sent again all the same.
TECHNICAL = {"version", "submission_key", "save", "action", "then", "add_another", "confirm", "submit"}


def _page(request, *, path: str, fields, files: bool, status: int, reason: str, kept: bool = False):
    context = {
        "kept": kept,
        "path": path,
        "fields": fields,
        "visible": [(name, value) for name, value in fields if value.strip() and name not in TECHNICAL],
        "files": files,
        "reason": reason,
    }
    return render(request, "resubmit.html", context, status=status)


def csrf_failure(request, reason: str = ""):
    """CSRF_FAILURE_VIEW: instead of Django's bare page, the user's input with a fresh token to send it
    again (logged in), or kept until they have logged in again (logged out)."""
    if request.method != "POST":
        return render(request, "403.html", status=403)
    if not request.user.is_authenticated:
        if submission_keep(request):
            return redirect_to_login(reverse("resubmit"))
        return redirect_to_login(request.get_full_path())
    return _page(
        request,
        path=request.path,
        fields=kept_fields(request),
        files=bool(request.FILES),
        status=403,
        reason="This page was opened before you last logged in (perhaps in another tab), so it could not be "
        "accepted as it was.",
    )


def resubmit(request):
    """After logging in: the form the user was sending when their session ended, to send again or drop."""
    kept = kept_submission(request)
    if request.method == "POST" or kept is None:
        kept_submission_forget(request)
        if request.method == "POST":
            messages.info(request, "The kept form was discarded.")
        return redirect("home")
    return _page(
        request,
        path=kept["path"],
        fields=kept["fields"],
        files=kept["files"],
        status=200,
        kept=True,
        reason="Your session ended while you were filling in a form, so it was not saved.",
    )
