"""A force liaison sees their force's draft while its check is open, the comment pages and their home
page, and nothing else: every inspection page is a 404, the rest of the site a 403. A liaison of another
force, or one without a force, sees nothing of the check."""

import pytest
from django.urls import reverse

from factual_accuracy.services.checks import accuracy_check_close
from tests.factories.users import liaison
from tests.factual_accuracy.builders import setting

pytestmark = pytest.mark.django_db


def draft_url(check) -> str:
    return reverse("factual_accuracy:check_draft", kwargs={"check_id": check.pk})


def log_url(check) -> str:
    return reverse("factual_accuracy:check_log", kwargs={"check_id": check.pk})


def test_the_liaison_of_the_force_reads_the_draft_while_the_check_is_open(client):
    world = setting()
    check = world.open_check()
    client.force_login(world.liaison)

    home = client.get("/", follow=True)
    draft = client.get(draft_url(check))

    assert home.redirect_chain[-1][0] == reverse("factual_accuracy:liaison_home")
    assert draft_url(check) in home.content.decode()
    assert draft.status_code == 200
    page = draft.content.decode()
    assert "An inspection of Cleveland Police" in page
    assert "Send comment" in page
    # Read-only: no publication panel, no evidence counts, no way into the inspection.
    assert "Publication" not in page and "Submit for sign-off" not in page
    assert "Evidence recorded under this question" not in page
    assert reverse("peel:inspection_overview", kwargs={"pk": world.inspection.pk}) not in page


def test_a_liaison_of_another_force_or_without_a_force_gets_404_for_the_check(client):
    world = setting()
    check = world.open_check()
    forceless = liaison(force=None)

    for user in (world.other_liaison, forceless):
        client.force_login(user)
        for url in (draft_url(check), log_url(check)):
            assert client.get(url).status_code == 404, (user, url)
        assert draft_url(check) not in client.get(reverse("factual_accuracy:liaison_home")).content.decode()


def test_after_the_check_closes_the_liaison_reads_the_log_not_the_report(client):
    world = setting()
    check = world.open_check()
    world.comment(check, text="The date of the review is wrong.")
    accuracy_check_close(inspection=world.inspection, user=world.lead, check_id=check.pk)
    client.force_login(world.liaison)

    draft = client.get(draft_url(check))
    log = client.get(log_url(check))

    assert draft.status_code == 302 and draft["Location"] == log_url(check)
    assert log.status_code == 200
    assert "The date of the review is wrong." in log.content.decode()
    assert "An inspection of Cleveland Police" not in log.content.decode()


@pytest.mark.parametrize(
    "name",
    [
        "publication:report",
        "peel:inspection_overview",
        "peel:evidence_list",
        "reviews:sample",
        "reports:compile",
    ],
)
def test_every_inspection_page_is_404_to_the_liaison_of_its_own_force(client, name):
    world = setting()
    world.open_check()
    client.force_login(world.liaison)

    assert client.get(reverse(name, kwargs={"pk": world.inspection.pk})).status_code == 404


@pytest.mark.parametrize("path", ["/forces/", "/national/", "/api/v1/inspections/", "/account/tokens/"])
def test_the_rest_of_the_site_is_403_to_a_liaison(client, path):
    world = setting()
    client.force_login(world.liaison)

    assert client.get(path).status_code == 403


def test_the_admin_site_sends_a_liaison_to_log_in(client):
    world = setting()
    client.force_login(world.liaison)

    response = client.get("/admin/")

    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


def test_the_liaison_is_offered_no_link_to_what_they_cannot_open(client):
    world = setting()
    client.force_login(world.liaison)

    page = client.get(reverse("factual_accuracy:liaison_home")).content.decode()

    for url in ("/forces/", "/account/tokens/", "/national/", "/admin/"):
        assert f'href="{url}"' not in page


def test_inspection_members_read_the_draft_as_sent_but_only_a_liaison_comments(client):
    world = setting()
    check = world.open_check()
    client.force_login(world.lead)

    page = client.get(draft_url(check))
    refused = client.post(
        reverse("factual_accuracy:check_comment", kwargs={"check_id": check.pk}), {"text": "x"}
    )

    assert page.status_code == 200 and "Send comment" not in page.content.decode()
    assert refused.status_code == 403


def test_the_draft_page_reads_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    world = setting()
    check = world.open_check()
    for key in ("q1", "q2", "q3", "overview"):
        world.comment(check, section_key=key)
    client.force_login(world.liaison)

    with django_assert_max_num_queries(45):
        assert client.get(draft_url(check)).status_code == 200


def test_the_check_page_and_the_log_read_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    world = setting()
    check = world.open_check()
    for key in ("q1", "q2", "q3", "overview", "annex-a"):
        world.comment(check, section_key=key)
    client.force_login(world.lead)

    with django_assert_max_num_queries(20):
        assert (
            client.get(
                reverse("factual_accuracy:inspection_check", kwargs={"pk": world.inspection.pk})
            ).status_code
            == 200
        )
    with django_assert_max_num_queries(12):
        assert client.get(log_url(check)).status_code == 200
