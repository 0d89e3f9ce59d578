"""The demo inspections' milestone dates (their fieldwork dates are the inspections' own).

Cleveland 2016 keeps a timetable of the 2016 programme: the crime list asked for after the file-review
window (January to March 2016), the sample drawn before the summer, HMIC's national fieldwork period,
then moderation, the factual accuracy check (its 2017 due date), sign-off and publication on the
dates the demo's report carries (demo/publication.py). Every milestone is done.

Northumbria 2016 is a report waiting to be submitted for sign-off, on the day the demo is loaded: its
sign-off was due two days ago (so the demo shows an overdue flag) and publication is two weeks off.
The demo has no file review for Northumbria, so its crime list, sample and moderation carry no dates.
"""

import datetime

from django.utils import timezone

from demo.factual_accuracy import CLEVELAND_CHECK
from demo.publication import CLEVELAND_PUBLISHED_ON, CLEVELAND_SIGNED_OFF_ON
from peel.models import Inspection
from timeline.models import Milestone, MilestoneKind

CLEVELAND_2016 = {
    MilestoneKind.DATA_REQUEST: datetime.date(2016, 4, 29),
    MilestoneKind.SAMPLE_DUE: datetime.date(2016, 5, 27),
    MilestoneKind.MODERATION: datetime.date(2017, 1, 13),
    MilestoneKind.FA_CHECK: CLEVELAND_CHECK[1],
    MilestoneKind.SIGN_OFF: CLEVELAND_SIGNED_OFF_ON,
    MilestoneKind.PUBLICATION: CLEVELAND_PUBLISHED_ON,
}


def newcomer_dates(today: datetime.date) -> dict[MilestoneKind, datetime.date]:
    return {
        MilestoneKind.FA_CHECK: today,
        MilestoneKind.SIGN_OFF: today - datetime.timedelta(days=2),
        MilestoneKind.PUBLICATION: today + datetime.timedelta(days=14),
    }


def demo_timelines_ensure(*, cleveland: Inspection, newcomer: Inspection) -> None:
    """Give each demo inspection its dates, leaving any date already set (loading twice changes none)."""
    for inspection, dates in (
        (cleveland, CLEVELAND_2016),
        (newcomer, newcomer_dates(timezone.localdate())),
    ):
        for kind, due in dates.items():
            Milestone.objects.get_or_create(inspection=inspection, kind=kind, defaults={"due_date": due})
