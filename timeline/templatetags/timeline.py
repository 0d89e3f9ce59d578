"""The timeline's flags on pages of other apps: the overview's overdue milestones, My inspections' count."""

from django import template

from timeline.selectors import overdue_for, timeline_of

register = template.Library()


@register.inclusion_tag("timeline/_overdue.html")
def timeline_overdue(inspection):
    """The overdue milestones of one inspection (two queries), for its overview page."""
    return {"inspection": inspection, "overdue": timeline_of(inspection=inspection).overdue}


@register.inclusion_tag("timeline/_overdue_mine.html", takes_context=True)
def timeline_overdue_mine(context):
    """How many milestones are overdue on the inspections the user can see, for My inspections (three
    queries), linking to their list on My deadlines."""
    return {"overdue": overdue_for(user=context["request"].user)}
