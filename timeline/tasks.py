"""Celery tasks: thin, calling the services."""

from celery import shared_task

from timeline.services import deadlines_notify


@shared_task(name="timeline.deadlines_notify", acks_late=True)
def deadlines_notify_task() -> int:
    """Beat queues this daily: the leads' notices of milestones coming up or overdue."""
    return deadlines_notify()
