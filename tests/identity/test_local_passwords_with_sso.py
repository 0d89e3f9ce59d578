"""With single sign-on on, a local password opens peel only for a named break-glass account, and only
after a code from its authenticator app."""

import re

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories.users import PASSWORD, admin, inspector

pytestmark = pytest.mark.django_db


@pytest.fixture
def sso_on(settings):
    """SSO configured; nothing here reaches the provider."""
    settings.PEEL_OIDC_ISSUER = "https://login.example.org/tenant/v2.0"
    settings.OIDC_RP_CLIENT_ID = "peel"
    settings.OIDC_RP_CLIENT_SECRET = "secret"
    settings.PEEL_OIDC_PROVIDER_NAME = "Example ID"
    settings.PEEL_BREAK_GLASS_USERS = ["breakglass"]


def log_in(client, username):
    return client.post(reverse("login"), {"username": username, "password": PASSWORD})


def code_for(device) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def test_without_sso_the_login_page_offers_only_the_local_form(client):
    page = client.get(reverse("login")).content.decode()

    assert "Sign in with" not in page
    assert reverse("identity:sign_in") not in page


def test_with_sso_the_login_page_offers_the_provider(client, sso_on):
    page = client.get(reverse("login")).content.decode()

    assert "Sign in with Example ID" in page
    assert f'href="{reverse("identity:sign_in")}"' in page


def test_with_sso_a_local_password_is_refused(client, sso_on):
    inspector(username="ines")

    response = log_in(client, "ines")

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_a_break_glass_account_enrols_an_authenticator_before_reaching_any_page(client, sso_on):
    admin(username="breakglass")
    assert log_in(client, "breakglass").status_code == 302

    home = client.get(reverse("home"))
    assert home.status_code == 302 and home["Location"].startswith(reverse("identity:otp_enrol"))
    assert "Set up an authenticator" in client.get(home["Location"]).content.decode()
    client.post(home["Location"], {"start": "1"})
    assert "<svg" in client.get(home["Location"]).content.decode()
    device = TOTPDevice.objects.get(user__username="breakglass", confirmed=False)
    right = client.post(home["Location"], {"token": code_for(device)})

    assert right.status_code == 302
    assert client.get(reverse("home")).status_code == 200


def test_an_enrolled_break_glass_account_gives_its_code_after_its_password(client, sso_on):
    user = admin(username="breakglass")
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    log_in(client, "breakglass")

    step = client.get(reverse("home"))
    assert step["Location"].startswith(reverse("identity:otp_verify"))
    page = client.get(step["Location"]).content.decode()
    assert re.search(r'name="token"', page)
    done = client.post(step["Location"], {"token": code_for(device)})

    assert done.status_code == 302 and done["Location"] == reverse("home")
    assert client.get(reverse("home")).status_code == 200


def test_a_wrong_code_is_refused_and_the_pages_stay_closed(client, sso_on):
    admin(username="breakglass")
    log_in(client, "breakglass")
    client.post(reverse("identity:otp_enrol"), {"start": "1"})
    device = TOTPDevice.objects.get(user__username="breakglass")

    wrong = client.post(
        reverse("identity:otp_enrol"), {"token": f"{(int(code_for(device)) + 1) % 1000000:06d}"}
    )

    assert "not the one it shows now" in wrong.content.decode()
    assert client.get(reverse("home")).status_code == 302


def test_a_malformed_code_is_explained(client, sso_on):
    admin(username="breakglass")
    log_in(client, "breakglass")
    client.post(reverse("identity:otp_enrol"), {"start": "1"})

    response = client.post(reverse("identity:otp_enrol"), {"token": "12ab"})

    assert "six digits" in response.content.decode()


def test_the_provider_pages_do_not_exist_without_sso(client):
    assert client.get(reverse("identity:sign_in")).status_code == 404
    assert client.get(reverse("identity:callback")).status_code == 404
