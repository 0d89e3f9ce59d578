"""Data shared by the tests of one module, built once."""

from contextlib import contextmanager

from django.db import transaction


@contextmanager
def shared_data(django_db_blocker):
    """For a module-scoped fixture: data built once, inside a transaction rolled back afterwards, so
    the module's tests (each in its own nested transaction) share it and no other test sees it."""
    with django_db_blocker.unblock(), transaction.atomic():
        try:
            yield
        finally:
            transaction.set_rollback(True)
