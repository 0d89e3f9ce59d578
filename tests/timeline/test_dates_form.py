"""The lead (or an Admin) sets every milestone's date in one form, submitted as the page holds it."""

import datetime

import pytest
from django.urls import reverse

from tests.factories.users import admin
from tests.forms_in_html import form_with
from tests.timeline.conftest import dated
from timeline.models import Milestone, MilestoneKind

pytestmark = pytest.mark.django_db


def dates_url(inspection) -> str:
    return reverse("timeline:dates", kwargs={"pk": inspection.pk})


def opened(client, inspection, user=None):
    client.force_login(user or inspection.lead)
    return form_with(client.get(dates_url(inspection)).content, "data_request")


def test_the_lead_sets_the_dates_and_the_timeline_shows_them(client, inspection):
    form = opened(client, inspection)
    response = client.post(
        dates_url(inspection),
        form.submission(data_request="2016-04-15", moderation="2017-01-13", fieldwork_end="2016-12-02"),
    )
    assert response.status_code == 302
    saved = dict(Milestone.objects.filter(inspection=inspection).values_list("kind", "due_date"))
    assert saved == {
        MilestoneKind.DATA_REQUEST: datetime.date(2016, 4, 15),
        MilestoneKind.MODERATION: datetime.date(2017, 1, 13),
    }
    inspection.refresh_from_db()
    assert (inspection.fieldwork_start, inspection.fieldwork_end) == (
        datetime.date(2016, 9, 5),
        datetime.date(2016, 12, 2),
    )
    page = client.get(response.url).content.decode()
    assert "15 April 2016" in page and "5 September 2016 to 2 December 2016" in page


def test_an_admin_may_set_the_dates_too(client, inspection):
    form = opened(client, inspection, admin())
    response = client.post(dates_url(inspection), form.submission(sign_off="2017-02-24"))
    assert response.status_code == 302
    assert Milestone.objects.get(
        inspection=inspection, kind=MilestoneKind.SIGN_OFF
    ).due_date == datetime.date(2017, 2, 24)


def test_a_team_member_may_look_at_the_timeline_but_not_change_its_dates(client, inspection):
    client.force_login(inspection.team.first())
    assert client.get(dates_url(inspection)).status_code == 403
    assert client.post(dates_url(inspection), {"data_request": "2016-04-15"}).status_code == 403
    assert not Milestone.objects.exists()


def test_saving_the_form_unchanged_writes_nothing(client, inspection):
    dated(inspection, data_request=datetime.date(2016, 4, 15))
    before = Milestone.objects.get().updated_at
    form = opened(client, inspection)
    assert client.post(dates_url(inspection), form.submission()).status_code == 302
    assert Milestone.objects.get().updated_at == before


def test_fieldwork_ending_before_it_starts_is_refused_naming_the_field(client, inspection):
    form = opened(client, inspection)
    response = client.post(
        dates_url(inspection),
        form.submission(fieldwork_start="2016-10-10", fieldwork_end="2016-10-01", publication="2017-03-02"),
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "01/10/2016 is before fieldwork&#x27;s first day (10/10/2016)" in page
    assert 'id="error_1_id_fieldwork_end"' in page or "is-invalid" in page
    assert not Milestone.objects.exists()
    inspection.refresh_from_db()
    assert inspection.fieldwork_end == datetime.date(2016, 9, 30)


def test_a_stale_save_is_refused_and_the_lead_keeps_what_they_typed(client, inspection):
    form = opened(client, inspection)
    # Someone else saves the timeline after the lead opened the form.
    other = opened(client.__class__(), inspection, admin())
    client.force_login(admin())
    client.post(dates_url(inspection), other.submission(data_request="2016-04-01"))
    client.force_login(inspection.lead)
    response = client.post(dates_url(inspection), form.submission(data_request="2016-04-15"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Someone else changed this timeline after you opened it" in page
    assert "What is saved now" in page and "01/04/2016" in page
    kept = form_with(response.content, "data_request")
    assert kept.submission()["data_request"] == ["2016-04-15"]
    assert Milestone.objects.get(kind=MilestoneKind.DATA_REQUEST).due_date == datetime.date(2016, 4, 1)
    # Saving again is a deliberate replacement of what the other person saved.
    assert client.post(dates_url(inspection), kept.submission()).status_code == 302
    assert Milestone.objects.get(kind=MilestoneKind.DATA_REQUEST).due_date == datetime.date(2016, 4, 15)


def test_a_change_of_fieldwork_on_team_and_dates_makes_an_open_timeline_form_stale(client, inspection):
    form = opened(client, inspection)
    inspection.fieldwork_end = datetime.date(2016, 10, 7)
    inspection.save()
    response = client.post(dates_url(inspection), form.submission(data_request="2016-04-15"))
    assert "Someone else changed this timeline" in response.content.decode()
    inspection.refresh_from_db()
    assert inspection.fieldwork_end == datetime.date(2016, 10, 7)
