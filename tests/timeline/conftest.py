import datetime

import pytest
from django.utils import timezone

from tests.factories.inspections import inspection_with_drafts
from timeline.models import Milestone, MilestoneKind


@pytest.fixture
def inspection(db):
    """A PEEL 2016 inspection with its lead and two team members, fieldwork in September 2016."""
    return inspection_with_drafts(
        fieldwork_start=datetime.date(2016, 9, 5), fieldwork_end=datetime.date(2016, 9, 30)
    )


def dated(inspection, **dates: datetime.date) -> None:
    """Give the inspection's milestones these due dates (by kind)."""
    for kind, due in dates.items():
        Milestone.objects.update_or_create(
            inspection=inspection, kind=MilestoneKind(kind), defaults={"due_date": due}
        )


def days(n: int) -> datetime.date:
    """Today plus ``n`` days (the pages count from the real today)."""
    return timezone.localdate() + datetime.timedelta(days=n)


def login(client, user):
    client.force_login(user)
    return client
