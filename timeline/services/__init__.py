"""Writes of the timeline: an inspection's dates, a person's calendar link, the deadline emails."""

from timeline.services.calendar import calendar_token_renew
from timeline.services.dates import timeline_save
from timeline.services.reminders import deadlines_notify

__all__ = ["calendar_token_renew", "deadlines_notify", "timeline_save"]
