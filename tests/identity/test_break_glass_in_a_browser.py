"""A break-glass account, while single sign-on is on, sets up its authenticator from the QR page and
reaches peel; the pages are accessible."""

from base64 import b32decode

import pytest
from django_otp.oath import totp

from tests.factories.users import PASSWORD, admin

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_a_break_glass_admin_sets_up_an_authenticator_and_reaches_peel(journey, settings):
    settings.PEEL_OIDC_ISSUER = "https://login.example.org/tenant/v2.0"
    settings.OIDC_RP_CLIENT_ID, settings.OIDC_RP_CLIENT_SECRET = "peel", "secret"
    settings.PEEL_BREAK_GLASS_USERS = ["breakglass"]
    admin(username="breakglass")
    page = journey.page

    journey.login("breakglass", PASSWORD)
    assert page.get_by_role("heading", name="Set up your second factor").is_visible()
    journey.assert_accessible()
    page.get_by_role("button", name="Set up an authenticator").click()
    page.wait_for_load_state()
    journey.step("QR code")
    journey.assert_accessible()
    secret = page.locator("code").inner_text().replace(" ", "")
    key = b32decode(secret + "=" * (-len(secret) % 8))
    page.get_by_label("Code from your authenticator app").fill(f"{totp(key):06d}")
    with page.expect_navigation():
        page.get_by_role("button", name="Confirm").click()

    assert page.get_by_role("heading", name="My inspections").is_visible()
