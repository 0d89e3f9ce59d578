"""The writing pages through the client, submitting what the rendered HTML holds; the report they feed."""

import pytest
from django.test import Client
from django.urls import reverse

from authoring.models import ReportSection, SectionStatus
from authoring.report import sections_freeze
from authoring.services.sections import section_body_save, section_status_set
from reports.models import CriterionResult
from tests.authoring.builders import authored, inspection_with_sections, section
from tests.forms_in_html import form_with

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def editor_url(item: ReportSection) -> str:
    return reverse("authoring:section", kwargs={"pk": item.inspection_id, "section_id": item.pk})


def test_the_writing_page_lists_every_section_with_its_author_and_status():
    inspection = inspection_with_sections()
    writer = inspection.team.first()
    authored(inspection, "q-1.1", writer)

    page = client_for(writer).get(reverse("authoring:writing", kwargs={"pk": inspection.pk})).content.decode()

    assert page.count('class="list-group-item') == 24
    assert f"Author: {writer.get_full_name()}" in page
    assert "Not yet started" in page


def test_the_lead_assigns_authors_in_one_form_offering_the_team_only():
    inspection = inspection_with_sections()
    first, second = inspection.team.all()[:2]
    lead = client_for(inspection.lead)
    url = reverse("authoring:authors", kwargs={"pk": inspection.pk})
    one, two = section(inspection, "q-2.1"), section(inspection, "q-2.2")
    form = form_with(lead.get(url).content, f"author_{one.pk}")

    response = lead.post(
        url, form.submission("assign", **{f"author_{one.pk}": first.pk, f"author_{two.pk}": second.pk})
    )

    assert response.status_code == 302
    assert section(inspection, "q-2.1").author == first and section(inspection, "q-2.2").author == second
    assert client_for(first).get(url).status_code == 403


def test_the_author_saves_marks_ready_and_a_result_reference_is_live_in_the_report(monkeypatch):
    inspection = inspection_with_sections()
    writer = inspection.team.first()
    item = authored(inspection, "q-2.2", writer)
    criterion = inspection.programme.criteria.first()
    CriterionResult.objects.create(
        inspection=inspection, criterion=criterion, n=60, yes=36, partly=0, no=24, not_known=0,
        proportion_met="0.6000", threshold="0.800",
    )  # fmt: skip
    session = client_for(writer)
    reference = f"{{{{result:{criterion.code}}}}}"
    body = f"### Investigations\n\n- first\n  - nested\n\n{reference} met it.[^1]\n\n[^1]: A note."
    form = form_with(session.get(editor_url(item)).content, "body")

    response = session.post(editor_url(item), form.submission("ready", body=body))
    report = session.get(reverse("publication:report", kwargs={"pk": inspection.pk})).content.decode()

    assert response.status_code == 302
    assert section(inspection, "q-2.2").status == SectionStatus.READY_FOR_REVIEW
    assert "<h4>Investigations</h4>" in report and "36 of 60 files (60%) met it." in report
    assert '<li id="fn1" class="footnote-item">' in report


def test_preview_shows_the_typed_text_rendered_and_saves_nothing():
    inspection = inspection_with_sections()
    item = section(inspection, "q-1")
    session = client_for(inspection.lead)
    form = form_with(session.get(editor_url(item)).content, "body")

    page = session.post(editor_url(item), form.submission("preview", body="Some **bold** words."))

    assert page.status_code == 200
    assert "Preview (not saved)" in page.content.decode() and "<strong>bold</strong>" in page.content.decode()
    assert section(inspection, "q-1").body == ""


def test_an_unknown_reference_or_a_wrong_heading_is_refused_naming_it_and_the_text_is_kept():
    inspection = inspection_with_sections()
    item = section(inspection, "q-1")
    session = client_for(inspection.lead)
    form = form_with(session.get(editor_url(item)).content, "body")
    typed = "# Big\n\nSee {{result:ZZ9}} and {{figure-ref:nowhere}}."

    page = session.post(editor_url(item), form.submission("save", body=typed)).content.decode()

    assert "Line 1: “# Big” is a level 1 heading" in page
    assert "{{result:ZZ9}} refers to no criterion with a file-review result" in page
    assert "{{figure-ref:nowhere}} refers to no figure of this programme" in page
    assert form_with(page, "body").submission("save")["body"] == [typed]
    assert section(inspection, "q-1").body == ""


def test_a_figure_from_the_insert_menu_is_placed_numbered_in_the_report():
    inspection = inspection_with_sections()
    session = client_for(inspection.lead)
    item = section(inspection, "q-1.1")
    editor = session.get(editor_url(item)).content.decode()
    assert 'data-insert="{{figure:crime-rates-five-years}}"' in editor
    form = form_with(editor, "body")
    session.post(
        editor_url(item),
        form.submission(
            "save", body="As {{figure-ref:asb-change-by-force}} shows.\n\n{{figure:crime-rates-five-years}}"
        ),
    )
    later = section(inspection, "q-1.2")
    section_body_save(
        section=later, body="{{figure:asb-change-by-force}}", version=None, user=inspection.lead
    )

    report = session.get(reverse("publication:report", kwargs={"pk": inspection.pk})).content.decode()

    assert "Figure 1: Police-recorded crime rates" in report
    assert '<a class="figure-ref" href="#figure-asb-change-by-force">Figure 2</a>' in report
    assert "Figure 2: Percentage change in the rate of anti-social behaviour" in report


def test_approved_sections_are_read_only_and_others_cannot_write():
    inspection = inspection_with_sections()
    writer, other = inspection.team.all()[:2]
    item = authored(inspection, "q-3.2", writer)
    section_body_save(section=item, body="Written.", version=None, user=writer)

    assert client_for(other).post(editor_url(item), {"body": "Mine now."}).status_code == 403
    section_status_set(section=item, status=SectionStatus.APPROVED, user=inspection.lead)
    page = client_for(writer).get(editor_url(item)).content.decode()

    assert 'name="body"' not in page and "approved, so it is read-only" in page


def test_the_history_shows_a_word_difference_between_two_chosen_versions():
    inspection = inspection_with_sections()
    item = section(inspection, "q-4")
    for body in ("The force tackles crime.", "The force tackles organised crime well.", "Third."):
        item = section_body_save(section=item, body=body, version=None, user=inspection.lead)
    url = reverse("authoring:history", kwargs={"pk": inspection.pk, "section_id": item.pk})

    page = client_for(inspection.team.first()).get(url, {"older": 1, "newer": 2}).content.decode()

    assert "From version 1 to version 2" in page
    assert "tackles <ins>organised </ins>crime<ins> well</ins>." in page


def test_a_draft_report_has_all_fifteen_sub_questions_marking_the_unwritten_and_no_result_lists():
    inspection = inspection_with_sections()
    page = client_for(inspection.lead).get(reverse("publication:report", kwargs={"pk": inspection.pk}))

    html = page.content.decode()
    assert html.count('class="sub-question"') == 15
    assert html.count("Not yet written.") == 15
    assert "Our review of case files found" not in html
    assert '<section id="next-steps"' in html


def test_at_publication_the_sections_keep_what_they_showed_though_the_results_change():
    inspection = inspection_with_sections()
    criterion = inspection.programme.criteria.first()
    result = CriterionResult.objects.create(
        inspection=inspection, criterion=criterion, n=10, yes=5, partly=0, no=5, not_known=0,
        proportion_met="0.5000", threshold="0.800",
    )  # fmt: skip
    item = section(inspection, "q-5")
    section_body_save(
        section=item, body=f"{{{{result:{criterion.code}}}}}.", version=None, user=inspection.lead
    )

    sections_freeze(inspection=inspection)
    result.yes, result.no, result.proportion_met = 9, 1, "0.9000"
    result.save()

    assert "5 of 10 files (50%)" in section(inspection, "q-5").published_html


def test_the_publication_checklist_waits_for_every_section_to_be_approved():
    from publication.selectors import prepublication_checklist

    inspection = inspection_with_sections()
    waiting = [item.label for item in prepublication_checklist(inspection=inspection).waiting]

    assert sum(label.startswith("Section ") for label in waiting) == 24


@pytest.mark.parametrize("url_name", ["authoring:writing", "publication:report"])
def test_the_writing_list_and_the_report_read_a_fixed_number_of_queries(
    url_name, django_assert_max_num_queries
):
    inspection = inspection_with_sections()
    for key in ("q-1.1", "q-2.1", "q-3.1"):
        section_body_save(
            section=section(inspection, key),
            body="Text[^1].\n\n[^1]: Note.",
            version=None,
            user=inspection.lead,
        )
    session = client_for(inspection.lead)
    url = reverse(url_name, kwargs={"pk": inspection.pk})
    session.get(url)

    with django_assert_max_num_queries(12 if url_name == "authoring:writing" else 70):
        assert session.get(url).status_code == 200
