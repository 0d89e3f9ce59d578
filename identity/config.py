"""What the single sign-on settings say, read at call time (tests and deployments set them per process).

SSO is on when ``PEEL_OIDC_ISSUER`` and ``OIDC_RP_CLIENT_ID`` are set (peel/settings.py reads them from
the environment); with them unset, the embedded default keeps local passwords for everyone.
"""

from urllib.parse import urlsplit

from django.conf import settings


def sso_enabled() -> bool:
    return bool(settings.PEEL_OIDC_ISSUER and settings.OIDC_RP_CLIENT_ID)


def provider_name() -> str:
    return settings.PEEL_OIDC_PROVIDER_NAME


def issuer() -> str:
    return settings.PEEL_OIDC_ISSUER.rstrip("/")


def group_roles() -> dict[str, str]:
    """The provider's group ids mapped to peel role names (``PEEL_OIDC_GROUP_ROLES``)."""
    return dict(settings.PEEL_OIDC_GROUP_ROLES)


def is_break_glass(username: str) -> bool:
    return username in settings.PEEL_BREAK_GLASS_USERS


def issuer_origin() -> str:
    parts = urlsplit(issuer())
    return f"{parts.scheme}://{parts.netloc}"
