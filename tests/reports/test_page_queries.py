"""The compile page and the report page cost the same number of queries with ten times the data."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

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
        # session, user, roles; the inspection; the framework; judgments; summaries; AFIs with their
        # notes, criteria and recommendations; causes with recommendations; criterion results and their
        # questions; evidence counts; the previous inspection's findings, assessments and overall grade;
        # the latest compile; the criteria count; the annex's strata, results and files per stratum; the
        # force's figures (metrics, forces, periods, values, exclusions, published figures). Then the
        # publication panel: the content digest (inspection's rows by kind, the compile, an open
        # correction), the latest sign-off, the published versions and their notices, the draft PDF,
        # and the checklist (waiting rows by kind, empty sections); the written narrative (sections,
        # the results their references cite, the programme's texts, the title page's details), with
        # its sections and details in the digest and the checklist. The grade scales of the programme and
        # of the previous inspection's, and the programme's finding types. The unread notifications.
        ("publication:report", 70),
    ],
)
def test_pages_stay_within_a_fixed_query_count_as_data_grows_tenfold(client, inspections, name, bound):
    small = queries_for(client, inspections[0], name)
    large = queries_for(client, inspections[1], name)

    assert small == large
    assert large <= bound
