import pytest
from rest_framework.test import APIClient

from api.services.tokens import token_create
from tests.reliability.world import World


@pytest.fixture
def world(db) -> World:
    """One inspection with an object of every kind, its lead, team, an outsider and an admin
    (tests/reliability/world.py)."""
    return World()


def token_client(user) -> APIClient:
    """A client calling the API with a fresh personal access token of the user."""
    client = APIClient()
    client.credentials(
        HTTP_AUTHORIZATION=f"Bearer {token_create(user=user, name='Tests', lifetime_days=7).token}"
    )
    return client


@pytest.fixture
def as_role(world):
    return lambda role: token_client(world.user(role))
