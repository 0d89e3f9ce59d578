"""A grade as pages show it, from the programme's scale: its label, and a badge in its colour.

``{% grade_badge judgment.grade inspection.programme %}``,
``{{ judgment.grade|grade_label:inspection.programme }}``.
The programme reads its levels once (``Programme.grade_scale``), so a list of judgments costs one query.
"""

from django import template

from peel.models import Programme

register = template.Library()


@register.filter
def grade_label(code: str, programme: Programme) -> str:
    return programme.grade_scale.label(code) if code else ""


@register.inclusion_tag("peel/_grade_badge.html")
def grade_badge(code: str, programme: Programme) -> dict:
    return {"level": programme.grade_scale.level(code) if code else None, "code": code}
