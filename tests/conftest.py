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
