"""Someone's notifications in a browser: the unread ones stand out and still meet WCAG AA contrast (an
unread one's subject, a link-styled button, was 4.4:1 on the tinted row), from 320 px wide."""

import pytest
from playwright.sync_api import expect

from notifications.models import NotificationKind
from notifications.services import notification_send, notifications_read
from tests.browser.reflow import page_overflow
from tests.factories.users import PASSWORD, inspector

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def notify(person, subject: str) -> None:
    notification_send(
        recipient=person,
        kind=NotificationKind.MESSAGE,
        subject=subject,
        body="Was the victim told the outcome?",
        url="/notifications/",
        key=subject,
    )


@pytest.mark.parametrize("width", [1366, 320])
def test_read_and_unread_notifications_are_legible_and_fit_the_window(journey, width):
    person = inspector(username="ines")
    notify(person, "An older message")
    notifications_read(user=person)
    notify(person, "A new message")
    page = journey.page
    page.set_viewport_size({"width": width, "height": 800})
    journey.login("ines", PASSWORD)

    journey.goto("/notifications/")

    expect(page.get_by_role("main").get_by_text("1 unread", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="A new message")).to_be_visible()
    journey.assert_accessible()
    assert page_overflow(page) is None
