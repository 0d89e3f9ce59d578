"""The Celery application: configured from Django settings (``CELERY_`` namespace)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "peel.settings")

app = Celery("peel")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.task(name="peel.ping", acks_late=True)
def ping(value: str) -> str:
    """Echo a value: lets a deployment (and the worker test) prove the broker round trip works."""
    return f"pong: {value}"
