"""Signing a person in from their provider's claims: find them by (issuer, subject), create or update
their user, and make their peel roles exactly what their groups grant."""

import logging

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from identity.models import ProviderIdentity
from identity.selectors import pending_device

logger = logging.getLogger(__name__)
User = get_user_model()
USERNAME_LENGTH = User._meta.get_field("username").max_length


def identity_sign_in(
    *, issuer: str, subject: str, claims: dict, group_roles: dict[str, str], groups_claim: str
):
    """The user the provider's subject is, created at their first sign-in, with name, e-mail address and
    roles brought up to date from the claims."""
    with transaction.atomic():
        identity = (
            ProviderIdentity.objects.select_for_update()
            .select_related("user")
            .filter(issuer=issuer, subject=subject)
            .first()
        )
        if identity is None:
            user = User(username=_free_username(claims, subject))
            user.set_unusable_password()
            _copy_profile(user, claims)
            user.save()
            identity = ProviderIdentity(user=user, issuer=issuer, subject=subject)
        else:
            user = identity.user
            _copy_profile(user, claims)
            user.save(update_fields=["first_name", "last_name", "email"])
        identity.last_sign_in_at = timezone.now()
        identity.save()
        _grant_roles(user, claims.get(groups_claim) or [], group_roles)
    return user


def _copy_profile(user, claims: dict) -> None:
    user.first_name = (claims.get("given_name") or "")[:150]
    user.last_name = (claims.get("family_name") or "")[:150]
    if not (user.first_name or user.last_name) and claims.get("name"):
        user.first_name, _, user.last_name = claims["name"][:150].partition(" ")
    user.email = (claims.get("email") or "")[:254]


def _free_username(claims: dict, subject: str) -> str:
    """The person's preferred username (or e-mail address) where free, else one with a number after it;
    only a label: the identity is the subject id."""
    base = (claims.get("preferred_username") or claims.get("email") or subject)[: USERNAME_LENGTH - 4]
    candidate, number = base, 1
    while User.objects.filter(username=candidate).exists():
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def _grant_roles(user, groups: list[str], group_roles: dict[str, str]) -> None:
    """The roles named in the mapping are the provider's to give: those the groups grant are added,
    the others taken away. Roles the mapping does not name are left as an admin set them."""
    if isinstance(groups, str):
        groups = [groups]
    granted = {group_roles[group] for group in groups if group in group_roles}
    managed = Group.objects.filter(name__in=set(group_roles.values()))
    unknown = granted - {group.name for group in managed}
    if unknown:
        logger.warning("PEEL_OIDC_GROUP_ROLES names roles peel does not have: %s", ", ".join(sorted(unknown)))
    user.groups.remove(*[group for group in managed if group.name not in granted])
    user.groups.add(*[group for group in managed if group.name in granted])


def totp_enrolment_start(*, user) -> TOTPDevice:
    """The authenticator the user is enrolling: the one already shown to them, or a new secret."""
    return pending_device(user) or TOTPDevice.objects.create(
        user=user, name="Authenticator app", confirmed=False
    )


def totp_enrolment_confirm(*, device: TOTPDevice, token: str) -> bool:
    """Confirms the device when the code is one it would show now; a wrong code changes nothing."""
    with transaction.atomic():
        locked = TOTPDevice.objects.select_for_update().get(pk=device.pk)
        if locked.confirmed or not locked.verify_token(token):
            return False
        locked.confirmed = True
        locked.save(update_fields=["confirmed"])
    device.refresh_from_db()
    return True
