"""peel accepts an ID token only from its own provider, for itself, unexpired and with its nonce.

Every token here is a real one, issued by a real provider (tests/oidc_provider) through the
authorization code flow with PKCE; only the token's checks are peel's.
"""

import time

import pytest
from django.core.exceptions import SuspiciousOperation

from identity.backends import ProviderBackend
from tests.identity.conftest import OTHER_CLIENT, PEEL_CLIENT, PERSON, use_provider
from tests.identity.provider import id_token_from


def token(provider, client=PEEL_CLIENT, nonce="the-nonce"):
    client_id, secret = client
    username, password = PERSON
    return id_token_from(
        provider, client_id=client_id, secret=secret, username=username, password=password, nonce=nonce
    )


def test_a_token_from_the_configured_provider_for_peel_is_accepted(settings, provider):
    use_provider(settings, provider)

    claims = ProviderBackend().verify_token(token(provider), nonce="the-nonce")

    assert claims["email"] == "ada@example.org"
    assert claims["groups"] == ["grp-inspection-leads"]


def test_a_token_from_another_issuer_is_refused_though_signed_with_the_same_key(settings, provider, impostor):
    use_provider(settings, provider)

    with pytest.raises(SuspiciousOperation, match="another issuer"):
        ProviderBackend().verify_token(token(impostor), nonce="the-nonce")


def test_a_token_issued_to_another_application_is_refused(settings, provider):
    use_provider(settings, provider)

    with pytest.raises(SuspiciousOperation, match="another audience"):
        ProviderBackend().verify_token(token(provider, client=OTHER_CLIENT), nonce="the-nonce")


def test_an_expired_token_is_refused(settings, short_lived):
    use_provider(settings, short_lived)
    expiring = token(short_lived)
    time.sleep(2.5)

    with pytest.raises(SuspiciousOperation, match="expired"):
        ProviderBackend().verify_token(expiring, nonce="the-nonce")


def test_a_token_answering_another_sign_in_request_is_refused(settings, provider):
    use_provider(settings, provider)

    with pytest.raises(SuspiciousOperation, match="Nonce"):
        ProviderBackend().verify_token(token(provider, nonce="another-request"), nonce="the-nonce")
