"""Real-browser tests: Playwright driving Debian's Chromium against the live server.

Run by .ci/run (marked ``browser``). Screenshots of every step are kept in ``artefacts/`` when a test
fails. Chromium is Debian's (``/usr/bin/chromium``): Playwright's own browser download is not
available on these machines.

A plugin loaded by tests/conftest.py rather than a conftest of its own, so that browser tests in any
folder share one browser and one live server: a second session-wide Playwright in the same process
fails.
"""

import hashlib
import os
import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.test.utils import override_settings
from playwright.sync_api import Error as PlaywrightError
from pytest_django.live_server_helper import LiveServer

CHROMIUM = os.environ.get("PEEL_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
ARTEFACTS = Path(__file__).resolve().parents[2] / "artefacts"

# The live server speaks plain HTTP on the loopback: production settings (DEBUG off, as on PostgreSQL in
# CI) would redirect to HTTPS, mark cookies Secure, send HSTS and read a collectstatic manifest. The
# middleware reads these when the server starts, so they are set for the whole session, before it does.
LIVE_SERVER_SETTINGS = {
    "SECURE_SSL_REDIRECT": False,
    "SECURE_HSTS_SECONDS": 0,
    "SESSION_COOKIE_SECURE": False,
    "CSRF_COOKIE_SECURE": False,
}


@pytest.fixture(scope="session")
def live_server():
    """pytest-django's live server, on 127.0.0.1 and plain HTTP."""
    from django.conf import settings

    overridden = override_settings(
        **LIVE_SERVER_SETTINGS,
        STORAGES={
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        },
    )
    overridden.enable()
    server = LiveServer("127.0.0.1")
    try:
        yield server
    finally:
        server.stop()
        overridden.disable()


def _serialized_contents() -> dict:
    from django.db import connections

    return {
        alias: connections[alias]._test_serialized_contents
        for alias in connections
        if hasattr(connections[alias], "_test_serialized_contents")
    }


def _serialized_contents_restore(contents: dict) -> None:
    from django.db import connections

    for alias, serialized in contents.items():
        connections[alias]._test_serialized_contents = serialized


@pytest.fixture(scope="session")
def browser(django_db_setup):
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls that fixtures and tests
    # make here are still synchronous and safe. Set only while a browser runs, so that no other test
    # (nor a subprocess it starts) inherits it.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        # Django's connections live in an asgiref Local, which follows the context: once Playwright has
        # started, this thread sees new connection objects, without the snapshot of the migrated database
        # that serialized rollback restores before each transactional test. Carry it across.
        contents = _serialized_contents()
        with sync_playwright() as playwright:
            _serialized_contents_restore(contents)
            chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            yield chromium
            chromium.close()
    finally:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


# The page's markup without its words: every element with its attributes (except those that only carry
# addresses, tokens and form values), whether it has text of its own, and its children, where identical
# siblings (table rows, list items) count as one or as several. Two pages with the same structure get
# the same axe-core verdict: roles, the presence of names, labels, ids, headings and the classes that
# give colours are all in it, and a repeat that could duplicate an id or a landmark shows as "several".
PAGE_STRUCTURE = """() => {
  const ignored = new Set(["href", "action", "src", "hx-get", "hx-headers", "datetime", "title"]);
  const signature = (element) => {
    const hidden = element.getAttribute("type") === "hidden";
    const attributes = [...element.attributes]
      .filter((a) => !ignored.has(a.name) && !(hidden && a.name === "value"))
      .map((a) => `${a.name}=${a.value}`)
      .sort();
    const text = [...element.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
    const children = new Map();
    for (const child of element.children) {
      const inner = signature(child);
      children.set(inner, (children.get(inner) || 0) + 1);
    }
    const inner = [...children].map(([child, count]) => (count > 1 ? `${child}*` : child)).join(",");
    return `${element.tagName}[${attributes.join(" ")}]${text ? "+" : ""}(${inner})`;
  };
  return signature(document.documentElement);
}"""


WCAG_AA_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


class Journey:
    """A browser page that records a screenshot per step, saved when the test fails."""

    def __init__(self, page, base_url: str, name: str):
        self.page = page
        self.base_url = base_url
        self.name = re.sub(r"[^A-Za-z0-9_.-]+", "_", name)
        self.shots: list[tuple[str, bytes]] = []
        self.axe = Axe()
        self.accessible_structures: set[str] = set()

    def goto(self, path: str):
        response = self.page.goto(self.base_url + path)
        self.step(path)
        return response

    def step(self, label: str, *, full_page: bool = False) -> None:
        """A screenshot of what the user sees (the whole page is kept for the failure itself).

        A click that submits a form may still be navigating: Chromium cannot capture a page between
        documents ("Unable to capture screenshot"), so the step waits for the new page to
        load and takes it again.
        """
        try:
            shot = self.page.screenshot(full_page=full_page)
        except PlaywrightError:
            self.page.wait_for_load_state("load")
            shot = self.page.screenshot(full_page=full_page)
        self.shots.append((label, shot))

    def assert_accessible(self) -> None:
        """No serious or critical axe-core violation on the current page.

        A page whose structure (``PAGE_STRUCTURE``) has already passed in this test is not scanned again:
        the same review form for the next file, the same list with one row fewer.
        """
        structure = hashlib.sha256(self.page.evaluate(PAGE_STRUCTURE).encode()).hexdigest()
        if structure in self.accessible_structures:
            return
        results = self.axe.run(self.page)
        serious = [v for v in results.response["violations"] if v.get("impact") in {"serious", "critical"}]
        details = "\n".join(
            f"{v['id']} ({v['impact']}): {v['help']} — {[node['target'] for node in v['nodes']][:5]}"
            for v in serious
        )
        assert not serious, f"{self.page.url} has accessibility violations:\n{details}"
        self.accessible_structures.add(structure)

    def assert_wcag_clean(self) -> None:
        """No axe-core violation of any impact among the WCAG 2.0–2.2 A and AA rules: what a published
        document must meet (the Public Sector Bodies Accessibility Regulations 2018)."""
        results = self.axe.run(
            self.page,
            options={"runOnly": {"type": "tag", "values": WCAG_AA_TAGS}},
        )
        violations = results.response["violations"]
        details = "\n".join(
            f"{v['id']} ({v['impact']}): {v['help']} — {[node['target'] for node in v['nodes']][:5]}"
            for v in violations
        )
        assert not violations, f"{self.page.url} is not WCAG 2.2 AA clean:\n{details}"

    def login(self, username: str, password: str) -> None:
        self.goto("/accounts/login/")
        self.page.get_by_label("Username").fill(username)
        self.page.get_by_label("Password").fill(password)
        with self.page.expect_navigation():
            self.page.get_by_role("button", name="Log in").click()
        self.step(f"logged in as {username}")

    def logout(self) -> None:
        with self.page.expect_navigation():
            self.page.get_by_role("button", name="Log out").click()

    def save_artefacts(self) -> None:
        folder = ARTEFACTS / self.name
        folder.mkdir(parents=True, exist_ok=True)
        for index, (label, png) in enumerate(self.shots):
            (folder / f"{index:02d}-{re.sub(r'[^A-Za-z0-9]+', '-', label)[:60]}.png").write_bytes(png)


@pytest.fixture
def journey(request, browser, live_server):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(20_000)
    recorder = Journey(page, live_server.url, request.node.name)
    yield recorder
    failed = getattr(request.node, "rep_call", None) is not None and request.node.rep_call.failed
    if failed:
        recorder.step("at failure", full_page=True)
        recorder.save_artefacts()
    context.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)
