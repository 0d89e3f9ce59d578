"""Celery tasks of the reviews app: thin, they take ids and call a service."""

from celery import shared_task

from reviews.services.upload import crime_list_upload_execute


@shared_task(
    name="reviews.import_crime_list",
    # Acknowledged only once the import has ended: a worker lost mid-import means the broker redelivers
    # the task, and the rolled-back import runs again from the stored file.
    acks_late=True,
    reject_on_worker_lost=True,
)
def crime_list_import_task(upload_id: int) -> str:
    """Import one stored upload; returns how it ended."""
    return crime_list_upload_execute(upload_id=upload_id).status
