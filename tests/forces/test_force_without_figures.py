"""A force with no figures of its own, beside England and Wales figures that are held (here the published
ones the Cleveland demo loads): Force in numbers says once, plainly, why its column is "–" throughout,
on the force's page and in the report."""

import pytest
from django.urls import reverse

from demo.cleveland_figures import cleveland_figures_ensure
from forces.selectors import force_figures
from tests.factories.inspections import force, inspection_with_drafts
from tests.factories.users import inspector

pytestmark = pytest.mark.django_db

SAID = "No figures are held for Durham"


def test_the_force_page_says_once_why_the_forces_column_is_empty(client):
    cleveland_figures_ensure()
    assert force_figures(force=force("durham")).topics  # England and Wales rows are shown
    client.force_login(inspector())

    page = client.get("/forces/durham/").content.decode()

    assert page.count(SAID) == 1
    assert "so its column shows – throughout" in page


def test_the_report_says_once_why_the_forces_column_is_empty(client):
    cleveland_figures_ensure()
    inspection = inspection_with_drafts(force_slug="durham")
    client.force_login(inspection.lead)

    page = client.get(reverse("publication:report", kwargs={"pk": inspection.pk})).content.decode()

    assert page.count(SAID) == 1
    assert "so its column shows – throughout" in page


def test_a_force_with_figures_is_not_told_it_has_none(client):
    cleveland_figures_ensure()
    client.force_login(inspector())

    page = client.get("/forces/cleveland/").content.decode()

    assert "No figures are held for" not in page
