import logging

import pytest
from django.db import transaction
from django.test import override_settings

from tests.reliability.walk import Walked, walk
from tests.reliability.world import World


@pytest.fixture
def world(db) -> World:
    return World()


@pytest.fixture(scope="session")
def walked(django_db_setup, django_db_blocker) -> Walked:
    """The role × URL walk, done once for the tests that read it (the matrix, the security headers), in
    a transaction rolled back before any other test runs. The function-scoped settings of
    tests/conftest.py do not reach a session fixture, so they are applied here."""
    from django.conf import settings

    storages = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    quiet = {
        "django.request": logging.ERROR,
        "weasyprint.progress": logging.WARNING,
    }  # refusals are expected here
    levels = {name: logging.getLogger(name).level for name in quiet}
    for name, level in quiet.items():
        logging.getLogger(name).setLevel(level)
    with (
        django_db_blocker.unblock(),
        override_settings(SECURE_SSL_REDIRECT=False, STORAGES=storages),
        transaction.atomic(),
    ):
        result = walk(World())
        transaction.set_rollback(True)
    for name, level in levels.items():
        logging.getLogger(name).setLevel(level)
    return result
