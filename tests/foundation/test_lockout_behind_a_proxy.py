"""Lockout behind the TLS proxy of docs/deploy.md: failures count against the client's address as the
proxy saw it (the last entry of ``X-Forwarded-For``, which the proxy appends), never the proxy's own, so
an attacker elsewhere cannot lock the real user out; and one address trying many usernames (password
spraying) is locked too."""

import pytest
from django.test import Client

from tests.factories.users import PASSWORD, UserFactory, lead

PROXY = "10.0.0.2"  # the TLS proxy: every request reaches peel from it
USER_ADDRESS = "198.51.100.7"
ATTACKER_ADDRESS = "203.0.113.66"


@pytest.fixture(autouse=True)
def one_proxy_in_front(settings):
    # What AXES_PROXY_COUNT=1 sets (the settings themselves are checked in test_settings.py).
    settings.AXES_IPWARE_PROXY_COUNT = 0
    settings.AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")
    settings.IPWARE_STRICT = False


def through_the_proxy(client_address: str, claimed: str = "") -> Client:
    """A client whose requests the proxy forwards: it appends the address it was connected from to
    whatever ``X-Forwarded-For`` the client sent."""
    forwarded = f"{claimed}, {client_address}" if claimed else client_address
    return Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded)


def log_in(client: Client, username: str, password: str):
    return client.post("/accounts/login/", {"username": username, "password": password})


@pytest.mark.django_db
def test_an_attacker_elsewhere_cannot_lock_the_real_user_out(settings):
    user = lead()
    attacker = through_the_proxy(ATTACKER_ADDRESS)
    for _ in range(settings.AXES_FAILURE_LIMIT + 2):
        log_in(attacker, user.username, "wrong")

    response = log_in(through_the_proxy(USER_ADDRESS), user.username, PASSWORD)

    assert log_in(attacker, user.username, PASSWORD).status_code == 429
    assert response.status_code == 302


@pytest.mark.django_db
def test_an_attacker_claiming_the_users_address_in_the_header_still_counts_against_their_own(settings):
    user = lead()
    attacker = through_the_proxy(ATTACKER_ADDRESS, claimed=USER_ADDRESS)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(attacker, user.username, "wrong")

    assert log_in(through_the_proxy(USER_ADDRESS), user.username, PASSWORD).status_code == 302
    assert log_in(attacker, user.username, PASSWORD).status_code == 429


@pytest.mark.django_db
def test_one_address_trying_a_few_passwords_for_many_usernames_is_locked(settings):
    victims = [UserFactory().username for _ in range(10)]
    sprayer = through_the_proxy(ATTACKER_ADDRESS)
    tries_per_user = settings.AXES_FAILURE_LIMIT - 1  # never enough to lock one username
    attempts = 0
    locked_after = None
    for password in range(tries_per_user):
        for username in victims:
            attempts += 1
            if log_in(sprayer, username, f"guess-{password}").status_code == 429:
                locked_after = locked_after or attempts

    assert locked_after == settings.AXES_ADDRESS_FAILURE_LIMIT
    assert log_in(sprayer, victims[0], PASSWORD).status_code == 429
    assert log_in(through_the_proxy(USER_ADDRESS), victims[0], PASSWORD).status_code == 302


@pytest.mark.django_db
def test_colleagues_behind_one_address_each_keep_their_own_tries(settings):
    office = through_the_proxy(USER_ADDRESS)
    colleagues = [UserFactory() for _ in range(3)]
    for colleague in colleagues:
        for _ in range(settings.AXES_FAILURE_LIMIT - 1):
            log_in(office, colleague.username, "mistyped")

    assert all(log_in(office, c.username, PASSWORD).status_code == 302 for c in colleagues)
