"""A provider that does not answer never shows the visitor a server error: they are sent back to the
login page, which says signing in did not complete."""

import pytest
from django.urls import reverse

from tests.factories.users import inspector

pytestmark = pytest.mark.django_db


@pytest.fixture
def unreachable_provider(settings):
    settings.PEEL_OIDC_ISSUER = "http://127.0.0.1:9/o"  # the discard port: nothing listens
    settings.OIDC_RP_CLIENT_ID = "peel"
    settings.OIDC_RP_CLIENT_SECRET = "secret"
    settings.PEEL_OIDC_PROVIDER_NAME = "Example ID"
    settings.OIDC_TIMEOUT = 2


def test_signing_in_while_the_provider_is_down_returns_to_the_login_page_with_an_explanation(
    client, unreachable_provider
):
    response = client.get(reverse("identity:sign_in"))

    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Signing in with Example ID did not complete" in page


def test_logging_out_while_the_provider_is_down_still_ends_the_peel_session(client, unreachable_provider):
    client.force_login(inspector())
    session = client.session
    session["oidc_id_token"] = "a-token-from-earlier"
    session.save()

    response = client.post(reverse("logout"))

    assert response["Location"] == reverse("login")
    assert client.get(reverse("home"))["Location"].startswith(reverse("login"))
