"""Run the same step in several threads at the same moment, each thread on its own database connection."""

import threading
from collections.abc import Callable

from django.db import connection


def all_at_once(count: int, step: Callable[[int], object]) -> list:
    """``step(i)`` in ``count`` threads released together; their results (or the exception each raised)."""
    ready = threading.Barrier(count, timeout=30)
    results: list = [None] * count

    def run(index: int):
        try:
            ready.wait()
            results[index] = step(index)
        except Exception as error:  # reported by the test
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,), daemon=True) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    return results
