import pytest


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """The user factories set a password; these tests are about figures, not key stretching."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
