"""The timeline's flag on a page of another app: the inspection overview's overdue milestones."""

from django import template

from timeline.selectors import timeline_of

register = template.Library()


@register.inclusion_tag("timeline/_overdue.html")
def timeline_overdue(inspection):
    """The overdue milestones of one inspection (two queries), for its overview page."""
    return {"inspection": inspection, "overdue": timeline_of(inspection=inspection).overdue}
