"""The two ways in: a provider's ID token (OpenID Connect, mozilla-django-oidc) and a local password
(only for break-glass accounts while single sign-on is on)."""

import logging

import jwt
import requests
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import SuspiciousOperation
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from identity import config
from identity.discovery import endpoint
from identity.services import identity_sign_in

logger = logging.getLogger(__name__)


class LocalPasswordBackend(ModelBackend):
    """Django's username and password, refused while SSO is on unless the account is a named
    break-glass account (``PEEL_BREAK_GLASS_USERS``), which then needs its second factor too."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if config.sso_enabled() and not config.is_break_glass(username or ""):
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


class ProviderBackend(OIDCAuthenticationBackend):
    """Signs a person in from the ID token of the configured provider.

    The library checks the signature (against the provider's published keys), the expiry and the
    nonce; this adds the issuer and the audience, which it leaves unchecked, and finds the user by
    (issuer, subject) instead of by e-mail address. Endpoints come from the provider's discovery
    document, read when first needed, so a process without SSO never contacts anyone.
    """

    OIDC_RP_SIGN_ALGO = "RS256"
    OIDC_RP_IDP_SIGN_KEY = None

    def __init__(self, *args, **kwargs):
        self.UserModel = get_user_model()

    @property
    def OIDC_RP_CLIENT_ID(self):  # noqa: N802 - the library's attribute names
        return settings.OIDC_RP_CLIENT_ID

    @property
    def OIDC_RP_CLIENT_SECRET(self):  # noqa: N802
        return settings.OIDC_RP_CLIENT_SECRET

    @property
    def OIDC_OP_TOKEN_ENDPOINT(self):  # noqa: N802
        return endpoint("token_endpoint")

    @property
    def OIDC_OP_USER_ENDPOINT(self):  # noqa: N802
        return endpoint("userinfo_endpoint")

    @property
    def OIDC_OP_JWKS_ENDPOINT(self):  # noqa: N802
        return endpoint("jwks_uri")

    def authenticate(self, request, **kwargs):
        if not config.sso_enabled() or request is None:
            return None
        try:
            return super().authenticate(request, **kwargs)
        except (SuspiciousOperation, requests.RequestException) as exc:
            logger.warning("Single sign-on refused: %s", exc)
            return None

    def verify_token(self, token, **kwargs):
        """The token's claims, once signature, expiry, nonce, issuer and audience all hold."""
        try:
            payload = super().verify_token(token, **kwargs)
        except jwt.InvalidTokenError as exc:
            raise SuspiciousOperation(f"ID token refused: {exc}") from exc
        if str(payload.get("iss", "")).rstrip("/") != config.issuer():
            raise SuspiciousOperation(f"ID token from another issuer: {payload.get('iss')!r}")
        audience = payload.get("aud")
        audiences = [audience] if isinstance(audience, str) else list(audience or [])
        if settings.OIDC_RP_CLIENT_ID not in audiences:
            raise SuspiciousOperation(f"ID token for another audience: {audience!r}")
        if len(audiences) > 1 and payload.get("azp") != settings.OIDC_RP_CLIENT_ID:
            raise SuspiciousOperation("ID token for several audiences, authorised for another party")
        if not payload.get("sub"):
            raise SuspiciousOperation("ID token without a subject")
        return payload

    def get_or_create_user(self, access_token, id_token, payload):
        claims = dict(payload)
        if self.OIDC_OP_USER_ENDPOINT:
            userinfo = self.get_userinfo(access_token, id_token, payload)
            if userinfo.get("sub") != payload["sub"]:
                raise SuspiciousOperation("UserInfo names another subject than the ID token")
            claims = {**userinfo, **payload}
        user = identity_sign_in(
            issuer=config.issuer(),
            subject=payload["sub"],
            claims=claims,
            group_roles=config.group_roles(),
            groups_claim=settings.PEEL_OIDC_GROUPS_CLAIM,
        )
        return user if self.user_can_authenticate(user) else None
