"""Each person's secret calendar link: an iCalendar feed of the milestones of every inspection they see."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from icalendar import Calendar

from tests.factories.users import inspector
from tests.timeline.conftest import dated
from timeline.models import CalendarToken

pytestmark = pytest.mark.django_db


def link_made(client, user) -> CalendarToken:
    client.force_login(user)
    assert client.post(reverse("timeline:regenerate")).status_code == 302
    return CalendarToken.objects.get(user=user)


def feed_of(token: CalendarToken):
    """The feed as a calendar program fetches it: no session."""
    return Client().get(reverse("timeline:feed", kwargs={"token": token.token}))


def events(response) -> dict[str, object]:
    calendar = Calendar.from_ical(response.content)
    return {str(event["summary"]): event for event in calendar.walk("VEVENT")}


def test_the_feed_has_an_all_day_event_per_dated_milestone_of_my_inspections(client, inspection, settings):
    settings.PEEL_SITE_URL = "https://peel.example.org"
    dated(inspection, data_request=datetime.date(2016, 4, 15), publication=datetime.date(2017, 3, 2))
    token = link_made(client, inspection.team.first())
    response = feed_of(token)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    found = events(response)
    assert set(found) == {
        "Cleveland Police: Data request",
        "Cleveland Police: Fieldwork",
        "Cleveland Police: Publication",
    }
    data_request = found["Cleveland Police: Data request"]
    assert data_request.decoded("dtstart") == datetime.date(2016, 4, 15)
    assert data_request.decoded("dtend") == datetime.date(2016, 4, 16)
    assert str(data_request["url"]) == f"https://peel.example.org/inspections/{inspection.pk}/timeline/"
    fieldwork = found["Cleveland Police: Fieldwork"]
    assert fieldwork.decoded("dtstart") == datetime.date(2016, 9, 5)
    assert fieldwork.decoded("dtend") == datetime.date(2016, 10, 1)


def test_an_event_keeps_its_uid_when_its_date_moves(client, inspection):
    dated(inspection, moderation=datetime.date(2017, 1, 13))
    token = link_made(client, inspection.lead)
    before = str(events(feed_of(token))["Cleveland Police: Moderation"]["uid"])
    dated(inspection, moderation=datetime.date(2017, 1, 20))
    after = events(feed_of(token))["Cleveland Police: Moderation"]
    assert str(after["uid"]) == before
    assert after.decoded("dtstart") == datetime.date(2017, 1, 20)


def test_the_feed_holds_no_inspection_i_cannot_see(client, inspection):
    dated(inspection, data_request=datetime.date(2016, 4, 15))
    token = link_made(client, inspector())
    assert events(feed_of(token)) == {}


def test_regenerating_the_link_kills_the_old_one(client, inspection):
    old = link_made(client, inspection.lead)
    old_token = old.token
    page = client.get(reverse("timeline:calendar")).content.decode()
    assert old_token in page
    new = link_made(client, inspection.lead)
    assert new.token != old_token
    assert Client().get(reverse("timeline:feed", kwargs={"token": old_token})).status_code == 404
    assert feed_of(new).status_code == 200
    assert new.token in client.get(reverse("timeline:calendar")).content.decode()


def test_an_unknown_or_malformed_link_is_404(client, inspection):
    token = link_made(client, inspection.lead)
    wrong_secret = token.key + "0" * CalendarToken.SECRET_LENGTH
    assert Client().get(reverse("timeline:feed", kwargs={"token": wrong_secret})).status_code == 404
    assert Client().get(f"/calendar/{token.token[:-1]}.ics").status_code == 404
    assert Client().get("/calendar/not-a-token.ics").status_code == 404


def test_a_deactivated_users_link_stops_working(client, inspection):
    user = inspection.team.first()
    token = link_made(client, user)
    user.is_active = False
    user.save()
    assert feed_of(token).status_code == 404


def test_before_any_link_is_made_the_page_offers_to_make_one(client, inspection):
    client.force_login(inspection.lead)
    page = client.get(reverse("timeline:calendar")).content.decode()
    assert "Make my calendar link" in page
    assert not CalendarToken.objects.exists()
