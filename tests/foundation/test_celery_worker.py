import pytest

from peel.celery import ping


@pytest.mark.worker
def test_a_task_makes_the_round_trip_through_redis_and_a_worker():
    result = ping.delay("peel")

    assert result.get(timeout=30) == "pong: peel"


def test_tasks_run_in_process_in_the_ordinary_suite():
    assert ping.delay("eager").get(timeout=1) == "pong: eager"
