"""Moving about peel in the browser as a person does: following links, submitting forms, finding fields,
tabs and messages by what they say. Each page arrived at is screenshotted and scanned with axe-core."""

import re

from playwright.sync_api import Page, expect


def go(journey, locator, label: str) -> None:
    """Follow a link or submit a form, then check the page it leads to: screenshot, then axe-core."""
    with journey.page.expect_navigation():
        locator.click()
    arrived(journey, label)


def arrived(journey, label: str) -> None:
    journey.step(label)
    journey.assert_accessible()


def field(page: Page, label: str):
    """The form field with this label, exactly (crispy adds "*" to the labels of required fields)."""
    return page.get_by_label(re.compile(rf"^\s*{re.escape(label)}\*?\s*$"))


def button(page: Page, name: str):
    return page.get_by_role("button", name=name, exact=True)


def inspection_tab(page: Page, name: str):
    return page.get_by_role("navigation", name="Inspection").get_by_role("link", name=name, exact=True)


def review_tab(page: Page, name: str):
    return page.get_by_role("navigation", name="Case-file review").get_by_role("link", name=name, exact=True)


def main_nav(page: Page, name: str):
    return page.get_by_role("navigation", name="Main").get_by_role("link", name=name, exact=True)


def message(page: Page, text: str):
    return page.get_by_role("alert").filter(has_text=text)


def waiting_reviews(page: Page):
    """My files' links to the reviews still to do or returned ("Start …", "Continue …")."""
    return page.get_by_role("link", name=re.compile(r"^(Start|Continue) "))


def open_next_review(journey) -> str:
    """Open the first file waiting in "To do" or "Returned to me"; returns its crime reference."""
    link = waiting_reviews(journey.page).first
    reference = link.locator(".visually-hidden").inner_text().strip()
    go(journey, link, f"review form of {reference}")
    return reference


def submit_review(journey, reference: str) -> None:
    go(journey, button(journey.page, "Submit to the lead"), f"submitted {reference}")
    expect(message(journey.page, f"Review of {reference} submitted to the lead.")).to_be_visible()


def is_first_review(page: Page) -> bool:
    return page.locator("input[name=suspect_identified]").count() > 0
