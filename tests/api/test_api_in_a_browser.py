"""In Chromium: a user creates a token on their page, the documentation renders every operation without
a single Content-Security-Policy violation or request off the site, and the token is revoked."""

import pytest

from tests.factories.users import PASSWORD, lead

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

CSP_LISTENER = """() => {
  window.__cspViolations = [];
  document.addEventListener("securitypolicyviolation", (event) =>
    window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`));
}"""


def test_a_lead_makes_a_token_reads_the_docs_under_the_csp_and_revokes_the_token(journey, live_server):
    user = lead(username="lena")
    problems, off_site = [], []
    page = journey.page
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.on(
        "request",
        lambda request: (
            off_site.append(request.url)
            if not request.url.startswith(live_server.url) and not request.url.startswith("data:")
            else None
        ),
    )
    journey.login(user.username, PASSWORD)

    journey.goto("/account/tokens/")
    page.get_by_label("Name").fill("Analysts' notebook")
    with page.expect_navigation():
        page.get_by_role("button", name="Create token").click()
    journey.step("token created")
    token = page.locator("#new-token").input_value()
    assert token.startswith("peel_")
    journey.assert_accessible()

    page.add_init_script(f"({CSP_LISTENER})()")
    journey.goto("/api/docs/")
    page.get_by_text("/api/v1/inspections/{id}/evidence/", exact=True).first.wait_for()
    journey.step("documentation", full_page=True)
    assert page.evaluate("window.__cspViolations") == []
    assert not [p for p in problems if "Content Security Policy" in p], problems
    assert off_site == []

    journey.goto("/account/tokens/")
    with page.expect_navigation():
        page.get_by_role("button", name="Revoke Analysts' notebook").click()
    assert page.get_by_text("was revoked").is_visible()
    assert page.get_by_role("cell", name="Revoked").is_visible()
