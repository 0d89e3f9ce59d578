"""How the API knows who is calling: a personal access token (``Authorization: Bearer peel_...``) or the
browser's session (which is how single sign-on users arrive)."""

import datetime

from django.utils import timezone
from rest_framework import authentication, exceptions

from api.models import PersonalAccessToken
from api.services.tokens import token_digest

# last_used_at is a hint for the owner, not an audit trail: written at most once a minute per token, so
# a busy script does not turn every read into a write.
LAST_USED_RESOLUTION = datetime.timedelta(minutes=1)


class PersonalAccessTokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed("Send the token as 'Authorization: Bearer <token>'.")
        try:
            token = header[1].decode("ascii")
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed("The token is not valid.") from None
        row = PersonalAccessToken.objects.select_related("user").filter(digest=token_digest(token)).first()
        now = timezone.now()
        if row is None or not row.user.is_active:
            raise exceptions.AuthenticationFailed("The token is not valid.")
        if row.revoked_at is not None:
            raise exceptions.AuthenticationFailed("The token was revoked.")
        if row.expires_at <= now:
            raise exceptions.AuthenticationFailed("The token has expired; create a new one.")
        if row.last_used_at is None or now - row.last_used_at > LAST_USED_RESOLUTION:
            PersonalAccessToken.objects.filter(pk=row.pk).update(last_used_at=now)
        return row.user, row

    def authenticate_header(self, request) -> str:
        return f'{self.keyword} realm="api"'
