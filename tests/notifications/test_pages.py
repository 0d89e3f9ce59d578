"""A person's notifications page and settings, used through the pages as a browser would."""

import pytest
from django.urls import reverse

from notifications.models import Delivery, Notification, NotificationKind, NotificationPreference
from notifications.services import notification_send
from tests.factories.users import UserFactory
from tests.forms_in_html import form_with, forms_in

pytestmark = pytest.mark.django_db

LIST = reverse("notifications:list")
SETTINGS = reverse("notifications:preferences")


def notify(user, key: str, url: str = "/forces/") -> Notification:
    return notification_send(
        recipient=user, kind=NotificationKind.MESSAGE, subject=f"About {key}", body="Body", url=url, key=key
    )


def post_form(client, url: str, form, **changes):
    return client.post(form.action(url), form.submission(**changes))


def test_the_page_lists_my_notifications_newest_first_and_the_menu_counts_the_unread(client):
    ann, bob = UserFactory(username="ann"), UserFactory(username="bob")
    notify(ann, "first")
    notify(ann, "second")
    notify(bob, "bob's own")
    client.force_login(ann)

    page = client.get(LIST).content.decode()

    assert page.index("About second") < page.index("About first")
    assert "bob's own" not in page
    assert '2<span class="visually-hidden"> unread</span>' in page


def test_opening_a_notification_marks_it_read_and_goes_to_what_it_is_about(client):
    ann = UserFactory(username="ann")
    notification = notify(ann, "the file", url="/forces/")
    client.force_login(ann)
    opening_url = reverse("notifications:open", kwargs={"notification_id": notification.pk})
    opening = [form for form in forms_in(client.get(LIST).content) if form.action(LIST) == opening_url][0]

    response = post_form(client, LIST, opening)

    assert response.status_code == 302 and response["Location"] == "/forces/"
    notification.refresh_from_db()
    assert notification.read_at is not None
    assert 'visually-hidden"> unread' not in client.get(LIST).content.decode()


def test_someone_else_s_notification_cannot_be_opened(client):
    notification = notify(UserFactory(username="ann"), "hers")
    client.force_login(UserFactory(username="bob"))

    response = client.post(reverse("notifications:open", kwargs={"notification_id": notification.pk}))

    assert response.status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None


def test_mark_all_as_read_reads_only_mine(client):
    ann, bob = UserFactory(username="ann"), UserFactory(username="bob")
    notify(ann, "a")
    notify(ann, "b")
    notify(bob, "c")
    client.force_login(ann)
    mark = [form for form in forms_in(client.get(LIST).content) if form.action(LIST).endswith("/read/")][0]

    response = client.post(mark.action(LIST), mark.submission(), follow=True)

    assert "2 notifications marked as read." in response.content.decode()
    assert not Notification.objects.filter(recipient=ann, read_at__isnull=True).exists()
    assert Notification.objects.filter(recipient=bob, read_at__isnull=True).count() == 1


def test_settings_saved_from_the_page_decide_how_each_kind_is_delivered(client):
    ann = UserFactory(username="ann")
    client.force_login(ann)
    form = form_with(client.get(SETTINGS).content, "message")

    response = post_form(client, SETTINGS, form, message=Delivery.IMMEDIATELY, overdue=Delivery.OFF)

    assert response.status_code == 302
    preference = NotificationPreference.objects.get(user=ann)
    assert preference.choices == {"message": "immediately", "overdue": "off"}
    again = form_with(client.get(SETTINGS).content, "message").submission()
    assert (
        again["message"] == ["immediately"]
        and again["overdue"] == ["off"]
        and again["signed_off"] == ["digest"]
    )


def test_settings_saved_in_another_tab_meanwhile_are_not_overwritten_and_my_choices_stay_in_the_form(client):
    ann = UserFactory(username="ann")
    client.force_login(ann)
    first_tab = form_with(client.get(SETTINGS).content, "message")
    second_tab = form_with(client.get(SETTINGS).content, "message")
    post_form(client, SETTINGS, first_tab, message=Delivery.OFF)

    response = post_form(client, SETTINGS, second_tab, message=Delivery.IMMEDIATELY)

    page = response.content.decode()
    assert response.status_code == 200
    assert "saved this notification preference after you opened it" in page
    assert form_with(page, "message").submission()["message"] == ["immediately"]
    assert NotificationPreference.objects.get(user=ann).choices == {"message": "off"}
    post_form(client, SETTINGS, form_with(page, "message"))  # saving again is deliberate, and works
    assert NotificationPreference.objects.get(user=ann).choices == {"message": "immediately"}


def test_the_list_costs_the_same_queries_for_many_notifications(client, django_assert_max_num_queries):
    ann = UserFactory(username="ann")
    client.force_login(ann)
    notify(ann, "one")
    client.get(LIST)
    with django_assert_max_num_queries(12) as few:
        client.get(LIST)
    for n in range(30):
        notify(ann, f"more {n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(LIST)
