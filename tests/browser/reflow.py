"""Reflow (WCAG 2.2, 1.4.10): a page fits its window with no horizontal scroll of the page itself (a wide
table may scroll inside its own box)."""

from playwright.sync_api import Page


def page_overflow(page: Page) -> str | None:
    """What is wrong with the page's width at the window's current size, or None when it fits."""
    scroll_width, window_width = page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
    if scroll_width > window_width:
        return f"{page.url} at {window_width} px: the page is {scroll_width} px wide"
    return None


def box_overflow(page: Page, selector: str) -> str | None:
    """What is wider than its own box (``selector``, e.g. a ``.table-responsive``), or None when all of
    it shows without scrolling the box."""
    scroll_width, box_width = page.locator(selector).evaluate("box => [box.scrollWidth, box.clientWidth]")
    if scroll_width > box_width:
        width = page.viewport_size["width"]
        return f"{selector} on {page.url} at {width} px: {scroll_width} px wide in {box_width}"
    return None
