"""The report's charts: matplotlib figures as SVG, inlined in the HTML page and in the PDF alike.

Text stays text in the SVG (selectable, searchable in the PDF) in DejaVu Sans, the font the system has
and the print stylesheet uses. Charts are cached by the compile's output digest: the same results always
give the same figure, so it is drawn once.
"""

import io
import re
from html import escape

from django.core.cache import cache
from matplotlib import rc_context
from matplotlib.figure import Figure

from reports.selectors import ResultsTable

CACHE_SECONDS = 24 * 3600
_STYLE_ELEMENT = re.compile(r"<style[^>]*>.*?</style>", re.S)
MET = "#1d4f91"
BELOW = "#b35c00"
THRESHOLD = "#444444"
STYLE = {
    "font.family": "DejaVu Sans",
    "font.size": 8,
    "svg.fonttype": "none",  # keep text as text
    "svg.hashsalt": "peel-report",  # stable element ids: the same results give the same SVG
}


def _svg(figure: Figure, *, alternative: str) -> str:
    """The figure as inline SVG whose ``<title>`` is its text alternative: screen readers read it on the
    page, and the PDF's Figure tag takes it as its /Alt, which PDF/UA requires of every figure."""
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None})
    text = buffer.getvalue()
    # Inline SVG: drop the XML prologue and doctype, which only a standalone file needs, and matplotlib's
    # default line-join style sheet, whose SVG-only properties the PDF renderer's CSS parser warns about.
    svg = _STYLE_ELEMENT.sub("", text[text.index("<svg") :])
    opening = svg[: svg.index(">") + 1]
    return (
        opening.replace("<svg", '<svg role="img"', 1)
        + f"<title>{escape(alternative)}</title>"
        + svg[len(opening) :]
    )


def criteria_alternative(rows) -> str:
    """The chart in words: how many criteria, and which fall below their thresholds."""
    below = [row.criterion.code for row in rows if row.below_threshold]
    counted = f"{len(rows)} criteri{'on' if len(rows) == 1 else 'a'}"
    if not below:
        return f"Proportion of files meeting each of {counted}: every one at or above its threshold."
    return (
        f"Proportion of files meeting each of {counted}, with 95% intervals: "
        f"{len(below)} below {'its' if len(below) == 1 else 'their'} threshold ({', '.join(below)})."
    )


def criteria_chart_svg(*, table: ResultsTable, key: str) -> str:
    """A dot per criterion at the proportion met, its 95% interval as a line, its threshold as a tick."""
    rows = [row.overall for row in table.rows if row.overall.n]
    if not rows:
        return ""
    cache_key = f"reports:chart:criteria:v2:{key}" if key else ""
    if cache_key and (cached := cache.get(cache_key)):
        return cached
    with rc_context(STYLE):
        figure = Figure(figsize=(6.3, 0.6 + 0.24 * len(rows)), dpi=72)
        axes = figure.add_axes(
            (0.1, 0.62 / (0.6 + 0.24 * len(rows)), 0.86, 1 - 0.75 / (0.6 + 0.24 * len(rows)))
        )
        positions = list(range(len(rows)))[::-1]
        # One artist per colour rather than one per criterion: the PDF renderer's cost grows with the
        # number of SVG elements.
        for below, colour in ((False, MET), (True, BELOW)):
            chosen = [(y, r) for y, r in zip(positions, rows, strict=True) if r.below_threshold == below]
            if not chosen:
                continue
            ys = [y for y, _ in chosen]
            axes.hlines(
                ys,
                [float(r.interval_low) * 100 for _, r in chosen],
                [float(r.interval_high) * 100 for _, r in chosen],
                color=colour,
                lw=1.6,
                clip_on=False,
            )
            axes.plot(
                [float(r.proportion_met) * 100 for _, r in chosen],
                ys,
                "o",
                color=colour,
                ms=4.5,
                clip_on=False,
            )
        thresholds = [float(r.threshold) * 100 for r in rows]
        axes.vlines(
            thresholds,
            [y - 0.3 for y in positions],
            [y + 0.3 for y in positions],
            color=THRESHOLD,
            lw=1.4,
            clip_on=False,
        )
        axes.set_yticks(positions, [result.criterion.code for result in rows])
        axes.set_xlim(0, 100)
        axes.set_ylim(-0.7, len(rows) - 0.3)
        axes.set_xticks(range(0, 101, 20), [f"{tick}%" for tick in range(0, 101, 20)])
        axes.set_xlabel(
            "Files meeting the criterion (dot) with the 95% interval (line); | marks the threshold"
        )
        axes.grid(axis="x", color="#dddddd", lw=0.6)
        axes.tick_params(length=0)  # labels only: every tick mark would be one more element to draw
        axes.set_axisbelow(True)
        for side in ("top", "right"):
            axes.spines[side].set_visible(False)
        svg = _svg(figure, alternative=criteria_alternative(rows))
    if cache_key:
        cache.set(cache_key, svg, CACHE_SECONDS)
    return svg
