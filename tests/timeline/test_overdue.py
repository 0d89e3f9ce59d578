"""Overdue: not done and due before today. Flagged on the timeline, the overview and My deadlines."""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories.inspections import inspection_with_drafts
from tests.factories.users import inspector
from tests.timeline.conftest import dated, days
from timeline.models import MilestoneKind
from timeline.selectors import MilestoneRow
from timeline.services import calendar_token_renew

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2016, 10, 3)


def row(due, complete=False):
    return MilestoneRow(
        inspection_id=1, kind=MilestoneKind.MODERATION, due=due, complete=complete, today=TODAY
    )


@pytest.mark.parametrize(
    ("due", "complete", "text", "overdue"),
    [
        (datetime.date(2016, 10, 1), False, "Overdue by 2 days", True),
        (datetime.date(2016, 10, 2), False, "Overdue by 1 day", True),
        (datetime.date(2016, 10, 3), False, "Due today", False),
        (datetime.date(2016, 10, 4), False, "Due in 1 day", False),
        (datetime.date(2016, 10, 13), False, "Due in 10 days", False),
        (datetime.date(2016, 10, 1), True, "Completed", False),
        (None, False, "No date set", False),
    ],
)
def test_a_milestone_is_overdue_only_when_not_done_and_due_before_today(due, complete, text, overdue):
    milestone = row(due, complete)
    assert milestone.status_text == text
    assert milestone.is_overdue is overdue


def test_the_timeline_page_shows_each_milestone_with_its_status_to_the_team(client, inspection):
    dated(inspection, data_request=days(-2), sample_due=days(5))
    client.force_login(inspection.team.first())
    response = client.get(reverse("timeline:timeline", kwargs={"pk": inspection.pk}))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Overdue by 2 days" in page
    assert "Due in 5 days" in page
    assert 'data-status="danger"' in page
    # Fieldwork's dates are the inspection's, shown as its first and last day; it ended before today.
    assert "2 milestones overdue." in page
    assert "5 September 2016 to 30 September 2016" in page
    assert "Change dates" not in page


def test_the_overview_flags_overdue_milestones_in_red(client, inspection):
    dated(inspection, data_request=days(-1))
    client.force_login(inspection.lead)
    page = client.get(inspection.get_absolute_url()).content.decode()
    assert 'id="timeline-overdue"' in page
    assert "Data request: due" in page


def test_the_overview_flags_nothing_when_nothing_is_overdue(client, inspection):
    inspection.fieldwork_end = inspection.fieldwork_start = None
    inspection.save()
    dated(inspection, data_request=days(1))
    client.force_login(inspection.lead)
    assert 'id="timeline-overdue"' not in client.get(inspection.get_absolute_url()).content.decode()


def test_my_deadlines_lists_the_overdue_milestones_of_my_inspections_only(client, inspection):
    dated(inspection, moderation=days(-3))
    client.force_login(inspection.team.first())
    page = client.get(reverse("timeline:calendar")).content.decode()
    assert "Moderation, due" in page and "Overdue by 3 days" in page
    client.force_login(inspector())
    assert "Nothing overdue" in client.get(reverse("timeline:calendar")).content.decode()


def test_someone_outside_the_inspection_gets_404_for_its_timeline(client, inspection):
    client.force_login(inspector())
    assert client.get(reverse("timeline:timeline", kwargs={"pk": inspection.pk})).status_code == 404


def test_the_timeline_page_reads_a_fixed_number_of_queries(client, inspection, django_assert_max_num_queries):
    dated(inspection, data_request=days(-2), sample_due=days(5), moderation=days(9), publication=days(40))
    client.force_login(inspection.lead)
    url = reverse("timeline:timeline", kwargs={"pk": inspection.pk})
    client.get(url)
    with django_assert_max_num_queries(12):
        assert client.get(url).status_code == 200


def test_my_deadlines_and_the_feed_read_as_many_queries_for_three_inspections_as_for_one(client, inspection):
    user = inspection.team.first()
    dated(inspection, data_request=days(-2))
    token = calendar_token_renew(user=user)
    client.force_login(user)

    def counts():
        with CaptureQueriesContext(connection) as page:
            client.get(reverse("timeline:calendar"))
        with CaptureQueriesContext(connection) as feed:
            Client().get(reverse("timeline:feed", kwargs={"token": token.token}))
        return len(page), len(feed)

    counts()
    before = counts()
    for slug in ("durham", "northumbria"):
        other = inspection_with_drafts(force_slug=slug, team=[user])
        dated(other, data_request=days(-1), moderation=days(4))
    assert counts() == before


def test_the_leads_to_do_list_flags_each_overdue_milestone_in_red(client, inspection):
    dated(inspection, moderation=days(-3), publication=days(30))
    client.force_login(inspection.lead)
    page = client.get("/").content.decode()
    timeline_url = reverse("timeline:timeline", kwargs={"pk": inspection.pk})
    assert f'<a href="{timeline_url}">Moderation overdue: due' in page
    assert f'<a href="{timeline_url}">Fieldwork overdue: due 30 September 2016</a>' in page
    assert "Publication overdue" not in page
    assert page.count('text-bg-danger me-1">Overdue</span>') == 2
    # The team sees the flags on the inspection's pages; the to-do list's are the lead's to act on.
    client.force_login(inspection.team.first())
    assert "Moderation overdue" not in client.get("/").content.decode()
