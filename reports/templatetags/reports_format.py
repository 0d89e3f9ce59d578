"""Filters for the compile page and the report: numbers and evidence in the report's words."""

from django import template

from peel.models import Direction, EvidenceSource
from peel.models.frameworks import question_text_for
from reports.wording import counted, percent

register = template.Library()


@register.filter
def as_percent(value) -> str:
    """A stored proportion (0–1) as '52%'; '–' when there were no files."""
    return percent(None if value is None else float(value))


@register.filter
def interval(result) -> str:
    """A result's 95% Wilson interval, '38% to 62%'."""
    if result is None or result.interval_low is None:
        return "–"
    return f"{percent(float(result.interval_low))} to {percent(float(result.interval_high))}"


@register.filter
def force_area(text: str, inspection) -> str:
    """A question as written in the report: {force_area} is the force's area, e.g. Cleveland."""
    return question_text_for(text, inspection.force.short_name)


_DIRECTION_WORDS = {
    Direction.STRENGTH: ("strength", "strengths"),
    Direction.WEAKNESS: ("weakness", "weaknesses"),
    Direction.NEUTRAL: ("neutral", "neutral"),
}


@register.filter
def sources_in_words(by_source: dict) -> str:
    """{"interview": {"strength": 2, "weakness": 1}} → 'Interview: 2 strengths, 1 weakness'."""
    parts = []
    for source, directions in by_source.items():
        counts = [counted(n, *_DIRECTION_WORDS[Direction(d)]) for d, n in directions.items() if n]
        parts.append(f"{EvidenceSource(source).label}: {', '.join(counts)}")
    return "; ".join(parts) or "–"
