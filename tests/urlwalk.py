"""Walk the URLconf: every route the project serves, as a path with placeholder arguments."""

from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RoutePattern

_PLACEHOLDERS = {"int": "1", "slug": "placeholder", "str": "placeholder", "path": "placeholder", "uuid": None}


@dataclass(frozen=True)
class Route:
    name: str  # namespaced URL name, e.g. "peel:inspection_overview"
    route: str  # the route with converters, e.g. "inspections/<int:pk>/"
    app_module: str  # the module the view comes from


def _walk(patterns, prefix="", namespace=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}{entry.name}" if entry.name else ""
            module = getattr(entry.callback, "__module__", "")
            yield Route(name=name, route=prefix + str(entry.pattern), app_module=module), entry


def all_routes() -> list[Route]:
    return [route for route, _ in _walk(get_resolver().url_patterns)]


def concrete_path(route: str) -> str | None:
    """The route with converters filled by placeholders; None for regex routes we cannot fill."""
    out, rest = "", route
    while "<" in rest:
        before, _, after = rest.partition("<")
        spec, _, rest = after.partition(">")
        converter = spec.split(":")[0] if ":" in spec else "str"
        value = _PLACEHOLDERS.get(converter)
        if value is None:
            return None
        out += before + value
    out += rest
    if "^" in out or "(?P" in out or "\\" in out:
        return None
    return "/" + out.lstrip("^").rstrip("$")


__all__ = ["Route", "RoutePattern", "all_routes", "concrete_path"]
