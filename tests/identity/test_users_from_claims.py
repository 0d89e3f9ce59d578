"""A person signing in through the provider becomes, or stays, one peel user: found by (issuer,
subject), never by e-mail address, with the roles their groups grant now."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from identity.models import ProviderIdentity
from identity.services import identity_sign_in
from peel.roles import Role
from tests.factories.users import UserFactory

pytestmark = pytest.mark.django_db

ISSUER = "https://login.example.org/tenant/v2.0"
MAPPING = {"g-leads": Role.LEAD, "g-inspectors": Role.INSPECTOR}


def sign_in(subject="sub-1", issuer=ISSUER, mapping=MAPPING, **claims):
    claims = {"email": "ada@example.org", "given_name": "Ada", "family_name": "Byron", **claims}
    return identity_sign_in(
        issuer=issuer, subject=subject, claims=claims, group_roles=mapping, groups_claim="groups"
    )


def role_names(user) -> set[str]:
    return set(user.groups.values_list("name", flat=True))


def test_a_first_sign_in_creates_the_user_with_name_address_and_mapped_role_but_no_password():
    user = sign_in(groups=["g-leads", "g-unrelated"], preferred_username="ada")

    assert (user.username, user.first_name, user.last_name, user.email) == (
        "ada",
        "Ada",
        "Byron",
        "ada@example.org",
    )
    assert role_names(user) == {Role.LEAD}
    assert not user.has_usable_password()
    assert ProviderIdentity.objects.get(user=user).subject == "sub-1"


def test_a_later_sign_in_updates_the_same_user_from_the_new_claims():
    first = sign_in(groups=[])
    again = sign_in(email="ada.lovelace@example.org", family_name="Lovelace", groups=[])

    assert again.pk == first.pk
    assert (again.last_name, again.email) == ("Lovelace", "ada.lovelace@example.org")


def test_a_local_user_with_the_same_address_is_not_taken_over():
    local = UserFactory(username="ada", email="ada@example.org")

    user = sign_in(preferred_username="ada")

    assert user.pk != local.pk
    assert user.username == "ada-2"


def test_the_same_subject_at_another_issuer_is_another_person():
    assert sign_in(issuer="https://other.example.org").pk != sign_in().pk


def test_a_role_the_groups_no_longer_grant_is_taken_away_and_roles_outside_the_mapping_are_kept():
    user = sign_in(groups=["g-leads", "g-inspectors"])
    user.groups.add(Group.objects.get(name=Role.ADMIN))

    sign_in(groups=["g-inspectors"])

    assert role_names(user) == {Role.INSPECTOR, Role.ADMIN}


def test_any_role_peel_has_can_be_mapped_and_a_role_it_lacks_is_skipped():
    Group.objects.get_or_create(name="HM Inspector")

    user = sign_in(groups=["g-hmi", "g-typo"], mapping={"g-hmi": "HM Inspector", "g-typo": "Leed"})

    assert role_names(user) == {"HM Inspector"}
    assert not Group.objects.filter(name="Leed").exists()


def test_a_deactivated_user_stays_one_user_and_is_not_reactivated():
    user = sign_in()
    get_user_model().objects.filter(pk=user.pk).update(is_active=False)

    assert not sign_in().is_active
