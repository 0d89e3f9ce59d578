"""Walking the declared matrix: every named URL with real ids, requested by each role.

Each request runs in a transaction that is rolled back, so the lead's POSTs (accept, allocate, compile,
delete ...) leave the world as it was for the next request, and the queries it sent are kept to prove
that a refused request wrote nothing.
"""

import itertools
import re
import traceback
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib import admin
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.urls.converters import get_converters

from peel.models import Programme
from tests.reliability.matrix import PAGES, POST_DATA, Page, Redirect
from tests.reliability.world import ROLES, World
from tests.urlwalk import all_routes

_PARAMETER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")
_BUILT_IN_CONVERTERS = {"int", "path", "slug", "str", "uuid"}
_WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE)\b", re.IGNORECASE)


def variants(route: str) -> list[dict[str, str]]:
    """Every combination of the route's own converters' values (``approvable`` → judgments, findings ...);
    one empty variant for a route with only built-in converters."""
    choices = {}
    for match in _PARAMETER.finditer(route):
        converter = match["converter"] or "str"
        if converter not in _BUILT_IN_CONVERTERS:
            choices[match["name"]] = get_converters()[converter].regex.split("|")
    return [dict(zip(choices, values, strict=True)) for values in itertools.product(*choices.values())]


def site_routes():
    """The named routes of our own pages (the admin site is checked by its own rule)."""
    return [route for route in all_routes() if route.name and not route.name.startswith("admin:")]


@dataclass(frozen=True)
class Target:
    label: str  # the URL name, with the variant's values
    path: str
    page: Page


def targets(world: World) -> list[Target]:
    found = []
    for route in site_routes():
        declared = PAGES[route.name]
        for variant in variants(route.route):
            page = declared(**variant) if variant else declared
            label = route.name + (f"[{','.join(variant.values())}]" if variant else "")
            found.append(Target(label, reverse(route.name, kwargs=page.kwargs(world)), page))
    return found


def admin_paths() -> list[str]:
    """A sample of the admin site: its index, each app's index, and each model's list and the change
    page of a real object."""
    paths = [reverse("admin:index")]
    for app_label in sorted({model._meta.app_label for model in admin.site._registry}):
        paths.append(reverse("admin:app_list", kwargs={"app_label": app_label}))
    for model in admin.site._registry:
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        paths.append(reverse(f"{prefix}_changelist"))
        first = model._default_manager.order_by("pk").first()
        if first is not None:
            paths.append(reverse(f"{prefix}_change", args=[first.pk]))
    return paths + admin_extra_paths()


def admin_extra_paths() -> list[str]:
    """The admin's own pages beyond lists and change pages: the programme file's upload, download and
    compare (programmes/admin.py)."""
    first = Programme.objects.order_by("pk").first()
    return [
        reverse("admin:peel_programme_upload"),
        reverse("admin:peel_programme_download", args=[first.pk]),
        reverse("admin:peel_programme_compare", args=[first.pk]),
    ]


class Browser:
    """A client per role, logged in once; each request gets a fresh client carrying the role's session,
    so a logout cannot log the role out of the rest of the walk."""

    def __init__(self, world: World):
        self.sessions = {}
        for role in ("outsider", "inspector", "lead", "admin", "hmi", "liaison", "force_liaison"):
            client = Client()
            client.force_login(world.user(role))
            self.sessions[role] = client.cookies[settings.SESSION_COOKIE_NAME].value

    def request(self, role: str, method: str, path: str) -> "Answer":
        client = Client()
        if role in self.sessions:
            client.cookies[settings.SESSION_COOKIE_NAME] = self.sessions[role]
        with CaptureQueriesContext(connection) as queries:
            try:
                with transaction.atomic():
                    response = client.post(path, POST_DATA) if method == "POST" else client.get(path)
                    transaction.set_rollback(True)
            except Exception as error:  # a 500: reported with the rest of the walk's failures
                return Answer(
                    role, method, path, error="".join(traceback.format_exception_only(error)).strip()
                )
        writes = [
            query["sql"]
            for query in queries.captured_queries
            if _WRITE.match(query["sql"]) and "django_session" not in query["sql"]
        ]
        return Answer(
            role,
            method,
            path,
            status=response.status_code,
            location=response.get("Location", ""),
            headers=dict(response.headers),
            writes=writes,
        )


@dataclass
class Answer:
    role: str
    method: str
    path: str
    status: int | None = None  # None: the view raised
    location: str = ""
    headers: dict = field(default_factory=dict)
    writes: list[str] = field(default_factory=list)
    error: str = ""

    def describe(self) -> str:
        if self.status is None:
            return f"an exception: {self.error}"
        return f"{self.status} to {self.location}" if self.status in (301, 302) else str(self.status)

    def matches(self, expected) -> bool:
        if self.status is None:
            return False
        if expected is None:  # any answer but an error
            return self.status < 500
        if isinstance(expected, Redirect):
            return self.status == 302 and self.location.startswith(expected.prefix)
        return self.status == expected


@dataclass
class Walked:
    """What every role got from every URL of the matrix (``site``) and from the admin sample."""

    site: list[tuple[Target, Answer]]
    admin: list[Answer]


def walk(world: World) -> Walked:
    """GET every URL as every role; POST where the matrix says what a POST must give."""
    browser = Browser(world)
    site = []
    for target in targets(world):
        for role in ROLES:
            site.append((target, browser.request(role, "GET", target.path)))
            if target.page.post_expectation(role) is not None:
                site.append((target, browser.request(role, "POST", target.path)))
    admin_answers = [browser.request(role, "GET", path) for path in admin_paths() for role in ROLES]
    return Walked(site, admin_answers)
