"""Single sign-on is configured from the environment, off when unset, and a half configuration stops
start-up with a message naming what is missing."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from peel.environment import env_mapping
from tests.foundation.test_settings import _run

SHOW = ["-c", "import django; django.setup(); from identity import config; print(config.sso_enabled())"]


def test_sso_is_off_in_the_embedded_default():
    result = _run(SHOW, {"DJANGO_SETTINGS_MODULE": "peel.settings"})

    assert result.stdout.strip() == "False", result.stderr


def test_sso_is_on_with_an_issuer_and_a_client_whose_secret_comes_from_a_file(tmp_path):
    secret = tmp_path / "secret"
    secret.write_text("the-client-secret\n")
    env = {
        "DJANGO_SETTINGS_MODULE": "peel.settings",
        "PEEL_OIDC_ISSUER": "https://login.example.org/tenant/v2.0",
        "PEEL_OIDC_CLIENT_ID": "peel",
        "PEEL_OIDC_CLIENT_SECRET_FILE": str(secret),
    }

    assert _run(SHOW, env).stdout.strip() == "True"


def test_an_issuer_without_a_client_secret_stops_start_up():
    env = {"PEEL_OIDC_ISSUER": "https://login.example.org/tenant/v2.0", "PEEL_OIDC_CLIENT_ID": "peel"}

    result = _run(["manage.py", "check"], env)

    assert result.returncode != 0
    assert "PEEL_OIDC_CLIENT_SECRET must be set" in result.stderr


def test_group_roles_are_read_as_pairs_and_a_pair_without_a_role_is_named(monkeypatch):
    monkeypatch.setenv("PEEL_OIDC_GROUP_ROLES", "g-1=Lead, g-2 = HM Inspector")
    assert env_mapping("PEEL_OIDC_GROUP_ROLES", default={}) == {"g-1": "Lead", "g-2": "HM Inspector"}

    monkeypatch.setenv("PEEL_OIDC_GROUP_ROLES", "g-1=Lead,g-2")
    with pytest.raises(ImproperlyConfigured, match="'g-2' is not key=value"):
        env_mapping("PEEL_OIDC_GROUP_ROLES", default={})
