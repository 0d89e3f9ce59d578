"""Signing in to peel through a real provider (tests/oidc_provider) on the live server: in Chromium, and
the callback's state checks with plain HTTP requests. Marked ``browser``: they share its live server."""

from urllib.parse import parse_qs, urlencode, urlparse

import pytest
import requests
from django.contrib.auth import get_user_model

from peel.roles import Role
from tests.identity.conftest import PEEL_CLIENT, PERSON, use_provider
from tests.identity.provider import CALLBACK_NOT_FOLLOWED, sign_in_at_provider

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def peel_with_sso(settings, provider, live_server):
    """peel's live server registered with the provider and configured to use it."""
    provider.seed(
        {
            "client": PEEL_CLIENT[0],
            "secret": PEEL_CLIENT[1],
            "redirect": f"{CALLBACK_NOT_FOLLOWED} {live_server.url}/oidc/callback/",
            "post_logout": f"{live_server.url}/accounts/login/",
        }
    )
    use_provider(settings, provider)
    return live_server.url


def test_a_person_signs_in_at_the_provider_gets_the_mapped_role_and_signs_out_of_both(journey, peel_with_sso):
    page = journey.page
    journey.goto("/accounts/login/")
    journey.assert_accessible()
    page.get_by_role("link", name="Sign in with Test provider").click()
    page.get_by_label("Username").fill(PERSON[0])
    page.get_by_label("Password").fill(PERSON[1])
    journey.step("at the provider")
    with page.expect_navigation(url=f"{peel_with_sso}/"):
        page.get_by_role("button", name="Sign in to the provider").click()
    journey.step("signed in")

    assert page.get_by_role("heading", name="My inspections").is_visible()
    user = get_user_model().objects.get(identities__subject__isnull=False)
    assert (user.email, user.get_full_name()) == ("ada@example.org", "Ada Byron")
    assert set(user.groups.values_list("name", flat=True)) == {Role.LEAD}

    with page.expect_navigation(url=f"{peel_with_sso}/accounts/login/"):
        page.get_by_role("button", name="Log out").click()
    journey.step("signed out")
    assert page.get_by_role("link", name="Sign in with Test provider").is_visible()
    # The provider's session ended too: signing in again asks for the password again.
    page.get_by_role("link", name="Sign in with Test provider").click()
    assert page.get_by_role("button", name="Sign in to the provider").is_visible()
    journey.step("asked again")


def start_sign_in(peel_url: str) -> tuple[requests.Session, str]:
    """A visitor's session at peel and the provider's answer to the sign-in: peel's callback URL."""
    visitor = requests.Session()
    to_provider = visitor.get(f"{peel_url}/oidc/authenticate/", allow_redirects=False, timeout=10)
    query = parse_qs(urlparse(to_provider.headers["Location"]).query)
    assert query["code_challenge_method"] == ["S256"] and query["code_challenge"]
    return visitor, sign_in_at_provider(requests.Session(), to_provider.headers["Location"], *PERSON)


def is_signed_in(visitor: requests.Session, peel_url: str) -> bool:
    return visitor.get(f"{peel_url}/", allow_redirects=False, timeout=10).status_code == 200


def test_the_callback_signs_in_the_session_that_asked_once_and_never_again(peel_with_sso):
    visitor, callback = start_sign_in(peel_with_sso)

    assert visitor.get(callback, allow_redirects=False, timeout=10).headers["Location"] == "/"
    assert is_signed_in(visitor, peel_with_sso)
    assert visitor.get(callback, allow_redirects=False, timeout=10).status_code == 400


def test_a_callback_replayed_in_another_session_signs_no_one_in(peel_with_sso):
    _, callback = start_sign_in(peel_with_sso)
    attacker = requests.Session()
    attacker.get(f"{peel_with_sso}/accounts/login/", timeout=10)

    answer = attacker.get(callback, allow_redirects=False, timeout=10)

    assert answer.headers["Location"] == "/accounts/login/?sso=failed"
    assert not is_signed_in(attacker, peel_with_sso)


def test_a_callback_with_another_state_is_refused(peel_with_sso):
    visitor, callback = start_sign_in(peel_with_sso)
    query = parse_qs(urlparse(callback).query)
    forged_query = urlencode({"code": query["code"][0], "state": "not-the-state"})
    forged = f"{peel_with_sso}/oidc/callback/?{forged_query}"

    assert visitor.get(forged, allow_redirects=False, timeout=10).status_code == 400
    assert not is_signed_in(visitor, peel_with_sso)
