"""A form sent when it can no longer be accepted as it is — the session expired while it was being
filled in, or the user logged in again in another tab (which changes the CSRF token) — is kept, not
lost: its fields (never the CSRF token, passwords or files) are shown again in a form with a fresh
token, to be sent once the user is logged in (``peel.views.resubmit``)."""

from django.contrib.auth.middleware import LoginRequiredMiddleware
from django.shortcuts import redirect
from django.urls import reverse

SESSION_KEY = "peel_kept_submission"
NEVER_KEPT = ("csrfmiddlewaretoken", "password", "password1", "password2", "old_password", "new_password1")
MAX_KEPT_CHARACTERS = 200_000


def kept_fields(request) -> list[tuple[str, str]]:
    """The posted fields worth keeping, in order, as (name, value) pairs."""
    pairs = [
        (name, value)
        for name, values in request.POST.lists()
        if name not in NEVER_KEPT and "password" not in name
        for value in values
    ]
    return pairs if sum(len(name) + len(value) for name, value in pairs) <= MAX_KEPT_CHARACTERS else []


def submission_keep(request) -> bool:
    """Keep the request's fields in the session (kept through logging in); False if there are none."""
    fields = kept_fields(request)
    if not fields:
        return False
    request.session[SESSION_KEY] = {"path": request.path, "fields": fields, "files": bool(request.FILES)}
    return True


def kept_submission(request) -> dict | None:
    return request.session.get(SESSION_KEY)


def kept_submission_forget(request) -> None:
    request.session.pop(SESSION_KEY, None)


class KeepingLoginRequiredMiddleware(LoginRequiredMiddleware):
    """Django's login requirement, except that a form posted by someone whose session has expired is
    kept: after logging in they are offered to send it again."""

    def handle_no_permission(self, request, view_func):
        if request.method == "POST" and submission_keep(request):
            return redirect(f"{reverse(self.get_login_url(view_func))}?next={reverse('resubmit')}")
        return super().handle_no_permission(request, view_func)
