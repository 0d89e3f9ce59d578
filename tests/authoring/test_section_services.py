"""The writes of report authoring, through its services."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from authoring.models import ReportSection, SectionStatus
from authoring.services.details import programme_text_save, report_details_save
from authoring.services.sections import (
    section_authors_assign,
    section_body_save,
    section_comment_add,
    section_comment_resolve,
    section_status_set,
    sections_ensure,
)
from tests.authoring.builders import authored, inspection_with_sections, section
from tests.factories.users import inspector

pytestmark = pytest.mark.django_db


def test_every_question_and_the_fixed_sections_get_one_section_in_report_order_once():
    inspection = inspection_with_sections()

    keys = list(ReportSection.objects.filter(inspection=inspection).values_list("key", flat=True))
    sections_ensure(inspection=inspection)  # again: nothing more

    assert keys[:4] == ["introduction", "q-0", "q-1", "q-1.1"]
    assert keys[-2:] == ["next-steps", "annex-a"]
    assert sum(key.count(".") for key in keys) == 15  # all fifteen sub-questions
    assert len(keys) == 24 == ReportSection.objects.filter(inspection=inspection).count()


def test_each_save_that_changes_the_text_is_a_new_version_and_starts_the_section():
    inspection = inspection_with_sections()
    writer = inspection.team.first()
    item = authored(inspection, "q-1.1", writer)

    item = section_body_save(section=item, body="First words.", version=item.edit_version, user=writer)
    item = section_body_save(section=item, body="First words.", version=item.edit_version, user=writer)
    item = section_body_save(section=item, body="Second words.", version=item.edit_version, user=writer)

    assert item.status == SectionStatus.IN_PROGRESS
    assert [(r.number, r.body) for r in item.revisions.all()] == [(2, "Second words."), (1, "First words.")]


def test_a_save_on_a_stale_copy_is_refused_and_the_first_save_stands():
    inspection = inspection_with_sections()
    writer = inspection.team.first()
    item = authored(inspection, "q-2.1", writer)
    loaded = item.edit_version
    section_body_save(section=item, body="The lead's words.", version=loaded, user=inspection.lead)

    with pytest.raises(ValidationError) as refused:
        section_body_save(section=item, body="The author's words.", version=loaded, user=writer)

    assert refused.value.code == "conflict"
    assert section(inspection, "q-2.1").body == "The lead's words."


def test_only_the_author_and_the_lead_write_a_section():
    inspection = inspection_with_sections()
    writer, other = inspection.team.all()[:2]
    item = authored(inspection, "q-3.1", writer)

    with pytest.raises(PermissionDenied):
        section_body_save(section=item, body="Not mine.", version=None, user=other)


def test_a_body_with_a_heading_of_the_report_s_own_levels_is_refused_naming_the_line():
    inspection = inspection_with_sections()
    item = section(inspection, "q-1")

    with pytest.raises(ValidationError) as refused:
        section_body_save(section=item, body="Intro\n\n## A part", version=None, user=inspection.lead)

    assert refused.value.messages[0].startswith("Line 3:")


def test_authors_are_assigned_in_bulk_from_the_team_only():
    inspection = inspection_with_sections()
    first, second = inspection.team.all()[:2]
    one, two = section(inspection, "q-1.1"), section(inspection, "q-1.2")

    changed = section_authors_assign(
        inspection=inspection, authors={one.pk: first, two.pk: second}, user=inspection.lead
    )
    with pytest.raises(ValidationError, match="not on it"):
        section_authors_assign(inspection=inspection, authors={one.pk: inspector()}, user=inspection.lead)
    with pytest.raises(PermissionDenied):
        section_authors_assign(inspection=inspection, authors={one.pk: second}, user=first)

    assert changed == 2
    assert section(inspection, "q-1.1").author == first and section(inspection, "q-1.2").author == second


def test_a_section_goes_ready_then_is_returned_with_a_comment_then_approved_read_only_then_reopened():
    inspection = inspection_with_sections()
    writer = inspection.team.first()
    lead = inspection.lead
    item = authored(inspection, "q-4.1", writer)
    with pytest.raises(ValidationError, match="Write the section"):
        section_status_set(section=item, status=SectionStatus.READY_FOR_REVIEW, user=writer)
    section_body_save(section=item, body="Organised crime groups.", version=None, user=writer)

    section_status_set(section=item, status=SectionStatus.READY_FOR_REVIEW, user=writer)
    with pytest.raises(PermissionDenied):
        section_status_set(section=item, status=SectionStatus.APPROVED, user=writer)
    with pytest.raises(ValidationError, match="Say what should change"):
        section_status_set(section=item, status=SectionStatus.IN_PROGRESS, user=lead)
    section_status_set(section=item, status=SectionStatus.IN_PROGRESS, user=lead, comment="Add the numbers.")
    section_status_set(section=item, status=SectionStatus.READY_FOR_REVIEW, user=writer)
    section_status_set(section=item, status=SectionStatus.APPROVED, user=lead)
    with pytest.raises(ValidationError, match="approved"):
        section_body_save(section=item, body="Changed after approval.", version=None, user=writer)
    reopened = section_status_set(section=item, status=SectionStatus.IN_PROGRESS, user=lead)

    assert reopened.status == SectionStatus.IN_PROGRESS
    assert [c.body for c in item.comments.all()] == ["Add the numbers."]


def test_comments_are_added_by_the_team_and_resolved_by_their_author_the_writer_or_the_lead():
    inspection = inspection_with_sections()
    writer, other = inspection.team.all()[:2]
    item = authored(inspection, "q-5.1", writer)
    comment = section_comment_add(section=item, user=other, body=" Check the date. ", quoted="  in  2015 ")

    with pytest.raises(PermissionDenied):
        section_comment_add(section=item, user=inspector(), body="An outsider's view.")
    resolved = section_comment_resolve(comment=comment, user=writer)

    assert (comment.body, comment.quoted) == ("Check the date.", "in 2015")
    assert resolved.is_resolved and resolved.resolved_by == writer


def test_the_lead_saves_the_title_page_details_once_and_a_stale_copy_is_refused():
    inspection = inspection_with_sections()
    details = report_details_save(
        inspection=inspection,
        user=inspection.lead,
        version="",
        publication_date=None,
        copyright_line="© HMIC 2017",
        isbn="978-1-78655-306-6",
        web_address="https://www.justiceinspectorates.gov.uk/hmic/",
    )

    with pytest.raises(ValidationError):
        report_details_save(
            inspection=inspection,
            user=inspection.lead,
            version="",
            publication_date=None,
            copyright_line="© HMICFRS 2017",
            isbn="",
            web_address="",
        )
    with pytest.raises(PermissionDenied):
        report_details_save(
            inspection=inspection,
            user=inspection.team.first(),
            version=details.edit_version,
            publication_date=None,
            copyright_line="",
            isbn="",
            web_address="",
        )

    assert details.copyright_line == "© HMIC 2017"


def test_a_programme_text_is_saved_by_its_key_only():
    inspection = inspection_with_sections()

    text = programme_text_save(programme=inspection.programme, key="next-steps", body="HMIC will monitor.")
    with pytest.raises(ValidationError):
        programme_text_save(programme=inspection.programme, key="summary", body="x")

    assert (text.title, text.body) == ("Next steps", "HMIC will monitor.")
