"""The provider's metadata, read from its discovery document (``<issuer>/.well-known/openid-configuration``)
and kept in the cache, so that only the issuer URL has to be configured."""

import requests
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured

from identity.config import issuer

CACHE_SECONDS = 3600


def provider_metadata() -> dict:
    url = f"{issuer()}/.well-known/openid-configuration"
    key = f"identity:discovery:{url}"
    metadata = cache.get(key)
    if metadata is None:
        response = requests.get(url, timeout=settings.OIDC_TIMEOUT)
        response.raise_for_status()
        metadata = response.json()
        if metadata.get("issuer", "").rstrip("/") != issuer():
            raise ImproperlyConfigured(
                f"PEEL_OIDC_ISSUER is {issuer()!r}, its discovery document names {metadata.get('issuer')!r}"
            )
        cache.set(key, metadata, CACHE_SECONDS)
    return metadata


def endpoint(name: str) -> str | None:
    """An endpoint of the provider: ``authorization_endpoint``, ``token_endpoint``, ``jwks_uri``..."""
    return provider_metadata().get(name)
