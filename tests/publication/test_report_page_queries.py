"""The report page reads as many queries with all ten of the programme's figures placed in its sections
as with one: the figures' data is loaded once, however many are drawn (the benchmark measures the page
with every force's values, docs/benchmarks.md). Both when the page is read from the cache and when the
report is rendered afresh (after an edit)."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from authoring.services.sections import section_body_save
from demo.cleveland_figures import cleveland_figures_ensure
from demo.figure_values import figure_values_ensure
from figures.selectors import figure_choices
from peel.models import Inspection
from publication.report_page_cache import report_body_render
from tests.authoring.builders import inspection_with_sections, section

pytestmark = pytest.mark.django_db
SECTIONS = ["q-1", "q-1.1", "q-1.2", "q-1.3", "q-2", "q-2.1", "q-2.2", "q-3", "q-3.1", "q-3.2"]


def report_queries(client, inspection) -> tuple[int, int, str]:
    """The page's queries (its report kept), the report's fresh render's, and the page."""
    url = reverse("publication:report", kwargs={"pk": inspection.pk})
    client.get(url)  # the session, the charts' cache and the kept report are warm from here on
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    fresh = Inspection.objects.get(pk=inspection.pk)  # as a request reads it, nothing loaded on it yet
    with CaptureQueriesContext(connection) as rendering:
        report_body_render(inspection=fresh, notices=[])
    return len(captured.captured_queries), len(rendering.captured_queries), response.content.decode()


def test_the_report_page_reads_as_many_queries_with_ten_figures_placed_as_with_one(client):
    cleveland_figures_ensure()
    figure_values_ensure()
    cache.clear()
    inspection = inspection_with_sections()
    client.force_login(inspection.lead)
    keys = [key for key, _ in figure_choices(programme=inspection.programme)]
    assert len(keys) == 10
    section_body_save(
        section=section(inspection, SECTIONS[0]), body=f"{{{{figure:{keys[0]}}}}}", version=None,
        user=inspection.lead,
    )  # fmt: skip
    with_one, rendered_with_one, page = report_queries(client, inspection)
    assert page.count('class="report-figure') == 1

    for key, section_key in zip(keys[1:], SECTIONS[1:], strict=True):
        section_body_save(
            section=section(inspection, section_key), body=f"Text.\n\n{{{{figure:{key}}}}}", version=None,
            user=inspection.lead,
        )  # fmt: skip
    with_ten, rendered_with_ten, page = report_queries(client, inspection)

    assert page.count('class="report-figure') == 10
    assert "Figure 10:" in page
    assert with_ten == with_one
    assert rendered_with_ten == rendered_with_one
