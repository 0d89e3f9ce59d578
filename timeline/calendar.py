"""One person's calendar feed (iCalendar, RFC 5545): an all-day event per dated milestone of every
inspection they can see. Each event's UID is its inspection and kind, so a calendar program updates the
event when its date moves instead of adding another."""

import datetime
from urllib.parse import urlparse

from django.conf import settings
from django.urls import reverse
from icalendar import Calendar, Event

from timeline.selectors import MilestoneRow, Timeline, timelines_visible_to

PRODID = "-//peel//Inspection deadlines//EN"


def calendar_feed(*, user) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "peel: inspection deadlines")
    stamp = datetime.datetime.now(datetime.UTC)
    for timeline in timelines_visible_to(user=user):
        for row in timeline.rows:
            if row.due is not None:
                calendar.add_component(_event(timeline, row, stamp))
    return calendar.to_ical()


def _event(timeline: Timeline, row: MilestoneRow, stamp: datetime.datetime) -> Event:
    inspection = timeline.inspection
    path = reverse("timeline:timeline", kwargs={"pk": inspection.pk})
    event = Event()
    event.add("uid", f"inspection-{inspection.pk}-{row.kind}@{_host()}")
    event.add("dtstamp", stamp)
    start = row.start or row.due
    event.add("dtstart", start)
    # An all-day event's end is exclusive: the day after its last day.
    event.add("dtend", row.due + datetime.timedelta(days=1))
    done = " (completed)" if row.complete else ""
    event.add("summary", f"{inspection.force.name}: {row.label}{done}")
    event.add("description", f"{inspection.force.name} — {inspection.programme.name}. {row.status_text}.")
    event.add("url", settings.PEEL_SITE_URL.rstrip("/") + path)
    event.add("transp", "TRANSPARENT")
    return event


def _host() -> str:
    return urlparse(settings.PEEL_SITE_URL).hostname or "peel"
