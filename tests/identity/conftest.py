"""Real OpenID Connect providers for the single sign-on tests, started once per test session.

``provider`` is the organisation's; ``impostor`` holds the same signing key at another address (so
only the issuer tells its tokens apart); ``short_lived`` issues ID tokens that expire in a second.
"""

import pytest

from tests.identity.provider import CALLBACK_NOT_FOLLOWED, Provider, new_key_file

PEEL_CLIENT = ("peel", "peel-client-secret-for-tests")
OTHER_CLIENT = ("another-application", "another-client-secret")
PERSON = ("ada", "provider-password-1")
GROUP_ROLES = {"grp-inspection-leads": "Lead", "grp-inspectors": "Inspector"}


def _started(folder, key_file, **kwargs) -> Provider:
    provider = Provider(folder=folder, key_file=key_file, **kwargs).start()
    provider.add_user(*PERSON, groups=["grp-inspection-leads"], email="ada@example.org", full_name="Ada Byron")
    provider.add_client(*PEEL_CLIENT, redirect=CALLBACK_NOT_FOLLOWED)
    provider.add_client(*OTHER_CLIENT, redirect=CALLBACK_NOT_FOLLOWED)
    return provider


@pytest.fixture(scope="session")
def signing_key(tmp_path_factory):
    return new_key_file(tmp_path_factory.mktemp("oidc-key"))


@pytest.fixture(scope="session")
def provider(tmp_path_factory, signing_key):
    started = _started(tmp_path_factory.mktemp("provider"), signing_key)
    yield started
    started.stop()


@pytest.fixture(scope="session")
def impostor(tmp_path_factory, signing_key):
    started = _started(tmp_path_factory.mktemp("impostor"), signing_key)
    yield started
    started.stop()


@pytest.fixture(scope="session")
def short_lived(tmp_path_factory, signing_key):
    started = _started(tmp_path_factory.mktemp("short-lived"), signing_key, id_token_seconds=1)
    yield started
    started.stop()


def use_provider(settings, provider: Provider) -> None:
    """Single sign-on on, through the given provider, as the environment of a deployment would set it."""
    settings.PEEL_OIDC_ISSUER = provider.issuer
    settings.OIDC_RP_CLIENT_ID, settings.OIDC_RP_CLIENT_SECRET = PEEL_CLIENT
    settings.PEEL_OIDC_PROVIDER_NAME = "Test provider"
    settings.PEEL_OIDC_GROUP_ROLES = GROUP_ROLES
