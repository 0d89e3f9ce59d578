from contextlib import contextmanager

from django.db import transaction


@contextmanager
def data_for_the_module(django_db_blocker):
    """For a module-scoped fixture: build slow data once, in a transaction rolled back after the module;
    each test runs in its own nested transaction (a savepoint), so changes a test makes are undone."""
    with django_db_blocker.unblock(), transaction.atomic():
        try:
            yield
        finally:
            transaction.set_rollback(True)
