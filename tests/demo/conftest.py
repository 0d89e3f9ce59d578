import pytest


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Test users are made with a password; a fast hasher keeps these data tests about the data."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
