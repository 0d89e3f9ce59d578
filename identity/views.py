"""Signing in through the provider, signing out of both, and the break-glass second factor."""

from base64 import b32encode
from urllib.parse import urlencode

import qrcode
import qrcode.image.svg
import requests
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.shortcuts import redirect, render, resolve_url
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django_otp import login as otp_login
from django_otp import match_token
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from identity import config
from identity.discovery import endpoint
from identity.forms import TokenForm
from identity.selectors import has_confirmed_device, pending_device
from identity.services import totp_enrolment_confirm, totp_enrolment_start


class SSOOnlyMixin:
    def dispatch(self, request, *args, **kwargs):
        if not config.sso_enabled():
            raise Http404("Single sign-on is not configured")
        return super().dispatch(request, *args, **kwargs)


@method_decorator(login_not_required, name="dispatch")
class SignInView(SSOOnlyMixin, OIDCAuthenticationRequestView):
    """Sends the browser to the provider (authorization code flow with PKCE, state and nonce)."""

    def __init__(self, *args, **kwargs):
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID

    def get(self, request):
        try:
            return super().get(request)
        except requests.RequestException:
            return redirect(settings.LOGIN_REDIRECT_URL_FAILURE)  # the provider is unreachable

    @property
    def OIDC_OP_AUTH_ENDPOINT(self):  # noqa: N802 - the library's attribute name
        return endpoint("authorization_endpoint")


@method_decorator(login_not_required, name="dispatch")
class CallbackView(SSOOnlyMixin, OIDCAuthenticationCallbackView):
    """Where the provider sends the browser back: the state must be one this session was given."""


class SignOutView(auth_views.LogoutView):
    """Ends the peel session, then the provider's where it advertises an end-session endpoint."""

    def post(self, request, *args, **kwargs):
        id_token = request.session.get("oidc_id_token")
        response = super().post(request, *args, **kwargs)
        end_session = _end_session_endpoint() if id_token else None
        if not end_session:
            return response
        query = urlencode(
            {
                "id_token_hint": id_token,
                "client_id": settings.OIDC_RP_CLIENT_ID,
                "post_logout_redirect_uri": request.build_absolute_uri(
                    resolve_url(settings.LOGOUT_REDIRECT_URL)
                ),
            }
        )
        return redirect(f"{end_session}?{query}")


def _end_session_endpoint() -> str | None:
    if not config.sso_enabled():
        return None
    try:
        return endpoint("end_session_endpoint")
    except requests.RequestException:
        return None  # the provider is unreachable: the peel session is ended all the same


def otp_enrol(request):
    """Shows a new authenticator secret as a QR code and confirms it with a first code. The secret is
    made by a POST (a GET only reads), then shown until a code from the app confirms it."""
    if has_confirmed_device(request.user):
        return redirect(_next_url(request, "identity:otp_verify"))
    if request.method == "POST" and "start" in request.POST:
        totp_enrolment_start(user=request.user)
        return redirect(request.get_full_path())
    device = pending_device(request.user)
    form = TokenForm(request.POST or None)
    if device is not None and form.is_valid():
        if totp_enrolment_confirm(device=device, token=form.cleaned_data["token"]):
            otp_login(request, device)
            return redirect(_next_url(request, settings.LOGIN_REDIRECT_URL))
        form.add_error("token", "Code from your authenticator app: that code is not the one it shows now.")
    context = {"form": form, "next": request.GET.get("next", ""), "device": device}
    if device is not None:
        image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
        context["qr_svg"] = mark_safe(image.to_string(encoding="unicode"))  # noqa: S308 - made by qrcode
        context["secret"] = _grouped(device.bin_key)
    return render(request, "identity/otp_enrol.html", context)


def otp_verify(request):
    """The second factor after the password: a code from the enrolled authenticator."""
    if not has_confirmed_device(request.user):
        return redirect(_next_url(request, "identity:otp_enrol", keep_next=True))
    form = TokenForm(request.POST or None)
    if form.is_valid():
        device = match_token(request.user, form.cleaned_data["token"])
        if device is not None:
            otp_login(request, device)
            return redirect(_next_url(request, settings.LOGIN_REDIRECT_URL))
        form.add_error("token", "Code from your authenticator app: that code is not the one it shows now.")
    return render(request, "identity/otp_verify.html", {"form": form, "next": request.GET.get("next", "")})


def _next_url(request, fallback: str, *, keep_next: bool = False) -> str:
    next_url = request.GET.get("next", "")
    safe = url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()})
    if keep_next and safe and next_url:
        return f"{resolve_url(fallback)}?{urlencode({'next': next_url})}"
    return next_url if safe and next_url else resolve_url(fallback)


def _grouped(key: bytes) -> str:
    """The secret in base32, in groups of four, for typing into an app that cannot scan."""
    text = b32encode(key).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))
