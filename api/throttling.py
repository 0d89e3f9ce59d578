"""Throttling per token: each personal access token has its own budget of requests (API_THROTTLE_RATE,
e.g. ``600/minute``); a browser session shares one budget per user."""

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle

from api.models import PersonalAccessToken


class PerTokenRateThrottle(SimpleRateThrottle):
    scope = "token"

    def get_rate(self) -> str:
        # Read on every request rather than once at import, so the rate follows the settings.
        return settings.API_THROTTLE_RATE

    def get_cache_key(self, request, view) -> str | None:
        if not request.user or not request.user.is_authenticated:
            return None  # refused as unauthenticated before throttling
        if isinstance(request.auth, PersonalAccessToken):
            ident = f"token-{request.auth.digest[:32]}"
        else:
            ident = f"user-{request.user.pk}"
        return self.cache_format % {"scope": self.scope, "ident": ident}
