import pytest

from tests.peel.conftest import Cast


@pytest.fixture
def cast(db) -> Cast:
    return Cast()
