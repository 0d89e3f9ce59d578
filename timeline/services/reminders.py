"""The daily deadline emails: the lead hears once of each milestone coming up and once when it is
overdue (per due date, so moving the date brings a new notice)."""

import datetime

from django.urls import reverse

from notifications.models import NotificationKind
from notifications.services import notification_send
from timeline.selectors import MilestoneRow, Timeline, timelines_to_remind, today


def deadlines_notify(*, on: datetime.date | None = None) -> int:
    """Notify each unpublished inspection's lead of its milestones due within three days or overdue and
    not done; returns how many notifications were recorded (one already sent is not sent again)."""
    on = on or today()
    sent = 0
    for timeline in timelines_to_remind(on=on):
        for row in timeline.rows:
            if row.is_overdue or row.is_soon:
                sent += _notify(timeline, row) is not None
    return sent


def _notify(timeline: Timeline, row: MilestoneRow):
    inspection = timeline.inspection
    where = f"{inspection.force.name} — {inspection.programme.name}"
    when = f"{row.due.day} {row.due:%B %Y}"
    if row.is_overdue:
        kind, prefix = NotificationKind.OVERDUE, "overdue"
        subject = f"Overdue: {row.label} for {inspection.force.name} (due {when})"
    else:
        kind, prefix = NotificationKind.DEADLINE_SOON, "deadline-soon"
        subject = f"{row.status_text}: {row.label} for {inspection.force.name} ({when})"
    body = (
        f"{row.label} of {where} is due on {when} and is not done yet ({row.status_text.lower()}). "
        "The timeline shows every milestone and its date."
    )
    return notification_send(
        recipient=inspection.lead,
        kind=kind,
        subject=subject,
        body=body,
        url=reverse("timeline:timeline", kwargs={"pk": inspection.pk}),
        key=f"{prefix}:{inspection.pk}:{row.kind}:{row.due.isoformat()}",
    )
