"""The OpenAPI 3 schema is valid, documents every operation's error shape, and its documentation page
loads assets served by the app itself (no CDN) under the site's Content-Security-Policy."""

import re

import pytest
from drf_spectacular.validation import validate_schema

from tests.factories.users import inspector

pytestmark = pytest.mark.django_db


def test_the_schema_is_valid_openapi_3_and_every_operation_declares_the_error_shape(world, as_role):
    response = as_role("inspector").get("/api/schema/")

    assert response.status_code == 200
    schema = response.json()
    validate_schema(schema)
    assert schema["openapi"].startswith("3.")
    operations = [op for methods in schema["paths"].values() for op in methods.values()]
    assert len(operations) >= 24
    for operation in operations:
        assert operation["responses"]["404"]["content"]["application/json"]["schema"] == {
            "$ref": "#/components/schemas/Error"
        }
    assert all(path.startswith("/api/v1/") for path in schema["paths"])
    assert schema["components"]["securitySchemes"]["personalAccessToken"]["scheme"] == "bearer"


def test_the_documentation_page_loads_its_assets_from_the_app_itself(client):
    client.force_login(inspector())

    response = client.get("/api/docs/")

    assert response.status_code == 200
    html = response.content.decode()
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert assets and all(asset.startswith("/") for asset in assets), assets
    assert "<script>" not in html.replace(" ", "")  # no inline script: the CSP would block it
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "default-src 'self'" in csp
    script = next(asset for asset in assets if "script" in asset and "swagger" not in asset)
    assert client.get(script).status_code == 200
