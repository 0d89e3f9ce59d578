"""A chart's inline SVG carries no group that draws nothing, and still everything matplotlib drew.

The PDF renderer styles, lays out and draws every element of an inline SVG; matplotlib's attribute-less
``<g>`` wrappers were a third of the demo report's elements (docs/benchmarks.md, 2026-12-03).
"""

import xml.etree.ElementTree as ET

from django.core.cache import cache

from forces.charts import Bar, Series, bar_chart_svg, trend_chart_svg

SVG = "{http://www.w3.org/2000/svg}"


def parsed(svg: str) -> ET.Element:
    """The chart as XML: parsing it proves it well-formed (every group kept is still closed)."""
    return ET.fromstring(svg)  # noqa: S314 - the chart under test


def test_a_bar_chart_has_no_bare_group_and_a_path_and_label_for_every_force():
    cache.clear()
    bars = [Bar(label=f"Force {n}", value=float(n), highlighted=n == 3) for n in range(1, 9)]

    svg = bar_chart_svg(
        title="Rates by force",
        bars=bars,
        value_label="per 1,000",
        reference=4.5,
        reference_label="England and Wales",
    )

    root = parsed(svg)
    groups = root.findall(f".//{SVG}g")
    assert all(group.attrib for group in groups)
    assert "<g>" not in svg
    assert "<defs></defs>" not in svg
    labels = [text.text for text in root.iter(f"{SVG}text")]
    assert all(f"Force {n}" in labels for n in range(1, 9))
    assert len(root.findall(f".//{SVG}path")) >= len(bars)


def test_a_trend_chart_keeps_its_clip_paths_and_the_lines_that_use_them():
    cache.clear()
    svg = trend_chart_svg(
        title="Crime rate",
        periods=["2014", "2015", "2016"],
        series=[
            Series(label="Cleveland", values=(70.0, None, 86.9), highlighted=True),
            Series(label="England and Wales", values=(66.0, 67.5, 68.2)),
        ],
        value_label="per 1,000",
    )

    root = parsed(svg)
    clip_ids = {clip.get("id") for clip in root.iter(f"{SVG}clipPath")}
    clipped = [element for element in root.iter() if element.get("clip-path")]
    assert clip_ids
    assert clipped
    assert all(element.get("clip-path")[5:-1] in clip_ids for element in clipped)
    assert "<g>" not in svg
