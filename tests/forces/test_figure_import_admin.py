import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from forces.models import MetricValue
from tests.factories.users import admin, inspector, lead

URL = "/admin/forces/metricvalue/import/"
GOOD = (
    b"force,metric,period,numerator,denominator\n"
    b"cleveland,calls_for_assistance_per_1000,12m-to-2016-06-30,233562,562800\n"
)


@pytest.mark.django_db
def test_an_admin_uploads_a_figures_file_and_is_told_how_many_were_imported(client):
    client.force_login(admin())

    response = client.post(URL, {"file": SimpleUploadedFile("figures.csv", GOOD)}, follow=True)

    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == "/admin/forces/metricvalue/"
    assert b"Imported 1 figure from figures.csv: 1 new, 0 replaced." in response.content
    assert MetricValue.objects.count() == 1


@pytest.mark.django_db
def test_the_upload_page_lists_every_problem_and_saves_nothing(client):
    client.force_login(admin())
    content = GOOD + b"Gotham,calls_for_assistance_per_1000,12m-to-2016-06-30,1,2\n"

    response = client.post(URL, {"file": SimpleUploadedFile("figures.csv", content)})

    assert response.status_code == 200
    assert b'role="alert"' in response.content
    assert b"Unknown forces: &#x27;Gotham&#x27;." in response.content
    assert b"Row 3, column &#x27;force&#x27;: no force is called &#x27;Gotham&#x27;" in response.content
    assert not MetricValue.objects.exists()


@pytest.mark.django_db
def test_the_upload_page_refuses_a_file_that_is_not_csv_or_xlsx(client):
    client.force_login(admin())

    response = client.post(URL, {"file": SimpleUploadedFile("figures.pdf", b"%PDF")})

    assert response.status_code == 200
    assert b"Choose a .csv or an .xlsx file." in response.content


@pytest.mark.django_db
def test_the_figures_list_in_the_admin_links_to_the_upload(client):
    client.force_login(admin())

    response = client.get("/admin/forces/metricvalue/")

    assert response.status_code == 200
    assert f'href="{URL}"'.encode() in response.content


@pytest.mark.django_db
@pytest.mark.parametrize("make_user", [inspector, lead], ids=["inspector", "lead"])
def test_only_admins_reach_the_upload_page(client, make_user):
    client.force_login(make_user())

    get = client.get(URL)
    post = client.post(URL, {"file": SimpleUploadedFile("figures.csv", GOOD)})

    assert get.status_code == 302 and get["Location"].startswith("/admin/login/")
    assert post.status_code == 302 and post["Location"].startswith("/admin/login/")
    assert not MetricValue.objects.exists()


@pytest.mark.django_db
def test_a_rate_entered_by_hand_in_the_admin_without_its_numerator_and_denominator_is_refused(client):
    from forces.models import Metric, Period
    from tests.factories.inspections import force

    client.force_login(admin())
    metric = Metric.objects.get(code="calls_for_assistance_per_1000")

    response = client.post(
        "/admin/forces/metricvalue/add/",
        {
            "metric": metric.pk,
            "force": force("cleveland").pk,
            "period": Period.objects.get(code="12m-to-2016-06-30").pk,
            "value": "415",
            "numerator": "",
            "denominator": "",
        },
    )

    assert response.status_code == 200
    assert b"is a rate or proportion: give its numerator and denominator" in response.content
    assert not MetricValue.objects.exists()
