"""The app has an icon: every page links it, and /favicon.ico (asked for by browsers and bookmarks
whatever the page links) leads to it rather than to a 404 in every page's log."""

import pytest
from django.contrib.staticfiles import finders

pytestmark = pytest.mark.django_db


def test_favicon_ico_redirects_to_the_icon_among_the_static_files_without_logging_in(client):
    response = client.get("/favicon.ico")

    assert response.status_code == 301
    assert response["Location"].endswith("peel/favicon.ico")
    assert finders.find("peel/favicon.ico")
    with open(finders.find("peel/favicon.ico"), "rb") as icon:
        assert icon.read(4) == b"\x00\x00\x01\x00"  # an ICO file


def test_every_page_links_the_icon(client):
    page = client.get("/accounts/login/").content.decode()

    assert 'rel="icon" href="/static/peel/favicon.svg"' in page
    assert finders.find("peel/favicon.svg")
