"""Every URL of one inspection, from the URLconf, with real ids.

The routes come from the URLconf itself, so a page added later is walked too; a route with an argument
this module cannot fill fails loudly rather than being skipped.
"""

import itertools
import re
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver, reverse

INSPECTION_PREFIX = "inspections/<int:pk>/"
# A converter whose pattern is a plain alternation of words ("judgments|findings|afis|causes") is
# walked with each of its words.
_ALTERNATION = re.compile(r"^[a-z_]+(\|[a-z_]+)*$")


@dataclass(frozen=True)
class InspectionRoute:
    name: str  # namespaced, e.g. "reviews:file_detail"
    route: str  # e.g. "inspections/<int:pk>/files/<int:file_id>/"
    converters: dict  # URL argument -> converter


def _walk(patterns, prefix: str = "", namespace: str = "", converters: dict | None = None):
    for entry in patterns:
        found = {**(converters or {}), **getattr(entry.pattern, "converters", {})}
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern), inner, found)
        elif isinstance(entry, URLPattern) and entry.name:
            yield InspectionRoute(f"{namespace}{entry.name}", prefix + str(entry.pattern), found)


def inspection_routes() -> list[InspectionRoute]:
    """Every named route under /inspections/<pk>/."""
    return [
        route for route in _walk(get_resolver().url_patterns) if route.route.startswith(INSPECTION_PREFIX)
    ]


class UnknownArgument(Exception):
    pass


def inspection_urls(
    *, ids: dict[str, int], items: dict[str, int], leave_out: frozenset[str] = frozenset()
) -> list[tuple[str, str]]:
    """(route name, path) for every route of the inspection, each argument filled with a real id.

    ``ids`` gives the id for each plain argument (``pk``, ``file_id``, ``note_id``, ...); ``items`` the
    id of one object per approvable kind (``judgments``, ``findings``, ``afis``, ``causes``,
    ``practice``), used for ``item_id`` together with the kind in the same URL. ``leave_out`` names
    routes a walk has no use for (its caller says why).
    """
    urls = []
    for route in inspection_routes():
        if route.name in leave_out:
            continue
        choices: dict[str, list[str]] = {}
        for argument, converter in route.converters.items():
            if argument in ids:
                choices[argument] = [str(ids[argument])]
            elif argument == "item_id":
                continue  # follows the kind
            elif _ALTERNATION.match(getattr(converter, "regex", "")):
                choices[argument] = converter.regex.split("|")
            else:
                raise UnknownArgument(
                    f"{route.name} ({route.route}) takes {argument!r}: give the walk a real id for it."
                )
        for values in itertools.product(*choices.values()):
            kwargs = dict(zip(choices, values, strict=True))
            if "item_id" in route.converters:
                kwargs["item_id"] = str(items[kwargs["kind"]])
            urls.append((route.name, reverse(route.name, kwargs=kwargs)))
    return urls
