"""Filling in the review form in the browser, as an inspector does."""

from playwright.sync_api import Page


def applicable_criteria(page: Page) -> list[str]:
    """The codes of the criteria the form says apply to this file (their "does not apply" note hidden)."""
    return page.eval_on_selector_all(
        "[data-applicability]",
        """criteria => criteria
            .filter(c => c.querySelector('.not-applicable-note').hidden)
            .map(c => c.id.replace('criterion-', ''))""",
    )


def answer_criteria(
    page: Page, *, answers: dict[str, str] | None = None, default: str = "yes", skip=()
) -> None:
    """Answer every applicable criterion with ``default`` (``answers`` by code), except those in ``skip``."""
    for code in applicable_criteria(page):
        if code not in skip:
            answer_criterion(page, code, (answers or {}).get(code, default))


def answer_criterion(page: Page, code: str, value: str) -> None:
    page.locator(f"#criterion-{code} input[type=radio][value='{value}']").check()


def settle_facts(page: Page, *, suspect_identified: str = "yes") -> None:
    """The facts a first review must settle before it is submitted (a second review shows them read-only)."""
    page.locator(f"input[name=suspect_identified][value='{suspect_identified}']").check()
