"""Pages are never stored by a browser cache or a proxy; static files keep their long caching."""

import pytest
from django.test import Client

from tests.factories.users import inspector


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/accounts/login/", "/forces/", "/no-such-page/"])
def test_pages_may_not_be_stored(client, path):
    client.force_login(inspector())

    response = client.get(path)

    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


@pytest.mark.django_db
def test_static_files_keep_their_long_caching(settings):
    settings.WHITENOISE_USE_FINDERS = True  # the files are found where they lie, as nothing was collected
    settings.WHITENOISE_MAX_AGE = 3600

    response = Client().get("/static/peel/peel.css")

    assert response.status_code == 200
    assert response["Cache-Control"] == "max-age=3600, public"
