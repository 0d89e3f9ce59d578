from urllib.parse import urlsplit, urlunsplit

import pytest
from django.conf import settings
from django.test.utils import override_settings

from peel.celery import app as celery_app
from tests.factories.users import FAST_PASSWORD_HASHERS

# The real-browser fixtures (browser, live_server, journey), for browser tests in any folder.
pytest_plugins = ["tests.browser.fixtures"]


@pytest.fixture(scope="session", autouse=True)
def fast_password_hashing():
    """Test users are made with passwords; PBKDF2's deliberate slowness (about 0.7 s a user) is not what
    any test here is about."""
    with override_settings(PASSWORD_HASHERS=FAST_PASSWORD_HASHERS):
        yield


@pytest.fixture(scope="session", autouse=True)
def a_cache_of_each_test_process(worker_id):
    """Under pytest-xdist each process reads and writes a Redis database of its own for the cache, as it
    has a test database of its own: ``cache.clear()`` empties the whole Redis database, and a test that
    warms the cache and then counts its queries must not find it emptied by a test in the other process.
    (Databases 15, 14, …: ones the broker and the live tests' server leave alone.)"""
    location = settings.CACHES["default"].get("LOCATION", "")
    if worker_id == "master" or not str(location).startswith("redis"):
        yield
        return
    url = urlsplit(location)
    own = url._replace(path=f"/{15 - int(worker_id.removeprefix('gw'))}")
    with override_settings(CACHES={"default": {**settings.CACHES["default"], "LOCATION": urlunsplit(own)}}):
        yield


@pytest.fixture(autouse=True)
def celery_in_process(request):
    """Run tasks in process, except in tests marked ``worker`` that prove the real broker round trip."""
    if request.node.get_closest_marker("worker"):
        yield
        return
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = previous


@pytest.fixture(autouse=True)
def plain_http_and_uncollected_static(settings):
    """The test client speaks plain HTTP to an app whose static files were never collected.

    Production settings (DEBUG off, as on PostgreSQL in CI) redirect HTTP to HTTPS and read a
    collectstatic manifest; tests that are about those behaviours turn them back on.
    """
    settings.SECURE_SSL_REDIRECT = False
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """Put the migrations' data (role groups, forces, the 2016 framework, criteria, metrics) back after
    a transactional test has flushed the database.

    Django runs transactional tests last for this reason; pytest-xdist runs tests in its scheduler's
    order, so a plain test may follow one on the same worker and must still find that data.
    """
    yield
    marker = item.get_closest_marker("django_db")
    # After the last test the test database is already gone (and nothing needs the data).
    if nextitem is None or marker is None or not marker.kwargs.get("transaction"):
        return
    from django.db import connections
    from pytest_django.plugin import blocking_manager_key

    with item.config.stash[blocking_manager_key].unblock():
        for connection in connections.all():
            contents = getattr(connection, "_test_serialized_contents", None)
            if contents:
                connection.creation.deserialize_db_from_string(contents)
