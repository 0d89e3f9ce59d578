"""Every page with a form that edits something saved, opened by a user allowed to use it, submitted
unchanged as a browser would submit it from the rendered HTML (an ``<input type="date">`` holding a
non-ISO value submits empty, unchecked boxes nothing, a select its selected option, the clicked button
its name): no row of any table changes. Every named URL declares its round trip, or why it has none
(``round_trips.ROUND_TRIPS``); a page declared without an editing form is checked to have none."""

import pytest
from django.apps import apps
from django.test import Client
from django.urls import reverse

from tests.forms_in_html import form_with, posting_forms
from tests.reliability.matrix import PAGES
from tests.reliability.round_trips import ROUND_TRIPS, NoEditingForm, RoundTrip
from tests.reliability.walk import site_routes, variants
from tests.reliability.world import World

pytestmark = pytest.mark.django_db

# Rows that change because someone is logged in, not because a form saved anything.
NOT_CONTENT = {"sessions", "axes", "admin"}


@pytest.fixture
def world(db) -> World:
    return World()


def snapshot() -> dict[str, list]:
    """Every row of every table of the project, as values."""
    tables = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.app_label in NOT_CONTENT:
            continue
        tables[model._meta.db_table] = list(model.objects.order_by("pk").values())
    return tables


def changed_rows(before: dict, after: dict) -> list[str]:
    changes = []
    for table, rows in after.items():
        old = {row["id"] if "id" in row else repr(row): row for row in before.get(table, [])}
        new = {row["id"] if "id" in row else repr(row): row for row in rows}
        for key in set(old) | set(new):
            if old.get(key) != new.get(key):
                changes.append(f"{table} {key}: {old.get(key)} -> {new.get(key)}")
    return changes


def _pages(world: World, name: str) -> list[tuple[str, str]]:
    route = next(route for route in site_routes() if route.name == name)
    found = []
    for variant in variants(route.route) or [{}]:
        declared = PAGES[name](**variant) if variant else PAGES[name]
        declaration = ROUND_TRIPS[name]
        kwargs = declaration.kwargs(world) if getattr(declaration, "kwargs", None) else declared.kwargs(world)
        found.append(
            (name + (f"[{','.join(variant.values())}]" if variant else ""), reverse(name, kwargs=kwargs))
        )
    return found


def test_every_named_url_declares_its_round_trip_or_why_it_has_none():
    names = {route.name for route in site_routes()}

    assert not sorted(names - set(ROUND_TRIPS)), "declare in tests/reliability/round_trips.py"
    assert not sorted(set(ROUND_TRIPS) - names), "these declarations name no URL any more"
    assert all(declaration.role for declaration in ROUND_TRIPS.values() if isinstance(declaration, RoundTrip))


ROUND_TRIP_NAMES = sorted(name for name, declared in ROUND_TRIPS.items() if isinstance(declared, RoundTrip))


@pytest.mark.parametrize("name", ROUND_TRIP_NAMES)
def test_a_form_submitted_unchanged_from_its_rendered_page_changes_nothing(world, name):
    declared = ROUND_TRIPS[name]
    client = Client()
    client.force_login(world.user(declared.role))
    problems = []
    for label, path in _pages(world, name):
        page = client.get(path)
        assert page.status_code == 200, f"{label}: {page.status_code}"
        form = form_with(page.content, declared.field)
        before = snapshot()

        response = client.post(form.action(path), form.submission(declared.button))

        if response.status_code != 302:
            problems.append(f"{label}: answered {response.status_code}, not a redirect after saving")
        problems += [f"{label}: {change}" for change in changed_rows(before, snapshot())]
    assert not problems, "\n".join(problems[:20])


def test_pages_declared_without_an_editing_form_have_none_for_anyone(world):
    clients = {}
    for role in ("inspector", "lead", "admin"):
        clients[role] = Client()
        clients[role].force_login(world.user(role))
    found = []
    for name, declared in ROUND_TRIPS.items():
        if not isinstance(declared, NoEditingForm):
            continue
        for label, path in _pages(world, name):
            for role, client in clients.items():
                page = client.get(path)
                if page.status_code != 200 or "html" not in page.get("Content-Type", ""):
                    continue
                if any(form.has_editing_fields() for form in posting_forms(page.content)):
                    found.append(f"{label} as {role}")
    assert not found, f"these pages have an editing form: declare a round trip for them: {found}"
