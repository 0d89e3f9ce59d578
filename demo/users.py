"""The demo users, one per role, all with the same demo password (shown in the README)."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from peel.roles import Role

DEMO_PASSWORD = "peel-demo-2016"  # noqa: S105 — the documented demo password (README)


@dataclass(frozen=True)
class DemoUser:
    username: str
    first_name: str
    last_name: str
    roles: tuple[str, ...]


DEMO_USERS = (
    DemoUser("admin", "Alex", "Admin", (Role.ADMIN,)),
    DemoUser("lead", "Lee", "Lead", (Role.LEAD, Role.INSPECTOR)),
    DemoUser("inspector", "Ines", "Inspector", (Role.INSPECTOR,)),
    DemoUser("inspector2", "Ivan", "Inspector", (Role.INSPECTOR,)),
    DemoUser("outsider", "Olga", "Outsider", (Role.INSPECTOR,)),
    DemoUser("hmi", "Harriet", "Inspector", (Role.HMI,)),
    # Force liaisons (demo.factual_accuracy sets their forces): Cleveland Police's and Northumbria Police's.
    DemoUser("liaison", "Laura", "Liaison", (Role.LIAISON,)),
    DemoUser("liaison2", "Liam", "Liaison", (Role.LIAISON,)),
)


def demo_users_ensure() -> dict:
    """Create the demo users if missing and reset their password and roles; returns them by username."""
    User = get_user_model()
    groups = {group.name: group for group in Group.objects.filter(name__in=[r.value for r in Role])}
    users = {}
    for spec in DEMO_USERS:
        user, _ = User.objects.get_or_create(username=spec.username)
        user.first_name, user.last_name = spec.first_name, spec.last_name
        user.email = f"{spec.username}@peel.invalid"
        user.is_staff = Role.ADMIN in spec.roles
        user.set_password(DEMO_PASSWORD)
        user.save()
        user.groups.set([groups[role] for role in spec.roles])
        users[spec.username] = user
    return users
