"""Charts like the reference report's figures, drawn with matplotlib as SVG for inline use in a page.

Each chart is an accessible ``<svg role="img">`` with a ``<title>`` and, when given one, a ``<desc>`` (a
text alternative); the numbers it shows are also in a table beside it. Text stays text
(``svg.fonttype: none``), so it is searchable and small. A chart is cached under a hash of everything
drawn, so a page that shows the same data again costs no drawing.
"""

import hashlib
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

import matplotlib
from django.core.cache import cache
from matplotlib.figure import Figure

OTHER_FORCES = "#b1b4b6"
THIS_FORCE = "#1d70b8"
ENGLAND_AND_WALES = "#0b0c0c"
CACHE_SECONDS = 24 * 3600


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    highlighted: bool = False


@dataclass(frozen=True)
class Series:
    label: str
    values: tuple[float | None, ...]
    highlighted: bool = False


def bar_chart_svg(
    *,
    title: str,
    bars: Sequence[Bar],
    value_label: str,
    reference: float | None,
    reference_label: str,
    description: str = "",
) -> str:
    """Every force as a horizontal bar, highest first, one highlighted; a line at the national figure."""
    ordered = sorted(bars, key=lambda bar: (-bar.value, bar.label))
    key = chart_key("bars", title, tuple(ordered), value_label, reference, reference_label, description)

    def draw() -> Figure:
        height = 1.2 + 0.22 * len(ordered)
        figure = Figure(figsize=(7, height))
        # Fixed margins: room for force names on the left and the axis label below (a constrained layout
        # would draw the chart twice).
        figure.subplots_adjust(left=0.28, right=0.97, top=1 - 0.2 / height, bottom=0.75 / height)
        axes = figure.add_subplot()
        positions = range(len(ordered))
        axes.barh(
            positions,
            [bar.value for bar in ordered],
            color=[THIS_FORCE if bar.highlighted else OTHER_FORCES for bar in ordered],
        )
        axes.set_yticks(positions, [bar.label for bar in ordered], fontsize=8)
        for tick, bar in zip(axes.get_yticklabels(), ordered, strict=True):
            if bar.highlighted:
                tick.set_fontweight("bold")
        axes.invert_yaxis()
        if reference is not None:
            axes.axvline(
                reference, color=ENGLAND_AND_WALES, linestyle="--", linewidth=1.2, label=reference_label
            )
            axes.legend(loc="lower right", fontsize=8, frameon=False)
        axes.set_xlabel(value_label, fontsize=9)
        axes.spines[["top", "right"]].set_visible(False)
        return figure

    return cached_svg(key, title, draw, description)


def trend_chart_svg(
    *,
    title: str,
    periods: Sequence[str],
    series: Sequence[Series],
    value_label: str,
    description: str = "",
) -> str:
    """One line per series across the periods (oldest first); gaps where a value is missing."""
    key = chart_key("trend", title, tuple(periods), tuple(series), value_label, description)

    def draw() -> Figure:
        figure = Figure(figsize=(7, 3.2))
        figure.subplots_adjust(left=0.12, right=0.97, top=0.95, bottom=0.2)
        axes = figure.add_subplot()
        positions = list(range(len(periods)))
        for line in series:
            axes.plot(
                positions,
                [float("nan") if value is None else value for value in line.values],
                marker="o",
                linewidth=2.2 if line.highlighted else 1.4,
                linestyle="-" if line.highlighted else "--",
                color=THIS_FORCE if line.highlighted else ENGLAND_AND_WALES,
                label=line.label,
            )
        axes.set_xticks(positions, list(periods), fontsize=8)
        axes.margins(x=0.08)
        axes.set_ylabel(value_label, fontsize=9)
        if all(value is None or value >= 0 for line in series for value in line.values):
            axes.set_ylim(bottom=0)
        axes.legend(fontsize=8, frameon=False)
        axes.spines[["top", "right"]].set_visible(False)
        return figure

    return cached_svg(key, title, draw, description)


def breakdown_chart_svg(
    *,
    title: str,
    categories: Sequence[str],
    series: Sequence[Series],
    value_label: str,
    description: str = "",
) -> str:
    """Each category as a group of horizontal bars, one per series (the force highlighted, then England and
    Wales), in the given order; a missing value leaves its bar out."""
    key = chart_key("breakdown", title, tuple(categories), tuple(series), value_label, description)

    def draw() -> Figure:
        height = 1.3 + 0.24 * len(categories) * max(1, len(series))
        figure = Figure(figsize=(7, height))
        figure.subplots_adjust(left=0.36, right=0.97, top=1 - 0.2 / height, bottom=0.8 / height)
        axes = figure.add_subplot()
        thickness = 0.8 / max(1, len(series))
        for index, line in enumerate(series):
            positions = [
                number + (index - (len(series) - 1) / 2) * thickness for number in range(len(categories))
            ]
            shown = [(p, v) for p, v in zip(positions, line.values, strict=True) if v is not None]
            axes.barh(
                [p for p, _ in shown],
                [v for _, v in shown],
                height=thickness * 0.92,
                color=THIS_FORCE if line.highlighted else ENGLAND_AND_WALES,
                label=line.label,
            )
        axes.set_yticks(range(len(categories)), [_wrapped(label) for label in categories], fontsize=8)
        axes.invert_yaxis()
        axes.set_xlabel(value_label, fontsize=9)
        axes.legend(loc="lower right", fontsize=8, frameon=False)
        axes.spines[["top", "right"]].set_visible(False)
        return figure

    return cached_svg(key, title, draw, description)


def _wrapped(label: str, width: int = 34) -> str:
    """A long category name over two or more lines, so the chart keeps its width."""
    lines, line = [], ""
    for word in label.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return "\n".join([*lines, line])


def chart_key(*parts) -> str:
    """A cache key for a chart from everything it draws."""
    # v2: the SVG without matplotlib's bare groups (``_without_bare_groups``).
    return "forces:chart:v2:" + hashlib.sha256(repr(parts).encode()).hexdigest()


def cached_svg(key: str, title: str, draw, description: str = "") -> str:
    """The accessible inline SVG of the figure ``draw()`` makes, cached under ``key`` (which must cover the
    title and description too)."""
    svg = cache.get(key)
    if svg is None:
        svg = _render(key, title, draw, description)
        cache.set(key, svg, CACHE_SECONDS)
    return svg


def _render(key: str, title: str, draw, description: str) -> str:
    # The salt makes the ids matplotlib writes (clip paths) unique to this chart, so that several charts
    # can sit inline in one page.
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": key[-16:]}):
        figure = draw()
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg") :]
    svg = re.sub(r"<!--.*?-->", "", svg, flags=re.DOTALL)
    svg = re.sub(r"<metadata>.*?</metadata>", "", svg, flags=re.DOTALL)
    # matplotlib's stylesheet is a page-wide ``*`` rule once inline; its element ids (figure_1, patch_1)
    # would repeat from chart to chart. Keep only the ids something refers to (the salted clip paths).
    svg = re.sub(r"<style[^>]*>.*?</style>", "", svg, flags=re.DOTALL)
    referenced = set(re.findall(r'(?:href="#|url\(#)([\w.-]+)', svg))
    svg = re.sub(r'\sid="([^"]*)"', lambda m: m.group(0) if m.group(1) in referenced else "", svg)
    svg = _without_bare_groups(svg)
    # Scale with the page: keep the viewBox, drop the fixed size in points.
    opening = re.match(r"<svg[^>]*>", svg).group(0)
    tidied = re.sub(r'\s(width|height)="[^"]*"', "", opening)
    tidied = tidied.replace("<svg", '<svg role="img" class="figure-chart"', 1)
    desc = f"<desc>{escape(description)}</desc>" if description else ""
    return tidied + f"<title>{escape(title)}</title>" + desc + svg[len(opening) :]


_GROUP_TAG = re.compile(r"<g>|<g\s[^>]*?(/?)>|</g>")
_EMPTY_DEFS = re.compile(r"<defs>\s*</defs>")
_INDENTATION = re.compile(r">\n\s*<")


def _without_bare_groups(svg: str) -> str:
    """The SVG without the groups that draw nothing: matplotlib wraps every artist in a ``<g>``, which once
    its id is dropped has no attribute, and the PDF renderer styles, lays out and draws each one (they
    were a third of a report's elements, and its time). Their children stay, in order; so do empty-looking
    groups with an attribute (a clip path, a transform). Also drops empty ``<defs>`` and the indentation
    between tags (a newline then spaces), which are not text anywhere in an SVG."""
    parts, bare, position = [], [], 0
    for match in _GROUP_TAG.finditer(svg):
        parts.append(svg[position : match.start()])
        position = match.end()
        tag = match.group(0)
        if tag == "<g>":
            bare.append(True)
        elif tag == "</g>":
            if not bare.pop():
                parts.append(tag)
        else:
            if not match.group(1):  # not self-closing
                bare.append(False)
            parts.append(tag)
    parts.append(svg[position:])
    return _INDENTATION.sub("><", _EMPTY_DEFS.sub("", "".join(parts)))
