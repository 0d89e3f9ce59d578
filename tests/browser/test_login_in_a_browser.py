import pytest

from tests.factories.users import PASSWORD, admin, inspector

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_an_inspector_logs_in_sees_accessible_pages_and_logs_out(journey):
    user = inspector(username="ines")

    journey.goto("/accounts/login/")
    journey.assert_accessible()
    journey.login(user.username, PASSWORD)

    assert journey.page.get_by_role("heading", name="My inspections").is_visible()
    journey.assert_accessible()
    journey.goto("/forces/")
    assert journey.page.get_by_role("link", name="Cleveland Police").is_visible()
    journey.assert_accessible()
    journey.logout()
    assert journey.page.url.endswith("/accounts/login/")


def test_the_skip_link_takes_a_keyboard_user_to_the_main_content(journey):
    user = admin(username="alex")
    journey.login(user.username, PASSWORD)

    journey.page.keyboard.press("Tab")
    focused = journey.page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to main content"
    journey.page.keyboard.press("Enter")
    assert journey.page.evaluate("document.activeElement.id") == "main"


def test_a_wrong_password_is_explained(journey):
    user = inspector(username="ivan")
    journey.login(user.username, "not-the-password")

    assert journey.page.get_by_text("Please enter a correct username and password").is_visible()
