"""Personal access tokens: a user creates one on their page (shown once, stored as a SHA-256 digest),
calls the API with it, and revokes it; an expired or revoked token is refused at once."""

import datetime
import hashlib
import re
from html.parser import HTMLParser

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from api.models import PersonalAccessToken
from api.services.tokens import token_create
from tests.factories.users import admin, inspector

pytestmark = pytest.mark.django_db


class _Inputs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.inputs = []

    def handle_starttag(self, tag, attrs):
        if tag == "input":
            self.inputs.append(dict(attrs))


def _form_data(html: str, name: str) -> dict:
    """What the rendered token form submits: the name typed in, and the lifetime checked by default."""
    parser = _Inputs()
    parser.feed(html)
    checked = [i for i in parser.inputs if i.get("name") == "lifetime_days" and "checked" in i]
    assert len(checked) == 1
    return {"name": name, "lifetime_days": checked[0]["value"]}


def _bearer(token: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    return client


def test_a_user_creates_a_token_on_their_page_sees_it_once_and_only_its_digest_is_kept(client):
    user = inspector()
    client.force_login(user)
    page = client.get("/account/tokens/").content.decode()

    response = client.post("/account/tokens/", _form_data(page, "Analysts' notebook"))

    assert response.status_code == 201
    assert response["Cache-Control"] == "no-store"
    token = re.search(r'id="new-token"[^>]*value="(peel_[^"]+)"', response.content.decode()).group(1)
    row = PersonalAccessToken.objects.get(user=user)
    assert row.digest == hashlib.sha256(token.encode()).hexdigest()
    assert token not in {row.name, row.prefix, row.digest}
    assert row.expires_at.date() == (timezone.now() + datetime.timedelta(days=90)).date()
    assert token not in client.get("/account/tokens/").content.decode()  # shown once


def test_the_token_calls_the_api_as_its_user_and_records_when_it_was_last_used():
    user = inspector()
    created = token_create(user=user, name="Script", lifetime_days=7)

    response = _bearer(created.token).get("/api/v1/inspections/")

    assert response.status_code == 200
    created.row.refresh_from_db()
    assert created.row.last_used_at is not None


def test_a_revoked_token_is_refused_at_once(client):
    user = inspector()
    created = token_create(user=user, name="Script", lifetime_days=7)
    client.force_login(user)

    response = client.post(f"/account/tokens/{created.row.pk}/revoke/")

    assert response.status_code == 302
    refused = _bearer(created.token).get("/api/v1/inspections/")
    assert refused.status_code == 401
    assert refused.json() == {
        "status": 401,
        "code": "authentication_failed",
        "message": "The token was revoked.",
        "errors": {},
    }


def test_an_expired_token_is_refused_and_says_so():
    created = token_create(user=inspector(), name="Script", lifetime_days=1)
    PersonalAccessToken.objects.filter(pk=created.row.pk).update(expires_at=timezone.now())

    response = _bearer(created.token).get("/api/v1/inspections/")

    assert response.status_code == 401
    assert "expired" in response.json()["message"]


def test_a_made_up_token_and_a_deactivated_users_token_are_refused():
    user = inspector()
    created = token_create(user=user, name="Script", lifetime_days=7)
    user.is_active = False
    user.save()

    assert _bearer(created.token).get("/api/v1/inspections/").status_code == 401
    assert _bearer("peel_" + "x" * 43).get("/api/v1/inspections/").status_code == 401


def test_nobody_revokes_another_users_token(client):
    created = token_create(user=inspector(), name="Script", lifetime_days=7)
    client.force_login(inspector())

    response = client.post(f"/account/tokens/{created.row.pk}/revoke/")

    assert response.status_code == 404
    created.row.refresh_from_db()
    assert created.row.revoked_at is None


def test_an_admin_revokes_tokens_in_the_admin_site_but_cannot_create_one_there(client):
    created = token_create(user=inspector(), name="Script", lifetime_days=7)
    client.force_login(admin())

    assert client.get("/admin/api/personalaccesstoken/add/").status_code == 403
    response = client.post(
        "/admin/api/personalaccesstoken/",
        {"action": "revoke", "_selected_action": [created.row.pk]},
    )

    assert response.status_code == 302
    assert _bearer(created.token).get("/api/v1/inspections/").status_code == 401


def test_a_token_needs_a_name_and_a_lifetime_the_form_offers(client):
    client.force_login(inspector())

    response = client.post("/account/tokens/", {"name": "  ", "lifetime_days": "10000"})

    assert response.status_code == 200
    assert not PersonalAccessToken.objects.exists()
    assert b"This field is required" in response.content
    assert b"Select a valid choice" in response.content
