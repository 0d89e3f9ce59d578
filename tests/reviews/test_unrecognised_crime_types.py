"""The import names each crime type it did not recognise, with its rows, and the lead can map one to a
stratum as another name of its crime type, so the next import brings those rows into the frame."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from reviews.models import Stratum
from reviews.services.design import stratum_alias_add
from reviews.services.draw import sample_draw
from reviews.services.refusals import Refused
from tests.factories.reviews import csv_bytes, frame_rows, import_rows, inspection_2016
from tests.forms_in_html import forms_in

pytestmark = pytest.mark.django_db


def with_assault_with_injury(per_stratum: int = 2) -> list[tuple]:
    rows = frame_rows(per_stratum)
    rows += [(f"AWI{n}", "Assault with injury", "2016-02-01", "N", "") for n in range(600)]
    rows += [(f"TV{n}", " Theft from a vehicle ", "2016-02-01", "N", "") for n in range(3)]
    return rows


def test_the_import_keeps_each_unrecognised_crime_type_with_its_rows_most_first():
    inspection = inspection_2016()

    result = import_rows(inspection, with_assault_with_injury())

    assert result.crime_list.unmatched_crime_types == [
        ["Assault with injury", 600],
        ["Theft from a vehicle", 3],
    ]


def test_the_import_page_lists_them_and_maps_one_from_the_rendered_form(client):
    inspection = inspection_2016()
    import_rows(inspection, with_assault_with_injury())
    client.force_login(inspection.lead)
    url = reverse("reviews:crime_list_import", kwargs={"pk": inspection.pk})
    page = client.get(url).content.decode()
    assert "Crime types not recognised" in page
    assert "Assault with injury" in page and "600" in page
    mapping = next(
        form
        for form in forms_in(page)
        if "crime_type" in form.names and form.submission()["crime_type"] == ["Assault with injury"]
    )
    gbh = Stratum.objects.get(inspection=inspection, label="Grievous bodily harm")

    response = client.post(mapping.action(url), mapping.submission(stratum=gbh.pk))

    assert response.status_code == 302
    gbh.refresh_from_db()
    assert "Assault with injury" in gbh.crime_type_aliases.splitlines()
    after = client.get(response.url).content.decode()
    assert "now counts as Grievous bodily harm: upload the crime list again" in after
    assert "Assault with injury</th>" not in after  # mapped: no longer offered


def test_after_mapping_the_next_import_puts_those_rows_in_the_stratum():
    inspection = inspection_2016()
    import_rows(inspection, with_assault_with_injury())
    gbh = Stratum.objects.get(inspection=inspection, label="Grievous bodily harm")
    stratum_alias_add(inspection=inspection, stratum_id=gbh.pk, crime_type="Assault with injury")

    result = import_rows(inspection, with_assault_with_injury())

    assert dict(result.stratum_sizes)["Grievous bodily harm"] == 602
    assert result.crime_list.unmatched_crime_types == [["Theft from a vehicle", 3]]


def test_a_name_a_stratum_already_recognises_is_refused_naming_that_stratum():
    inspection = inspection_2016()
    import_rows(inspection, frame_rows(1))
    rape = Stratum.objects.get(inspection=inspection, label="Rape")

    with pytest.raises(Refused, match="“robbery” is already a crime type of Robbery"):
        stratum_alias_add(inspection=inspection, stratum_id=rape.pk, crime_type="  robbery ")


def test_mapping_is_refused_once_the_sample_is_drawn():
    inspection = inspection_2016()
    import_rows(inspection, with_assault_with_injury(20))
    sample_draw(inspection=inspection, seed=1)
    gbh = Stratum.objects.get(inspection=inspection, label="Grievous bodily harm")

    with pytest.raises(Refused, match="The sample has been drawn"):
        stratum_alias_add(inspection=inspection, stratum_id=gbh.pk, crime_type="Assault with injury")


def test_a_stratum_of_another_inspection_is_refused(client):
    inspection, other = inspection_2016(), inspection_2016()
    import_rows(inspection, with_assault_with_injury())
    import_rows(other, frame_rows(1))
    theirs = Stratum.objects.get(inspection=other, label="Rape")
    client.force_login(inspection.lead)

    client.post(
        reverse("reviews:crime_type_alias_add", kwargs={"pk": inspection.pk}),
        {"crime_type": "Assault with injury", "stratum": theirs.pk},
    )

    theirs.refresh_from_db()
    assert theirs.crime_type_aliases == ""


def test_an_upload_with_unrecognised_types_stays_on_the_import_page(
    client, django_capture_on_commit_callbacks
):
    inspection = inspection_2016()
    client.force_login(inspection.lead)
    url = reverse("reviews:crime_list_import", kwargs={"pk": inspection.pk})
    upload = SimpleUploadedFile("crimes.csv", csv_bytes(with_assault_with_injury()), "text/csv")

    with django_capture_on_commit_callbacks(execute=True):  # the import task, in process as on SQLite
        response = client.post(url, {"crime_list": upload})

    assert response.status_code == 302 and response.url == url
    assert "Crime types not recognised" in client.get(url).content.decode()
