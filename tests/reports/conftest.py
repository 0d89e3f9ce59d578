from contextlib import contextmanager

import pytest
from django.db import transaction


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """The factories give every user a password; these tests are about compiling and reporting, so a
    fast hasher keeps each inspection's team from costing a second of key stretching."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@contextmanager
def data_for_the_module(django_db_blocker):
    """For a module-scoped fixture: build slow data once, in a transaction rolled back after the module;
    each test runs in its own nested transaction (a savepoint), so changes a test makes are undone."""
    with django_db_blocker.unblock(), transaction.atomic():
        try:
            yield
        finally:
            transaction.set_rollback(True)
