"""Every URL of the URLconf, with real object ids, requested by anonymous, an outsider inspector, a team
inspector, the lead, an admin and the inspection's HM Inspector: each gets what ``matrix.PAGES``
declares, by GET and by POST, and a refused request writes nothing."""

import pytest

from tests.reliability.matrix import API_NOT_A_PAGE, LOGIN, PAGES, outcome_refuses
from tests.reliability.walk import site_routes, variants
from tests.urlwalk import all_routes

LOGIN_PAGES = ("/admin/login/", "/accounts/login/")

# The walk is built once per session (tests/reliability/conftest.py); the mark makes pytest-django
# set up the test database for it.
pytestmark = pytest.mark.django_db


def test_every_named_url_has_its_expectation_declared_and_every_declaration_names_a_url():
    routes = {route.name: route for route in site_routes()}

    undeclared = sorted(set(routes) - set(PAGES))
    stale = sorted(set(PAGES) - set(routes))

    assert not undeclared, f"declare who may open these URLs in tests/reliability/matrix.py: {undeclared}"
    assert not stale, f"these declarations name no URL any more: {stale}"
    for name, route in routes.items():
        # A route with its own converter (``<approvable:kind>``) is declared as a function of its values.
        assert callable(PAGES[name]) == bool(variants(route.route)[0]), name


def test_the_declarations_keep_outsiders_out_of_every_inspection_and_anonymous_visitors_out_of_the_site():
    # The provider's sign-in and callback are reached before logging in (a 404 while SSO is off); a
    # calendar feed answers to the secret in its URL (404 for any other), since calendar programs send
    # no session.
    public = {"login", "health", "favicon", "identity:sign_in", "identity:callback", "timeline:feed"}
    for route in site_routes():
        declared = PAGES[route.name]
        for variant in variants(route.route):
            page = declared(**variant) if variant else declared
            if route.route.startswith(("inspections/<int:pk>/", "api/v1/inspections/<int:pk>/")):
                # 404 so the inspection is not disclosed (405 where the method is checked first).
                assert page.get["outsider"] in (404, 405), route.name
                assert page.post_expectation("outsider") in (404, 405), route.name
            if route.name in API_NOT_A_PAGE:
                assert page.get["anonymous"] == 401, route.name  # a program is asked for its token
            elif route.name not in public:
                assert page.get["anonymous"] == LOGIN, route.name


def test_every_unnamed_route_belongs_to_the_admin_site():
    unnamed = [route.route for route in all_routes() if not route.name]

    assert unnamed
    assert all(route.startswith("admin/") for route in unnamed), unnamed


def test_each_role_gets_what_is_declared_for_every_url_by_get_and_by_post(walked):
    failures = []
    for target, answer in walked.site:
        role, method = answer.role, answer.method
        expected = target.page.get[role] if method == "GET" else target.page.post_expectation(role)
        if not answer.matches(expected):
            shown = "any answer but an error" if expected is None else expected
            failures.append(f"{method} {target.label} as {role}: expected {shown}, got {answer.describe()}")
        # An admin who is not on the team looks but never writes; a refused request writes nothing.
        # Preparing a draft PDF writes only its cache (``publication_draftpdf``), which anyone reading
        # the report may fill.
        admin_on_inspection = role == "admin" and answer.path.startswith("/inspections/")
        writes = [
            sql for sql in answer.writes if "publication_draftpdf" not in sql or outcome_refuses(expected)
        ]
        if (outcome_refuses(expected) or admin_on_inspection) and writes:
            failures.append(f"{method} {target.label} as {role} wrote: {writes[0][:200]}")

    assert len({target.label for target, _ in walked.site}) >= 80
    assert not failures, "\n".join(failures)


def test_the_admin_site_is_for_admins_and_sends_everyone_else_to_log_in(walked):
    failures = []
    for answer in walked.admin:
        if answer.role == "admin":
            # The admin's own "add inspection" sends admins to the app's form, which makes the drafts.
            ok = answer.status == 200 or (
                answer.status == 302 and not answer.location.startswith(LOGIN_PAGES)
            )
        else:
            ok = answer.status == 302 and answer.location.startswith(LOGIN_PAGES)
        if not ok:
            failures.append(f"GET {answer.path} as {answer.role}: got {answer.describe()}")

    assert len({answer.path for answer in walked.admin}) > 50
    assert not failures, "\n".join(failures)


def test_no_get_of_any_page_writes_to_the_database_for_any_role(walked):
    """A GET only reads (a prefetching browser, a crawler or a reload must change nothing): every page of
    the URLconf and the admin sample, as every role, sends no INSERT, UPDATE or DELETE."""
    answers = [answer for _, answer in walked.site] + walked.admin
    writes = [
        f"GET {answer.path} as {answer.role} wrote: {answer.writes[0][:200]}"
        for answer in answers
        if answer.method == "GET" and answer.writes
    ]

    assert sum(answer.method == "GET" for answer in answers) > 500
    assert not writes, "\n".join(writes)
