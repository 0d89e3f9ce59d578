import pytest

from tests.factories.users import PASSWORD, inspector


@pytest.mark.django_db
def test_repeated_failed_logins_lock_the_account_with_a_clear_message(client, settings):
    user = inspector()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/accounts/login/", {"username": user.username, "password": "wrong"})

    response = client.post("/accounts/login/", {"username": user.username, "password": PASSWORD})

    assert response.status_code == 429
    assert b"Too many failed log-in attempts" in response.content
    assert b"Try again in" in response.content


@pytest.mark.django_db
def test_a_wrong_password_is_refused_with_a_message(client):
    user = inspector()

    response = client.post("/accounts/login/", {"username": user.username, "password": "wrong"})

    assert response.status_code == 200
    assert b"Please enter a correct username and password" in response.content
