import pytest


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """The factories give every user a password; these tests are about compiling and reporting, so a
    fast hasher keeps each inspection's team from costing a second of key stretching."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
