import re

import pytest

from tests.factories.users import PASSWORD, admin, inspector, lead
from tests.urlwalk import all_routes, concrete_path

# The only pages a visitor who has not logged in may see (the favicon is an image, not a page; the
# provider's sign-in and callback only while single sign-on is configured, a 404 otherwise). A calendar
# feed answers to the secret in its URL alone, 404 to any other (tests/timeline/test_calendar_feed.py).
PUBLIC = {
    "login",
    "health",
    "favicon",
    "admin:login",
    "identity:sign_in",
    "identity:callback",
    "timeline:feed",
}


def is_api(route) -> bool:
    """The API answers a program, not a person: without a token or session it says 401, in JSON. Its
    documentation is a page like any other."""
    return route.name.startswith("api:") and route.name != "api:docs"


def _walkable_routes(*, api: bool):
    routes = []
    for route in all_routes():
        path = concrete_path(route.route)
        if path is not None and route.name not in PUBLIC and is_api(route) == api:
            routes.append(pytest.param(path, id=route.name or route.route))
    return routes


@pytest.mark.django_db
@pytest.mark.parametrize("path", _walkable_routes(api=False))
def test_every_page_but_login_sends_an_anonymous_visitor_to_log_in(client, path):
    response = client.get(path)

    assert response.status_code == 302, f"{path} answered {response.status_code} to an anonymous visitor"
    assert "/login/" in response["Location"]


@pytest.mark.django_db
@pytest.mark.parametrize("path", _walkable_routes(api=True))
def test_every_api_url_answers_an_anonymous_caller_401_asking_for_a_token(client, path):
    response = client.get(path)

    assert response.status_code == 401, f"{path} answered {response.status_code} to an anonymous caller"
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert response.json()["code"] == "not_authenticated"


def test_the_url_walk_finds_the_admin_and_the_forces_pages():
    names = {route.name for route in all_routes()}

    assert {"home", "forces:list", "forces:detail", "admin:index", "login", "logout"} <= names


@pytest.mark.django_db
def test_the_login_page_is_public_and_labelled(client):
    response = client.get("/accounts/login/")

    assert response.status_code == 200
    assert re.search(rb'<label\s+for="id_username"', response.content)
    assert re.search(rb'<label\s+for="id_password"', response.content)
    assert b"Skip to main content" in response.content


@pytest.mark.django_db
def test_a_user_logs_in_and_lands_on_my_inspections(client):
    user = inspector()

    response = client.post("/accounts/login/", {"username": user.username, "password": PASSWORD}, follow=True)

    assert response.status_code == 200
    assert response.request["PATH_INFO"] == "/"
    assert b"My inspections" in response.content


@pytest.mark.django_db
def test_logout_is_a_post_that_ends_the_session(client):
    user = inspector()
    client.force_login(user)

    response = client.post("/accounts/logout/")

    assert response.status_code == 302
    assert client.get("/").status_code == 302


@pytest.mark.django_db
@pytest.mark.parametrize("make_user", [inspector, lead], ids=["inspector", "lead"])
def test_only_admin_users_reach_the_admin_site(client, make_user):
    client.force_login(make_user())

    response = client.get("/admin/")

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


@pytest.mark.django_db
def test_an_admin_user_manages_forces_in_the_admin_site(client):
    client.force_login(admin())

    assert client.get("/admin/").status_code == 200
    response = client.get("/admin/forces/force/")
    assert response.status_code == 200
    assert b"Cleveland Police" in response.content


@pytest.mark.django_db
def test_the_navigation_offers_admin_only_to_admins(client):
    client.force_login(inspector())
    assert b'href="/admin/"' not in client.get("/").content

    client.force_login(admin())
    assert b'href="/admin/"' in client.get("/").content
