"""The admin site's programme file pages: download a programme as YAML, upload one through the rendered
form (its problems listed with their lines, nothing written), and compare two versions."""

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile

from peel.models import Programme
from programmes.writing import programme_file_text
from tests.factories.inspections import inspection_with_drafts, peel_2016
from tests.factories.users import admin, lead
from tests.forms_in_html import form_with

UPLOAD = "/admin/peel/programme/upload/"


@pytest.fixture
def admin_client(client, db):
    client.force_login(admin())
    return client


def _upload(client, text: str, **changes):
    page = client.get(UPLOAD)
    assert page.status_code == 200
    data = form_with(page.content, "file").submission(**changes)
    data["file"] = SimpleUploadedFile("programme.yaml", text.encode(), content_type="application/yaml")
    return client.post(UPLOAD, data)


def _renamed(text: str, name: str, slug: str) -> str:
    return text.replace("  name: PEEL effectiveness 2016\n", f"  name: {name}\n", 1).replace(
        "  slug: peel-effectiveness-2016\n", f"  slug: {slug}\n", 1
    )


def test_the_change_page_offers_download_and_compare_and_the_list_offers_upload(admin_client):
    programme = peel_2016()

    change = admin_client.get(f"/admin/peel/programme/{programme.pk}/change/").content.decode()
    listing = admin_client.get("/admin/peel/programme/").content.decode()

    assert f'href="/admin/peel/programme/{programme.pk}/download/">Download as YAML</a>' in change
    assert f'href="/admin/peel/programme/{programme.pk}/compare/">Compare with…</a>' in change
    assert f'href="{UPLOAD}">Upload a programme</a>' in listing


def test_download_gives_the_programmes_file(admin_client):
    programme = peel_2016()

    response = admin_client.get(f"/admin/peel/programme/{programme.pk}/download/")

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="peel-effectiveness-2016.yaml"'
    assert response.content.decode() == programme_file_text(programme)


def test_the_download_action_gives_the_chosen_programmes_file(admin_client):
    programme = peel_2016()
    listing = admin_client.get("/admin/peel/programme/")
    form = form_with(listing.content, "action")

    response = admin_client.post(
        "/admin/peel/programme/",
        form.submission(action="programme_download", _selected_action=[str(programme.pk)]),
    )

    assert response.content.decode() == programme_file_text(programme)


def test_an_uploaded_file_loads_as_a_new_programme(admin_client):
    text = _renamed(programme_file_text(peel_2016()), "PEEL uploaded", "peel-uploaded")

    response = _upload(admin_client, text)

    programme = Programme.objects.get(slug="peel-uploaded")
    assert response.status_code == 302
    assert response["Location"] == f"/admin/peel/programme/{programme.pk}/change/"
    assert "Loaded" in " ".join(str(m) for m in get_messages(response.wsgi_request))
    assert programme_file_text(programme) == text


def test_the_upload_form_can_give_the_file_another_name(admin_client):
    _upload(admin_client, programme_file_text(peel_2016()), name="Renamed", slug="renamed")

    assert Programme.objects.get(slug="renamed").name == "Renamed"


def test_an_upload_with_problems_lists_them_with_their_lines_and_writes_nothing(admin_client):
    text = _renamed(programme_file_text(peel_2016()), "Broken", "broken")
    text = text.replace("    threshold: 0.8\n", "    threshold: 8\n", 1).replace(
        "    level: sub\n", "    level: leaf\n", 1
    )
    count = Programme.objects.count()

    response = _upload(admin_client, text)

    content = response.content.decode()
    assert response.status_code == 200
    assert "The programme was not loaded and nothing was written." in content
    assert "file.questions[3].level: &#x27;leaf&#x27; is not one of overall, core, sub" in content
    assert "file.criteria[1].threshold: 8 is not a proportion between 0 and 1" in content
    assert content.count("<li>Line ") == 2
    assert Programme.objects.count() == count


def test_an_upload_that_would_change_a_programme_in_use_is_refused(admin_client):
    inspection_with_drafts()

    response = _upload(admin_client, programme_file_text(peel_2016()))

    assert (
        "is used by 1 inspection, so it cannot change: load the file as a new version"
        in response.content.decode()
    )


def test_an_upload_that_is_not_utf8_text_is_refused(admin_client):
    page = admin_client.get(UPLOAD)
    data = form_with(page.content, "file").submission()
    data["file"] = SimpleUploadedFile("programme.yaml", b"\xff\xfe\x00bad", content_type="application/yaml")

    response = admin_client.post(UPLOAD, data)

    assert "The file is not UTF-8 text" in response.content.decode()


def test_only_admins_reach_the_file_pages(client, db):
    programme = peel_2016()
    client.force_login(lead())

    for path in (
        UPLOAD,
        f"/admin/peel/programme/{programme.pk}/download/",
        f"/admin/peel/programme/{programme.pk}/compare/",
    ):
        response = client.get(path)
        assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


def test_compare_lists_what_a_new_version_added_removed_and_reworded(admin_client):
    original = peel_2016()
    text = _renamed(programme_file_text(original), "PEEL 2016 revised", "peel-2016-revised")
    text = text.replace("  year: 2016\n", "  year: 2016\n  previous_version: peel-effectiveness-2016\n")
    text = text.replace(
        "text: How effectively does the force reduce re-offending?",
        "text: How well does the force reduce re-offending?",
    )
    text = text.replace(
        "in {force_area}, for the five-year period to 30 June 2016",
        "in {force_area}, for the 5 years to 30 June 2016",
    )
    text = text.replace(
        "text: How much crime and anti-social behaviour is there in {force_area}?",
        "text: How much crime and anti-social behaviour is there across {force_area}?",
    )
    text = text.replace(
        "    applicability: vulnerable_or_domestic_abuse\n", "    applicability: vulnerable_victim\n", 1
    )
    start = text.index("  - code: '5.2'\n")
    end = text.index("\n\n", start)
    text = text[:start] + text[end + 1 :]  # sub-question 5.2 goes
    text = text.replace(
        "criteria:\n",
        "criteria:\n  - code: C99\n    section: Outcomes\n    text: Was the victim told the outcome?\n",
        1,
    )
    _upload(admin_client, text)
    revised = Programme.objects.get(slug="peel-2016-revised")

    response = admin_client.get(f"/admin/peel/programme/{revised.pk}/compare/")

    content = response.content.decode()
    assert "What PEEL 2016 revised changed from PEEL effectiveness 2016" in content
    assert "5.2 How well prepared is the force to respond to a firearms attack?" in content  # removed
    assert "C99 Was the victim told the outcome?" in content  # added
    assert "How <del>effectively</del><ins>well</ins> does the force reduce re-offending?" in content
    # Compared for no force, a question shows where the force's area goes, as nowhere a raw placeholder.
    assert "is there <del>in</del><ins>across</ins> [force area]?" in content
    assert (
        "for the <del>five-year</del><ins>5</ins> <del>period</del><ins>years</ins> to 30 June 2016"
    ) in content
    assert "{force_area}" not in content
    # punctuation is a word of its own, as on a section's history: only what went is struck through
    assert (
        "Files where the victim was identified as vulnerable<del>, and every domestic-abuse file</del>"
    ) in content


def test_compare_with_a_chosen_programme_through_the_rendered_form(admin_client):
    original = peel_2016()
    admin_client.post(UPLOAD, {})  # an empty upload is refused by the form, not a 500
    _upload(admin_client, programme_file_text(original), name="Same", slug="same")
    same = Programme.objects.get(slug="same")
    page = admin_client.get(f"/admin/peel/programme/{same.pk}/compare/")

    form = form_with(page.content, "other")
    response = admin_client.get(
        f"/admin/peel/programme/{same.pk}/compare/", form.submission(other=str(original.pk))
    )

    content = response.content.decode()
    assert "What Same changed from PEEL effectiveness 2016" in content
    assert content.count("No change.") == 8


def test_the_compare_page_reads_a_fixed_number_of_queries(admin_client, django_assert_max_num_queries):
    original = peel_2016()
    _upload(admin_client, programme_file_text(original), name="Same", slug="same")
    same = Programme.objects.get(slug="same")

    with django_assert_max_num_queries(40):
        response = admin_client.get(f"/admin/peel/programme/{same.pk}/compare/", {"other": original.pk})

    assert response.status_code == 200


def test_the_admins_new_version_copies_every_part_of_the_programme_and_follows_it(admin_client):
    from figures.models import FigureDefinition
    from reviews.models import StratumTemplate

    original = peel_2016()

    admin_client.post(
        "/admin/peel/programme/",
        {"action": "programme_copy_as_new_version", "_selected_action": [original.pk]},
        follow=True,
    )

    copy = Programme.objects.get(previous_version=original)
    assert copy.name == "PEEL effectiveness 2016 (version 2)" and copy.version == original.version + 1
    assert StratumTemplate.objects.filter(template__programme=copy).count() == 7
    assert FigureDefinition.objects.filter(programme=copy).count() == 10
    assert [level.code for level in copy.grade_scale.levels] == [
        level.code for level in original.grade_scale.levels
    ]
