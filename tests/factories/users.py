import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from peel.roles import Role

PASSWORD = "correct-horse-battery-staple"
FAST_PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.set([Group.objects.get(name=role) for role in extracted])
        if create:
            self.save()


def inspector(**kwargs):
    return UserFactory(roles=[Role.INSPECTOR], **kwargs)


def lead(**kwargs):
    return UserFactory(roles=[Role.LEAD, Role.INSPECTOR], **kwargs)


def admin(**kwargs):
    return UserFactory(roles=[Role.ADMIN], **kwargs)


def hmi(**kwargs):
    return UserFactory(roles=[Role.HMI], **kwargs)


def liaison(*, force, **kwargs):
    """A Force liaison of ``force`` (a Force, or None for a liaison the admin has given no force)."""
    from factual_accuracy.models import ForceLiaison

    user = UserFactory(roles=[Role.LIAISON], **kwargs)
    if force is not None:
        ForceLiaison.objects.create(user=user, force=force)
    return user
