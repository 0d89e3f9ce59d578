import pytest

from tests.reviews.shared import FAST_HASHERS


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Users are made in almost every test here; PBKDF2's deliberate slowness (0.7 s a user) is not
    what these tests are about."""
    settings.PASSWORD_HASHERS = FAST_HASHERS
