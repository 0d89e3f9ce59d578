"""The sample pages show the programme's default design without copying it: the inspection's own
design is made by the first write that needs it."""

import pytest
from django.urls import reverse

from reviews.models import SampleDesign, Stratum
from tests.factories.reviews import inspection_2016
from tests.forms_in_html import form_with

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "page", ["reviews:sample", "reviews:design", "reviews:crime_list_import", "reviews:draw"]
)
def test_a_sample_page_shows_the_default_design_and_writes_none(client, page):
    inspection = inspection_2016()
    client.force_login(inspection.lead)

    response = client.get(reverse(page, kwargs={"pk": inspection.pk}))

    assert response.status_code == 200
    assert "Robbery" in response.content.decode()
    assert not SampleDesign.objects.filter(inspection=inspection).exists()
    assert not Stratum.objects.filter(inspection=inspection).exists()


def test_saving_the_default_designs_quotas_makes_the_inspections_own_design(client):
    inspection = inspection_2016()
    client.force_login(inspection.lead)
    path = reverse("reviews:design", kwargs={"pk": inspection.pk})
    data = form_with(client.get(path).content, "total").submission()
    quotas = [name for name in data if name.startswith("quota_")]
    data |= {"total": [str(10 * len(quotas))]} | {name: ["10"] for name in quotas}

    response = client.post(path, data)

    assert response.status_code == 302
    assert SampleDesign.objects.get(inspection=inspection).total == 10 * len(quotas)
    assert {stratum.quota for stratum in Stratum.objects.filter(inspection=inspection)} == {10}


def test_quotas_typed_against_strata_that_changed_meanwhile_are_refused(client):
    inspection = inspection_2016()
    client.force_login(inspection.lead)
    path = reverse("reviews:design", kwargs={"pk": inspection.pk})
    data = form_with(client.get(path).content, "total").submission()
    client.post(path, data)  # the design is made
    first = Stratum.objects.filter(inspection=inspection).order_by("order").first()
    Stratum.objects.filter(pk=first.pk).update(label="Renamed by an admin")

    response = client.post(path, data)

    assert response.status_code == 200
    assert "The design&#x27;s strata changed while you were editing" in response.content.decode()
