import pytest

from peel.celery import app as celery_app


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
