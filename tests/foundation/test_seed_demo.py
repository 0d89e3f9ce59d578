import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command


@pytest.mark.django_db
def test_seed_demo_refuses_to_run_with_debug_off(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="Refusing to load demo data with DEBUG off"):
        call_command("seed_demo")


@pytest.mark.django_db
def test_seed_demo_creates_the_demo_users_once(settings):
    settings.DEBUG = True

    call_command("seed_demo")
    call_command("seed_demo")

    usernames = set(get_user_model().objects.values_list("username", flat=True))
    assert {"admin", "lead", "inspector", "inspector2", "outsider"} <= usernames
    assert get_user_model().objects.filter(username="lead").count() == 1
