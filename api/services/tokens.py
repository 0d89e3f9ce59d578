"""Creating and revoking personal access tokens."""

import datetime
import hashlib
import secrets
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from api.models import PersonalAccessToken

TOKEN_PREFIX = "peel_"  # noqa: S105  (what every token starts with, not a secret)
MAX_LIFETIME_DAYS = 366


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class CreatedToken:
    """The stored row and the token itself, which exists only here: show it once, then let it go."""

    row: PersonalAccessToken
    token: str


def token_create(*, user, name: str, lifetime_days: int) -> CreatedToken:
    name = name.strip()
    if not name:
        raise ValidationError({"name": "Name the token, so you can tell it from your others."})
    if not 1 <= lifetime_days <= MAX_LIFETIME_DAYS:
        raise ValidationError({"lifetime_days": f"Choose between 1 and {MAX_LIFETIME_DAYS} days."})
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    now = timezone.now()
    row = PersonalAccessToken.objects.create(
        user=user,
        name=name,
        prefix=token[: len(TOKEN_PREFIX) + 6],
        digest=token_digest(token),
        created_at=now,
        expires_at=now + datetime.timedelta(days=lifetime_days),
    )
    return CreatedToken(row=row, token=token)


def token_revoke(*, token_id: int, user) -> PersonalAccessToken:
    """Its owner revokes a token (an Admin revokes any in the admin site). Revoking twice is harmless."""
    with transaction.atomic():
        row = PersonalAccessToken.objects.select_for_update().get(pk=token_id)
        if row.user_id != user.pk:
            raise PermissionDenied("Only the token's owner can revoke it.")
        if row.revoked_at is None:
            row.revoked_at = timezone.now()
            row.save(update_fields=["revoked_at"])
    return row


def tokens_revoke_all(*, queryset) -> int:
    """The admin's bulk action: revoke every token of the queryset not yet revoked."""
    return queryset.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())
