"""The compile page and the report page cost the same number of queries with ten times the data."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from peel.models import Inspection
from publication.report_page_cache import report_body_render
from tests.reports.builders import reportable_inspection
from tests.reports.conftest import data_for_the_module

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def inspections(django_db_setup, django_db_blocker):
    """A Cleveland-sized inspection and one with ten times the files and notes, built once."""
    with data_for_the_module(django_db_blocker):
        yield (
            reportable_inspection(files=60, notes_per_sub_question=3),
            reportable_inspection(files=600, notes_per_sub_question=30, force_slug="durham"),
        )


def queries_for(client, inspection, name) -> int:
    client.force_login(inspection.lead)
    url = reverse(name, kwargs={"pk": inspection.pk})
    client.get(url)  # the session and the chart's cache are warm from here on
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize(
    ("name", "bound"),
    [
        # session, user, roles; the inspection; runs; results table (strata, results); evidence;
        # proposals; compiled AFIs; the audit estimate; the unread notifications (the menu's badge).
        ("reports:compile", 14),
        # The report page with its report kept (tests/publication/test_report_page_cache.py): session,
        # user, roles; the inspection; the key's rows (one union of every kind the report is made of,
        # publication/report_sources.py); the open correction, the latest sign-off and the published
        # versions (the digest, the rendered report and the content checklist come from the cache); the
        # draft PDF; the factual accuracy check; the unread notifications. (70 when the page built the
        # report on every request; the fresh render's own count is flat too, below.)
        ("publication:report", 11),
    ],
)
def test_pages_stay_within_a_fixed_query_count_as_data_grows_tenfold(client, inspections, name, bound):
    small = queries_for(client, inspections[0], name)
    large = queries_for(client, inspections[1], name)

    assert small == large
    assert large <= bound


def test_the_report_renders_afresh_in_a_fixed_query_count_as_data_grows_tenfold(inspections):
    """What the report page reads when its report is not kept yet (after an edit): the report itself."""
    counts = []
    for inspection in inspections:
        fresh = Inspection.objects.get(pk=inspection.pk)  # as a request reads it, nothing loaded on it yet
        with CaptureQueriesContext(connection) as captured:
            report_body_render(inspection=fresh, notices=[])
        counts.append(len(captured.captured_queries))

    assert counts[0] == counts[1]
