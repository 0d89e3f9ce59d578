"""Real OpenID Connect providers for the single sign-on tests, started once per test session.

``provider`` is the organisation's; ``impostor`` holds the same signing key at another address (so
only the issuer tells its tokens apart); ``short_lived`` issues ID tokens that expire in a second.
"""

import pytest

from tests.identity.provider import CALLBACK_NOT_FOLLOWED, Provider, new_key_file, prepare_database

PEEL_CLIENT = ("peel", "peel-client-secret-for-tests")
OTHER_CLIENT = ("another-application", "another-client-secret")
PERSON = ("ada", "provider-password-1")
GROUP_ROLES = {"grp-inspection-leads": "Lead", "grp-inspectors": "Inspector"}


PEOPLE_AND_CLIENTS = (
    {
        "user": PERSON[0],
        "password": PERSON[1],
        "groups": ["grp-inspection-leads"],
        "email": "ada@example.org",
        "full_name": "Ada Byron",
    },
    {"client": PEEL_CLIENT[0], "secret": PEEL_CLIENT[1], "redirect": CALLBACK_NOT_FOLLOWED},
    {"client": OTHER_CLIENT[0], "secret": OTHER_CLIENT[1], "redirect": CALLBACK_NOT_FOLLOWED},
)


@pytest.fixture(scope="session")
def signing_key(tmp_path_factory):
    return new_key_file(tmp_path_factory.mktemp("oidc-key"))


@pytest.fixture(scope="session")
def provider_database(tmp_path_factory, signing_key):
    return prepare_database(tmp_path_factory.mktemp("provider-database"), signing_key, *PEOPLE_AND_CLIENTS)


def _provider(tmp_path_factory, signing_key, provider_database, name, **kwargs):
    started = Provider(folder=tmp_path_factory.mktemp(name), key_file=signing_key, **kwargs)
    return started.start(provider_database)


@pytest.fixture(scope="session")
def provider(tmp_path_factory, signing_key, provider_database):
    started = _provider(tmp_path_factory, signing_key, provider_database, "provider")
    yield started
    started.stop()


@pytest.fixture(scope="session")
def impostor(tmp_path_factory, signing_key, provider_database):
    started = _provider(tmp_path_factory, signing_key, provider_database, "impostor")
    yield started
    started.stop()


@pytest.fixture(scope="session")
def short_lived(tmp_path_factory, signing_key, provider_database):
    started = _provider(tmp_path_factory, signing_key, provider_database, "short-lived", id_token_seconds=1)
    yield started
    started.stop()


def use_provider(settings, provider: Provider) -> None:
    """Single sign-on on, through the given provider, as the environment of a deployment would set it."""
    settings.PEEL_OIDC_ISSUER = provider.issuer
    settings.OIDC_RP_CLIENT_ID, settings.OIDC_RP_CLIENT_SECRET = PEEL_CLIENT
    settings.PEEL_OIDC_PROVIDER_NAME = "Test provider"
    settings.PEEL_OIDC_GROUP_ROLES = GROUP_ROLES
