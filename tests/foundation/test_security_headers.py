import pytest

from tests.factories.users import inspector


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/accounts/login/", "/", "/forces/"])
def test_pages_carry_the_security_headers(client, path):
    client.force_login(inspector())

    response = client.get(path)

    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


@pytest.mark.django_db
def test_pages_load_no_asset_from_another_host(client):
    client.force_login(inspector())

    html = client.get("/").content.decode()

    assert "http://" not in html.replace("http://www.w3.org", "")
    assert "https://" not in html


@pytest.mark.django_db
def test_production_redirects_plain_http_to_https(client, settings):
    settings.SECURE_SSL_REDIRECT = True

    response = client.get("/accounts/login/")

    assert response.status_code == 301
    assert response["Location"] == "https://testserver/accounts/login/"
