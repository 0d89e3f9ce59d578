"""``{% load markup %}{{ text|markup }}``: narrative markup (peel/markup.py) as safe HTML, without
references (a report section resolves its references through the authoring app instead)."""

from django import template
from django.utils.safestring import SafeString

from peel.markup import markup_render

register = template.Library()


@register.filter(name="markup")
def markup_filter(text: str) -> SafeString:
    return markup_render(text or "")
