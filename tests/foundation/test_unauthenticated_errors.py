"""What an anonymous visitor can send gets a 4xx or the form back with its message, never a 500 (run on
PostgreSQL with production settings in CI, where an over-long username once overflowed the lockout
table's column)."""

import pytest
from axes.models import AccessAttempt

LOGIN_PAGES = ["/accounts/login/", "/admin/login/"]


@pytest.mark.django_db
@pytest.mark.parametrize("path", LOGIN_PAGES)
def test_an_over_long_username_is_refused_by_the_login_form_with_its_message(client, path):
    response = client.post(path, {"username": "u" * 300, "password": "anything"})

    assert response.status_code == 200
    assert b"Username: at most 150 characters (this one has 300)." in response.content
    assert not AccessAttempt.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/accounts/login/", "/inspections/1/", "/no-such-page/", "/admin/"])
def test_a_host_not_allowed_gets_the_bad_request_page(client, path):
    response = client.get(path, HTTP_HOST="evil.example")

    assert response.status_code == 400
    assert b"That request could not be understood" in response.content
