import pytest

from tests.factories.users import inspector


@pytest.mark.django_db
def test_any_logged_in_user_sees_the_force_list(client, django_assert_max_num_queries):
    client.force_login(inspector())

    # session, user, forces, groups (navigation)
    with django_assert_max_num_queries(5):
        response = client.get("/forces/")

    assert response.status_code == 200
    assert response.content.count(b'href="/forces/') == 43 + 1  # each force, and the navigation


@pytest.mark.django_db
def test_a_force_page_shows_its_population_with_the_estimate_year(client):
    client.force_login(inspector())

    response = client.get("/forces/cleveland/")

    assert response.status_code == 200
    assert b"Cleveland Police" in response.content
    assert b"ONS mid-2015 estimate" in response.content


@pytest.mark.django_db
def test_an_unknown_force_is_a_friendly_404(client):
    client.force_login(inspector())

    response = client.get("/forces/gotham/")

    assert response.status_code == 404
    assert b"Page not found" in response.content
