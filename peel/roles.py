"""The five roles of peel, held as Django auth groups (created by migrations).

- Inspector: reviews allocated case files and records evidence on the inspections they are on.
- Lead: can lead an inspection; lead rights apply to the inspections whose ``lead`` they are.
- HM Inspector: reads the report of the inspections whose ``hmi`` they are, and signs it off (or
  returns it with comments) before the lead publishes it.
- Force liaison: a person at one police force (``factual_accuracy.ForceLiaison`` names which) who reads
  that force's draft report during its factual accuracy check and comments on it; they see nothing else.
- Admin: manages forces, users, frameworks and criteria in the admin site, and sees every inspection.
"""

from django.contrib.auth.backends import BaseBackend
from django.db import models


class Role(models.TextChoices):
    INSPECTOR = "Inspector", "Inspector"
    LEAD = "Lead", "Lead"
    HMI = "HM Inspector", "HM Inspector"
    ADMIN = "Admin", "Admin"
    LIAISON = "Force liaison", "Force liaison"


def roles_of(user) -> frozenset[str]:
    """The role names of a user, read once per request object and kept on it."""
    if not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_peel_roles", None)
    if cached is None:
        cached = frozenset(user.groups.values_list("name", flat=True))
        if user.is_superuser:
            cached |= {Role.ADMIN}
        user._peel_roles = cached
    return cached


def is_admin(user) -> bool:
    return user.is_active and Role.ADMIN in roles_of(user)


def is_lead(user) -> bool:
    return user.is_active and Role.LEAD in roles_of(user)


def is_hmi(user) -> bool:
    return user.is_active and Role.HMI in roles_of(user)


def is_liaison(user) -> bool:
    return user.is_active and Role.LIAISON in roles_of(user)


class AdminRoleBackend(BaseBackend):
    """Grants every model permission to members of the Admin group.

    Permissions are created after migrations run, so they cannot be attached to the group by a data
    migration; the role itself is the permission.
    """

    def has_perm(self, user_obj, perm, obj=None) -> bool:
        return is_admin(user_obj)

    def has_module_perms(self, user_obj, app_label) -> bool:
        return is_admin(user_obj)
