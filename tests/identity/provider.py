"""A real OpenID Connect provider in a subprocess (tests/oidc_provider: django-oauth-toolkit), on a
free port of 127.0.0.1 with its own SQLite database and a fresh RS256 key; and the flows a browser
would make against it, done with requests."""

import base64
import hashlib
import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlparse

import requests
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

REPOSITORY = Path(__file__).resolve().parents[2]
CALLBACK_NOT_FOLLOWED = "http://127.0.0.1:9/callback"  # where a code is read from, never fetched


def new_key_file(folder: Path) -> Path:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    path = folder / "key.pem"
    path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    return path


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Provider:
    folder: Path
    key_file: Path
    id_token_seconds: int = 300
    port: int = field(default_factory=_free_port)
    process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def issuer(self) -> str:
        return f"{self.url}/o"

    def _environment(self) -> dict:
        keep = {name: os.environ[name] for name in ("PATH", "HOME", "LANG") if name in os.environ}
        return {
            **keep,
            "PYTHONPATH": str(REPOSITORY),
            "DJANGO_SETTINGS_MODULE": "tests.oidc_provider.settings",
            "PROVIDER_DB": str(self.folder / "provider.sqlite3"),
            "PROVIDER_KEY_FILE": str(self.key_file),
            "PROVIDER_ID_TOKEN_SECONDS": str(self.id_token_seconds),
        }

    def _run(self, *args: str) -> None:
        subprocess.run(
            [sys.executable, *args], env=self._environment(), cwd=REPOSITORY, check=True, capture_output=True
        )

    def start(self, database: Path) -> "Provider":
        """Serves a copy of a prepared database (``prepare_database``): migrating takes longest."""
        shutil.copyfile(database, self.folder / "provider.sqlite3")
        log = (self.folder / "server.log").open("wb")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "django", "runserver", "--noreload", f"127.0.0.1:{self.port}"],
            env=self._environment(),
            cwd=REPOSITORY,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if requests.get(self.discovery_url, timeout=2).ok:
                    return self
            except requests.ConnectionError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"the test provider did not start: {(self.folder / 'server.log').read_text()}")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)

    @property
    def discovery_url(self) -> str:
        return f"{self.issuer}/.well-known/openid-configuration"

    def metadata(self) -> dict:
        return requests.get(self.discovery_url, timeout=5).json()

    def seed(self, *records: dict) -> None:
        """People and clients (tests/oidc_provider/seed.py), added while the provider runs."""
        self._run("-m", "tests.oidc_provider.seed", json.dumps(records))


def prepare_database(folder: Path, key_file: Path, *records: dict) -> Path:
    """A migrated provider database holding the given people and clients, for providers to copy."""
    template = Provider(folder=folder, key_file=key_file)
    template._run("-m", "django", "migrate", "--no-input")
    template.seed(*records)
    return folder / "provider.sqlite3"


def sign_in_at_provider(session: requests.Session, authorize_url: str, username: str, password: str) -> str:
    """Follows the provider's authorization request through its login form, as a browser would; the
    Location it finally sends the browser to (the client's callback, with a code and the state)."""
    response = session.get(authorize_url, allow_redirects=False, timeout=10)
    login_url = urljoin(authorize_url, response.headers["Location"])
    form = session.get(login_url, timeout=10)
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text).group(1)
    next_url = parse_qs(urlparse(login_url).query)["next"][0]
    logged_in = session.post(
        login_url,
        data={"csrfmiddlewaretoken": csrf, "username": username, "password": password, "next": next_url},
        headers={"Referer": login_url},
        allow_redirects=False,
        timeout=10,
    )
    authorized = session.get(
        urljoin(login_url, logged_in.headers["Location"]), allow_redirects=False, timeout=10
    )
    return authorized.headers["Location"]


def id_token_from(
    provider: Provider, *, client_id: str, secret: str, username: str, password: str, nonce: str
):
    """A real ID token, by the authorization code flow with PKCE, for the given client."""
    metadata = provider.metadata()
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    query = requests.models.RequestEncodingMixin._encode_params(
        {
            "response_type": "code",
            "client_id": client_id,
            "redirect_uri": CALLBACK_NOT_FOLLOWED,
            "scope": "openid email profile",
            "state": secrets.token_urlsafe(16),
            "nonce": nonce,
            "code_challenge": challenge,
            "code_challenge_method": "S256",
        }
    )
    callback = sign_in_at_provider(
        requests.Session(), f"{metadata['authorization_endpoint']}?{query}", username, password
    )
    code = parse_qs(urlparse(callback).query)["code"][0]
    token = requests.post(
        metadata["token_endpoint"],
        data={
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": CALLBACK_NOT_FOLLOWED,
            "client_id": client_id,
            "client_secret": secret,
            "code_verifier": verifier,
        },
        timeout=10,
    )
    token.raise_for_status()
    return token.json()["id_token"]
