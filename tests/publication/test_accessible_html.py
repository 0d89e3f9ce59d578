"""The report page is the primary publication: its language is set, its headings run in order from one
h1, and every chart has a text alternative (axe-core checks the rest in tests/browser/test_publication.py)."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from peel.models import Inspection
from tests.reports.builders import reportable_inspection
from tests.reports.conftest import data_for_the_module

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def reported(django_db_setup, django_db_blocker):
    with data_for_the_module(django_db_blocker):
        yield reportable_inspection()


class Outline(HTMLParser):
    """The page's language, the levels of its headings inside the report, and its charts' titles."""

    def __init__(self):
        super().__init__()
        self.language = None
        self.levels: list[int] = []
        self.charts: list[dict] = []
        self._in_report = 0
        self._chart = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "html":
            self.language = attributes.get("lang")
        if tag == "article" and "report" in (attributes.get("class") or "").split():
            self._in_report += 1
        if self._in_report and tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
            self.levels.append(int(tag[1]))
        if tag == "svg":
            self._chart = {"role": attributes.get("role"), "title": ""}
            self.charts.append(self._chart)
        if tag == "title" and self._chart is not None:
            self._chart["in_title"] = True

    def handle_endtag(self, tag):
        if tag == "title" and self._chart is not None:
            self._chart["in_title"] = False
        if tag == "svg":
            self._chart = None

    def handle_data(self, data):
        if self._chart is not None and self._chart.get("in_title"):
            self._chart["title"] += data


def outline_of(client, inspection) -> Outline:
    client.force_login(inspection.lead)
    response = client.get(reverse("publication:report", kwargs={"pk": inspection.pk}))
    assert response.status_code == 200
    outline = Outline()
    outline.feed(response.content.decode())
    return outline


def test_the_report_page_says_its_language(client, reported):
    assert outline_of(client, Inspection.objects.get(pk=reported.pk)).language == "en-GB"


def test_the_reports_headings_start_at_one_h1_and_never_skip_a_level(client, reported):
    levels = outline_of(client, Inspection.objects.get(pk=reported.pk)).levels

    assert levels[0] == 1 and levels.count(1) == 1
    assert not [
        (before, after) for before, after in zip(levels, levels[1:], strict=False) if after > before + 1
    ]


def test_every_chart_on_the_report_page_is_an_image_with_a_text_alternative(client, reported):
    charts = outline_of(client, Inspection.objects.get(pk=reported.pk)).charts

    assert charts
    assert all(chart["role"] == "img" and chart["title"].strip() for chart in charts)
