"""Settings read the environment in one place and fail loudly; checked in fresh interpreters."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from peel.environment import env_bool, env_int, env_list, env_str

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/peel_settings_check",
    "REDIS_URL": "redis://127.0.0.1:6379/9",
    "SECRET_KEY": "a-production-like-secret-key-with-enough-entropy-0123456789-ABCDEFGHIJ",
    "ALLOWED_HOSTS": "peel.example.org",
}


def _run(args, env_overrides):
    env = {
        k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL", "SECRET_KEY", "DEBUG"}
    }
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False
    )


def test_production_settings_refuse_to_start_without_a_secret_key():
    env = {k: v for k, v in PRODUCTION.items() if k != "SECRET_KEY"}

    result = _run(["manage.py", "check"], env)

    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_a_secret_key_can_come_from_a_file(tmp_path):
    secret = tmp_path / "secret_key"
    secret.write_text(PRODUCTION["SECRET_KEY"] + "\n")
    env = {k: v for k, v in PRODUCTION.items() if k != "SECRET_KEY"} | {"SECRET_KEY_FILE": str(secret)}

    result = _run(
        ["-c", "import django; django.setup(); from django.conf import settings; print(settings.SECRET_KEY)"],
        env,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == PRODUCTION["SECRET_KEY"]


def test_production_settings_pass_the_deployment_checklist():
    result = _run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], PRODUCTION)

    assert result.returncode == 0, result.stdout + result.stderr


def test_the_embedded_default_uses_sqlite_debug_and_in_process_tasks():
    script = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.DATABASES['default']['ENGINE'], s.DEBUG, s.CELERY_TASK_ALWAYS_EAGER)"
    )

    result = _run(["-c", script], {})

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["django.db.backends.sqlite3", "True", "True"]


@pytest.mark.parametrize(
    ("setting", "expected"),
    [({}, "True 5 cached_db"), ({"DB_PREPARED_STATEMENTS": "false"}, "None None cached_db")],
    ids=["by default", "turned off for an old PgBouncer"],
)
def test_production_prepares_repeated_queries_and_reads_sessions_from_redis(setting, expected):
    script = (
        "import django; django.setup(); from django.conf import settings as s; "
        "o = s.DATABASES['default'].get('OPTIONS', {}); "
        "print(o.get('server_side_binding'), o.get('prepare_threshold'), s.SESSION_ENGINE.rsplit('.', 1)[1])"
    )

    result = _run(["-c", script], PRODUCTION | setting)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == expected


def test_the_embedded_default_keeps_sessions_in_the_database_its_processes_share():
    script = "import django; django.setup(); from django.conf import settings as s; print(s.SESSION_ENGINE)"

    result = _run(["-c", script], {})

    assert result.stdout.strip() == "django.contrib.sessions.backends.db"


def test_a_bad_boolean_stops_start_up_naming_the_variable():
    result = _run(["manage.py", "check"], PRODUCTION | {"SECURE_SSL_REDIRECT": "perhaps"})

    assert result.returncode != 0
    assert "SECURE_SSL_REDIRECT='perhaps' is not a boolean" in result.stderr


@pytest.mark.parametrize(
    "value,expected", [("true", True), ("Yes", True), ("1", True), ("off", False), ("0", False)]
)
def test_booleans_accept_the_usual_spellings(monkeypatch, value, expected):
    monkeypatch.setenv("PEEL_TEST_FLAG", value)

    assert env_bool("PEEL_TEST_FLAG", default=not expected) is expected


def test_bad_numbers_and_missing_values_raise(monkeypatch):
    monkeypatch.setenv("PEEL_TEST_NUMBER", "ten")
    monkeypatch.delenv("PEEL_TEST_MISSING", raising=False)

    with pytest.raises(ImproperlyConfigured, match="PEEL_TEST_NUMBER='ten' is not a whole number"):
        env_int("PEEL_TEST_NUMBER", default=1)
    with pytest.raises(ImproperlyConfigured, match="PEEL_TEST_MISSING must be set"):
        env_str("PEEL_TEST_MISSING")


def test_lists_are_comma_separated_and_trimmed(monkeypatch):
    monkeypatch.setenv("PEEL_TEST_HOSTS", " a.example , b.example,,")

    assert env_list("PEEL_TEST_HOSTS", default=[]) == ["a.example", "b.example"]


def test_an_unreadable_secret_file_is_named(monkeypatch, tmp_path):
    monkeypatch.setenv("PEEL_TEST_SECRET_FILE", str(tmp_path / "missing"))

    with pytest.raises(ImproperlyConfigured, match="PEEL_TEST_SECRET_FILE=.* cannot be read"):
        env_str("PEEL_TEST_SECRET")


def test_production_trusts_no_forwarded_protocol_unless_told_it_is_behind_a_proxy():
    script = "import django; django.setup(); from django.conf import settings as s; "
    script += "print(s.SECURE_PROXY_SSL_HEADER)"

    by_default = _run(["-c", script], PRODUCTION)
    behind_a_proxy = _run(["-c", script], PRODUCTION | {"BEHIND_PROXY": "true"})

    assert by_default.stdout.strip() == "None", by_default.stderr
    assert behind_a_proxy.stdout.strip() == "('HTTP_X_FORWARDED_PROTO', 'https')", behind_a_proxy.stderr


CLIENT_ADDRESS_SCRIPT = """
import django; django.setup()
from axes.helpers import get_client_ip_address
from django.test import RequestFactory
for forwarded in ["198.51.100.7", "203.0.113.66, 198.51.100.7", ""]:
    headers = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {}
    print(get_client_ip_address(RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", **headers)))
"""


@pytest.mark.parametrize(
    ("setting", "expected"),
    [
        ({}, ["10.0.0.2", "10.0.0.2", "10.0.0.2"]),
        ({"AXES_PROXY_COUNT": "1"}, ["198.51.100.7", "198.51.100.7", "10.0.0.2"]),
    ],
    ids=["no proxy: the header is the client's claim", "one proxy: the entry it appended"],
)
def test_the_lockout_keys_on_the_address_the_trusted_proxy_saw(setting, expected):
    result = _run(["-c", CLIENT_ADDRESS_SCRIPT], PRODUCTION | setting)

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == expected
