"""The lists' true/false filters take true or false (or nothing): anything else is a 400 naming the
parameter, in the API's one error shape, rather than the whole list unfiltered."""

import pytest

pytestmark = pytest.mark.django_db

FILTERS = [
    ("files/", "double_review"),
    ("afis/", "rejected"),
    ("results/", "overall"),
    ("results/", "below_threshold"),
    ("evidence/", "proposed_afi"),
    ("/api/v1/notifications/", "unread"),
]


def list_url(world, path: str) -> str:
    return path if path.startswith("/") else f"/api/v1/inspections/{world.inspection.pk}/{path}"


@pytest.mark.parametrize("path, parameter", FILTERS)
@pytest.mark.parametrize("value", ["perhaps", "yes", "2", "TRUE "])
def test_a_true_false_filter_given_anything_else_is_a_400_naming_it(world, as_role, path, parameter, value):
    response = as_role("lead").get(list_url(world, path), {parameter: value})

    assert response.status_code == 400
    body = response.json()
    assert body["status"] == 400 and body["code"] == "invalid"
    assert body["errors"] == {parameter: ["Enter true or false."]}


@pytest.mark.parametrize("path, parameter", FILTERS)
def test_true_and_false_split_the_list_and_empty_filters_nothing(world, as_role, path, parameter):
    client = as_role("lead")
    url = list_url(world, path)
    total = client.get(url).json()["count"]

    true, false = (client.get(url, {parameter: value}).json()["count"] for value in ("true", "false"))

    assert true + false == total
    assert client.get(url, {parameter: ""}).json()["count"] == total
