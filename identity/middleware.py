"""A break-glass account signed in with its password reaches nothing but its second factor until it
gives one (django-otp marks the session verified)."""

from urllib.parse import urlencode

from django.contrib.auth import BACKEND_SESSION_KEY
from django.shortcuts import redirect
from django.urls import reverse

from identity import config
from identity.selectors import has_confirmed_device

PASSWORD_BACKEND = "identity.backends.LocalPasswordBackend"  # noqa: S105 - a dotted path, not a secret
REACHABLE_BEFORE_SECOND_FACTOR = {"identity:otp_verify", "identity:otp_enrol", "logout"}


class SecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.resolver_match.view_name in REACHABLE_BEFORE_SECOND_FACTOR:
            return None
        if not _awaits_second_factor(request):
            return None
        step = "identity:otp_verify" if has_confirmed_device(request.user) else "identity:otp_enrol"
        return redirect(f"{reverse(step)}?{urlencode({'next': request.get_full_path()})}")


def _awaits_second_factor(request) -> bool:
    return (
        config.sso_enabled()
        and request.user.is_authenticated
        and request.session.get(BACKEND_SESSION_KEY) == PASSWORD_BACKEND
        and not request.user.is_verified()
    )


class ProviderFormActionMiddleware:
    """Lets the log-out form's redirect reach the provider's end-session endpoint: browsers hold a form
    submission's redirects to the page's ``form-action`` sources. Listed after django-csp's middleware,
    so that it sees the response first."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if config.sso_enabled():
            response._csp_update = {"form-action": [config.issuer_origin()]}
        return response
