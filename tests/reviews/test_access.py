"""Who may open each page of the case-file review: anonymous → login, outsider → 404, team inspector →
member pages only (403 on lead actions), lead → everything, admin → member pages (not lead actions)."""

import pytest
from django.urls import reverse

from reviews.models import ReviewKind
from reviews.services.double_review import double_review_select
from tests.factories.reviews import drawn_inspection, submitted_review
from tests.factories.users import admin, inspector

MEMBER_PAGES = ["sample", "my_files", "progress", "file_detail"]
LEAD_PAGES = [
    "design",
    "crime_list_import",
    "draw",
    "reserves",
    "moderation",
    "double_review",
    "export_csv",
    "export_xlsx",
    "mark_unusable",
    "adjudicate",
    "reassign_first",
    "reassign_second",
]
LEAD_POSTS = ["allocate", "accept_first", "return_first"]
FILE_PAGES = {
    "file_detail",
    "mark_unusable",
    "adjudicate",
    "reassign_first",
    "reassign_second",
    "accept_first",
    "return_first",
    "review_first",
    "review_second",
}


@pytest.fixture
def setting(db):
    inspection = drawn_inspection(per_stratum=3)
    double_review_select(inspection=inspection, share_percent=100, seed=1)
    case_file = inspection.case_files.order_by("pk").first()
    submitted_review(case_file)
    return inspection, case_file


def url(name, inspection, case_file):
    kwargs = {"pk": inspection.pk}
    if name in FILE_PAGES:
        kwargs["file_id"] = case_file.pk
    return reverse(f"reviews:{name}", kwargs=kwargs)


@pytest.mark.parametrize("name", MEMBER_PAGES + LEAD_PAGES + ["review_first"])
def test_an_anonymous_visitor_is_sent_to_log_in(client, setting, name):
    response = client.get(url(name, *setting))

    assert response.status_code == 302
    assert "/login/" in response["Location"]


@pytest.mark.parametrize("name", MEMBER_PAGES + LEAD_PAGES + ["review_first"])
def test_an_inspector_not_on_the_team_gets_404_everywhere(client, setting, name):
    client.force_login(inspector())

    assert client.get(url(name, *setting)).status_code == 404


@pytest.mark.parametrize("name", LEAD_POSTS)
def test_an_inspector_not_on_the_team_gets_404_on_every_action(client, setting, name):
    client.force_login(inspector())

    assert client.post(url(name, *setting), {"comment": "x"}).status_code == 404


@pytest.mark.parametrize("name", MEMBER_PAGES)
def test_a_team_inspector_sees_the_member_pages(client, setting, name):
    inspection, case_file = setting
    client.force_login(inspection.team.exclude(pk=case_file.reviewer_id).first())

    assert client.get(url(name, *setting)).status_code == 200


@pytest.mark.parametrize("name", LEAD_PAGES)
def test_a_team_inspector_is_refused_the_lead_pages(client, setting, name):
    inspection, case_file = setting
    client.force_login(case_file.reviewer)

    assert client.get(url(name, *setting)).status_code == 403


@pytest.mark.parametrize("name", LEAD_POSTS)
def test_a_team_inspector_is_refused_the_lead_actions(client, setting, name):
    inspection, case_file = setting
    client.force_login(case_file.reviewer)

    assert client.post(url(name, *setting), {"comment": "x"}).status_code == 403


@pytest.mark.parametrize("name", MEMBER_PAGES + LEAD_PAGES)
def test_the_lead_opens_every_page(client, setting, name):
    inspection, _ = setting
    client.force_login(inspection.lead)

    assert client.get(url(name, *setting)).status_code == 200


@pytest.mark.parametrize("name", MEMBER_PAGES)
def test_an_admin_sees_the_member_pages(client, setting, name):
    client.force_login(admin())

    assert client.get(url(name, *setting)).status_code == 200


@pytest.mark.parametrize("name", LEAD_PAGES)
def test_an_admin_who_is_not_the_lead_is_refused_the_lead_pages(client, setting, name):
    client.force_login(admin())

    assert client.get(url(name, *setting)).status_code == 403


def test_only_the_allocated_inspector_or_the_lead_opens_a_review_form(client, setting):
    inspection, case_file = setting
    other = inspection.team.exclude(pk=case_file.reviewer_id).first()
    review_url = url("review_first", inspection, case_file)

    client.force_login(other)
    assert client.get(review_url).status_code == 403
    client.force_login(admin())
    assert client.get(review_url).status_code == 403


def test_a_second_reviewer_cannot_see_the_first_review(client, setting):
    inspection, case_file = setting
    second = case_file.second_reviewer
    client.force_login(second)

    page = client.get(url("file_detail", inspection, case_file))

    assert page.status_code == 200
    assert b"First review by" not in page.content
    assert client.get(url("review_first", inspection, case_file)).status_code == 403
    assert client.get(url("review_second", inspection, case_file)).status_code == 200


def test_a_file_of_another_inspection_is_not_found(client, setting):
    inspection, _ = setting
    other_inspection = drawn_inspection(per_stratum=1)
    foreign_file = other_inspection.case_files.first()
    client.force_login(inspection.lead)

    response = client.get(url("file_detail", inspection, foreign_file))

    assert response.status_code == 404


def test_the_first_reviewer_sees_their_own_review_on_the_file_page(client, setting):
    inspection, case_file = setting
    client.force_login(case_file.reviewer)

    page = client.get(url("file_detail", inspection, case_file))

    assert f"{ReviewKind.FIRST.label} by".encode() in page.content


def test_an_admin_maintains_the_programmes_default_design_in_the_admin_site(client, setting):
    from reviews.models import DesignTemplate

    template = DesignTemplate.objects.get(programme__slug="peel-effectiveness-2016")
    client.force_login(admin())

    page = client.get(reverse("admin:reviews_designtemplate_change", args=[template.pk]))

    assert page.status_code == 200
    assert b"Common assault (domestic abuse)" in page.content


def test_drawn_files_are_read_only_in_the_admin_site(client, setting):
    inspection, case_file = setting
    client.force_login(admin())

    assert client.get(reverse("admin:reviews_casefile_changelist")).status_code == 200
    assert client.get(reverse("admin:reviews_casefile_add")).status_code == 403
    assert (
        client.post(
            reverse("admin:reviews_casefile_delete", args=[case_file.pk]), {"post": "yes"}
        ).status_code
        == 403
    )


def test_a_team_inspector_cannot_reach_the_admin_site(client, setting):
    inspection, case_file = setting
    client.force_login(case_file.reviewer)

    response = client.get(reverse("admin:reviews_designtemplate_changelist"))

    assert response.status_code == 302
