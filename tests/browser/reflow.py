"""Reflow (WCAG 2.2, 1.4.10): a page fits its window with no horizontal scroll of the page itself (a wide
table may scroll inside its own box)."""

from playwright.sync_api import Page


def page_overflow(page: Page) -> str | None:
    """What is wrong with the page's width at the window's current size, or None when it fits."""
    scroll_width, window_width = page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
    if scroll_width > window_width:
        return f"{page.url} at {window_width} px: the page is {scroll_width} px wide"
    return None
