"""A force liaison's whole view of peel: their home page (their force's checks), the pages of those
checks, and their account's sign-out and password. Every other URL answers as to a stranger: 404 under
``/inspections/`` (an inspection is not disclosed), 403 elsewhere (the national view, forces, the API,
tokens). The admin site refuses them itself (only Admins reach it). The check's own views also check
the liaison's force (``factual_accuracy.selectors.check_for_user``); this keeps every other page out of
reach without each of them knowing the role exists."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.urls import Resolver404, resolve

from peel.roles import is_admin, is_liaison

ALLOWED = {
    "health",
    "favicon",
    "login",
    "logout",
    "password_change",
    "password_change_done",
    "resubmit",
    "identity:otp_enrol",
    "identity:otp_verify",
    "identity:sign_in",
    "identity:callback",
    # A calendar feed answers to its secret link alone, whoever is logged in (timeline.views).
    "timeline:feed",
    # The check's own pages, which load the check through ``check_for_user``.
    "factual_accuracy:liaison_home",
    "factual_accuracy:check_draft",
    "factual_accuracy:check_comment",
    "factual_accuracy:check_withdraw",
    "factual_accuracy:check_log",
    "factual_accuracy:check_log_csv",
    "factual_accuracy:check_log_xlsx",
}


class LiaisonScopeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and is_liaison(user) and not is_admin(user):
            refusal = self._refusal(request)
            if refusal is not None:
                return refusal
        return self.get_response(request)

    def _refusal(self, request):
        path = request.path_info
        if path.startswith("/admin/"):
            return None
        try:
            name = resolve(path).view_name
        except Resolver404:
            return None  # the 404 it is
        if name == "home":
            return redirect("factual_accuracy:liaison_home")
        if name in ALLOWED:
            return None
        if path.startswith("/inspections/"):
            raise Http404("No inspection found.")
        raise PermissionDenied("A force liaison sees their force's factual accuracy check only.")
