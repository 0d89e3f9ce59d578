"""An admin previews a figure, or all of a programme's figures, for a chosen force, as a report shows them."""

import re
import xml.etree.ElementTree as ET
from html import unescape

import pytest

from demo.cleveland_figures import cleveland_figures_ensure
from demo.figure_values import figure_values_ensure
from figures.models import FigureDefinition
from tests.factories.inspections import peel_2016
from tests.factories.users import admin, lead

pytestmark = pytest.mark.django_db
PREVIEW_ALL = "/admin/figures/figuredefinition/preview/"


@pytest.fixture
def demo_values():
    cleveland_figures_ensure()
    figure_values_ensure()


def _all(pattern: str, content: bytes) -> list[str]:
    """The text each match of ``pattern``'s group holds, tags removed."""
    return [
        unescape(re.sub(r"<[^>]+>", "", found)).strip()
        for found in re.findall(pattern, content.decode(), flags=re.DOTALL)
    ]


def _preview_url(key: str) -> str:
    return f"/admin/figures/figuredefinition/{FigureDefinition.objects.get(key=key).pk}/preview/"


def test_an_admin_previews_one_figure_for_a_chosen_force_with_its_number_and_text_alternative(
    client, demo_values
):
    client.force_login(admin())

    response = client.get(_preview_url("domestic-abuse-arrest-rate-by-force"), {"force": "cleveland"})

    assert response.status_code == 200
    assert _all(r"<figcaption[^>]*>(.*?)</figcaption>", response.content) == [
        "Figure 7: Domestic abuse arrest rate (per 100 domestic abuse crimes), by force, for the 12 months "
        "to 30 June 2016"
    ]
    (alt_text,) = _all(r'<p class="figure-alt-text">(.*?)</p>', response.content)
    assert alt_text.startswith("Cleveland 61.7 against 51.3")
    assert _all(r"<summary>(.*?)</summary>", response.content) == ["Data for figure 7"]
    assert _all(r'<tr class="figure-this-force"><th scope="row">(.*?)</th>', response.content) == [
        "Cleveland"
    ]
    assert b'class="figure-generated"' in response.content  # the other forces' values are generated


def test_the_preview_opens_for_the_first_force_and_refuses_an_unknown_one_with_a_message(client, demo_values):
    client.force_login(admin())
    url = _preview_url("crime-rates-12-months")

    first = client.get(url)
    unknown = client.get(url, {"force": "gotham"})

    assert first.status_code == 200 and b"Avon and Somerset" in first.content
    assert unknown.status_code == 200
    assert b"Select a valid choice" in unknown.content
    assert b"<figure" not in unknown.content


def test_the_change_page_links_to_the_preview(client):
    client.force_login(admin())
    definition = FigureDefinition.objects.get(key="outcomes-by-type")

    response = client.get(f"/admin/figures/figuredefinition/{definition.pk}/change/")

    assert response.status_code == 200
    assert _preview_url("outcomes-by-type").encode() in response.content


def test_all_ten_figures_of_the_programme_preview_on_one_page_each_an_accessible_svg(
    client, demo_values, django_assert_max_num_queries
):
    client.force_login(admin())

    with django_assert_max_num_queries(20):
        response = client.get(PREVIEW_ALL, {"programme": peel_2016().slug, "force": "cleveland"})

    captions = _all(r"<figcaption[^>]*>(.*?)</figcaption>", response.content)
    assert [caption.split(":")[0] for caption in captions] == [f"Figure {number}" for number in range(1, 11)]
    charts = re.findall(r"<svg role=\"img\".*?</svg>", response.content.decode(), flags=re.DOTALL)
    assert len(charts) == 10
    ids = []
    for svg in charts:
        root = ET.fromstring(svg)  # noqa: S314 - the page under test
        assert root.get("role") == "img"
        assert root.find("{http://www.w3.org/2000/svg}title").text
        assert root.find("{http://www.w3.org/2000/svg}desc").text
        ids += [element.get("id") for element in root.iter() if element.get("id")]
    assert len(ids) == len(set(ids))  # ten charts inline in one page share no id


def test_only_an_admin_reaches_the_previews(client):
    client.force_login(lead())

    response = client.get(PREVIEW_ALL)

    assert response.status_code == 302
    assert response.url.startswith("/admin/login/")
