"""The demo loads the reference report's narrative into Cleveland 2016's sections as its inspectors would
have written it and its lead approved it, with the title page's details and the programme's own texts;
and the report rendered from them carries the reference's whole text, its footnotes and the
evidential-difficulties recommendation as HMIC wrote it."""

import datetime
import re

import pytest

from authoring.models import ProgrammeReportText, ReportDetails, ReportSection, SectionRevision, SectionStatus
from authoring.report import authored_report_content
from demo.cleveland import cleveland_inspection_ensure
from demo.cleveland_figures import cleveland_figures_ensure
from demo.report_sections import (
    CLEVELAND_2016_CONTENT,
    PROGRAMME_TEXTS,
    cleveland_report_content_ensure,
    content_files,
    programme_texts_ensure,
)
from demo.users import demo_users_ensure
from peel.models import Inspection
from reports.services.report_rendering import report_document_html
from tests.demo.reference_text import (
    corrected,
    misses_in_report,
    normalised,
    reference_lines,
    reference_sentences,
    report_text,
)
from tests.reports.conftest import data_for_the_module

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    """Cleveland 2016 with its narrative, not yet published (seed_demo publishes it next)."""
    with data_for_the_module(django_db_blocker):
        users = demo_users_ensure()
        cleveland = cleveland_inspection_ensure(users=users)
        cleveland_figures_ensure()
        cleveland_report_content_ensure(inspection=cleveland, users=users)
        yield {"users": users, "pk": cleveland.pk}


@pytest.fixture
def cleveland(loaded) -> Inspection:
    return Inspection.objects.select_related("force", "programme").get(pk=loaded["pk"])


@pytest.fixture(scope="module")
def rendered(loaded, django_db_blocker) -> str:
    """The report's HTML document, as the report page and its PDF are made (drawn once)."""
    with django_db_blocker.unblock():
        inspection = Inspection.objects.select_related("force", "programme").get(pk=loaded["pk"])
        return report_document_html(
            inspection=inspection, content=authored_report_content(inspection=inspection)
        )


def test_every_section_is_approved_and_written_by_the_demo_inspectors(cleveland, loaded):
    sections = list(ReportSection.objects.filter(inspection=cleveland).select_related("author"))
    authors = {section.key: section.author.username for section in sections}

    assert {section.status for section in sections} == {SectionStatus.APPROVED}
    assert {authors[key] for key in authors if key.startswith("q-") and key != "q-0"} == {
        "inspector",
        "inspector2",
    }
    assert authors["q-3.3"] == "inspector" and authors["q-2.1"] == "inspector2"
    assert authors["q-0"] == "lead"


def test_each_section_holds_its_file_as_one_saved_version(cleveland):
    bodies = dict(ReportSection.objects.filter(inspection=cleveland).values_list("key", "body"))
    files = content_files(CLEVELAND_2016_CONTENT)

    assert {key: bodies[key] for key in files} == files
    assert (
        bodies["q-0"] == "" and bodies["next-steps"] == ""
    )  # nothing to add to what peel and the programme say
    assert SectionRevision.objects.filter(section__inspection=cleveland).count() == len(files)


def test_the_title_page_has_the_references_date_copyright_isbn_and_web_address(cleveland):
    details = ReportDetails.objects.get(inspection=cleveland)

    assert details.publication_date == datetime.date(2017, 3, 2)
    assert details.copyright_line == "© HMIC 2017"
    assert details.isbn == "978-1-78655-342-3"
    assert details.web_address == "https://www.justiceinspectorates.gov.uk/hmic"


def test_the_programme_has_its_own_introduction_next_steps_and_annex_a(cleveland):
    texts = dict(ProgrammeReportText.objects.filter(programme=cleveland.programme).values_list("key", "body"))

    assert texts == content_files(PROGRAMME_TEXTS / "peel-effectiveness-2016")
    assert texts["next-steps"].startswith("HMIC assesses progress on causes of concern")


def test_loading_again_changes_nothing(cleveland, loaded):
    before = list(
        ReportSection.objects.filter(inspection=cleveland).values_list("key", "body", "status", "updated_at")
    )
    revisions = SectionRevision.objects.count()

    cleveland_report_content_ensure(inspection=cleveland, users=loaded["users"])

    after = list(
        ReportSection.objects.filter(inspection=cleveland).values_list("key", "body", "status", "updated_at")
    )
    assert after == before
    assert SectionRevision.objects.count() == revisions


def test_a_programme_text_already_written_is_kept(cleveland):
    ProgrammeReportText.objects.filter(programme=cleveland.programme, key="next-steps").update(
        body="Our own."
    )

    added = programme_texts_ensure(
        programme=cleveland.programme, directory=PROGRAMME_TEXTS / "peel-effectiveness-2016"
    )

    assert added == 0
    assert ProgrammeReportText.objects.get(programme=cleveland.programme, key="next-steps").body == "Our own."


def test_the_rendered_report_carries_every_sentence_of_the_reference_but_the_figures_own(rendered):
    wanted = reference_sentences("narrative", "footnote", "title", "generated")

    assert len(wanted) > 1000
    assert misses_in_report(wanted, rendered) == [
        "hmic judgments are outstanding good requires improvement and inadequate"  # peel: "Our judgments …"
    ]


def test_the_rendered_report_calls_each_of_the_39_narrative_footnotes(rendered):
    calls = re.findall(r'<sup class="footnote-ref"><a href="#fn(\d+)"', rendered)
    printed = re.findall(r'<span class="footnote-print">', rendered)

    assert len(calls) == len(printed) == 39


def footnotes_written_in(directory) -> int:
    return sum(
        len(re.findall(r"^\[\^[^\]]+\]:", body, flags=re.MULTILINE))
        for body in content_files(directory).values()
    )


def test_every_footnote_of_the_report_programme_texts_included_is_numbered_in_one_sequence(rendered):
    written = footnotes_written_in(CLEVELAND_2016_CONTENT) + footnotes_written_in(
        PROGRAMME_TEXTS / "peel-effectiveness-2016"
    )
    calls = [int(n) for n in re.findall(r'<sup class="footnote-ref"><a href="#fn(\d+)"', rendered)]
    listed = [int(n) for n in re.findall(r'<li id="fn(\d+)" class="footnote-item">', rendered)]

    assert written == 39
    assert calls == listed == list(range(1, written + 1))


def test_each_footnote_carries_the_number_the_reference_gives_it_but_for_peels_own_second(rendered):
    # The content files label each footnote with the reference's number; the reference's 2 ("Overall
    # judgment²") is peel's generated note, so from 3 on the report numbers one lower.
    listed = re.findall(r'<li id="fn(\d+)" class="footnote-item">(.*?)</li>', rendered, flags=re.DOTALL)
    reference = {line.footnote: line.text for line in reference_lines() if line.kind == "footnote"}
    by_number = {int(number): normalised(report_text(text)) for number, text in listed}

    for label, text in reference.items():
        number = label if label < 2 else label - 1
        assert normalised(corrected(text)) in by_number[number], label


def test_the_figures_footnoted_as_in_the_reference_call_them_at_the_end_of_their_captions(rendered):
    captions = dict(
        re.findall(r'<figcaption id="figure-([^"]+)-caption">(.*?)</figcaption>', rendered, re.DOTALL)
    )
    calls = {key: re.findall(r'id="fnref(\d+)"', caption) for key, caption in captions.items()}

    # The reference's 11 and 12, 15 and 16, 23, 25, 33 and 36, one lower without peel's own second.
    assert {key: numbers for key, numbers in calls.items() if numbers} == {
        "outcomes-by-type": ["10", "11"],
        "victim-does-not-support-by-force": ["14", "15"],
        "vulnerable-victim-share-by-force": ["22"],
        "domestic-abuse-arrest-rate-by-force": ["24"],
        "domestic-abuse-outcomes": ["32"],
        "ocgs-per-million-by-force": ["35"],
    }


def test_the_recommendation_is_printed_as_written_with_its_sub_points_and_closing_sentence(rendered):
    after = rendered.split('<ul class="recommendations">', 1)[1]
    recommendation = after.split('<ul class="recommendations">', 1)[0].split("</section>", 1)[0]
    text = " ".join(report_text(recommendation).split())

    assert "It is recommended that by 1 May 2017 the force should produce and submit to HMIC" in text
    assert recommendation.count("<li>") == 4  # the recommendation and its three sub-points
    assert "<li>review the extent to which the force" in recommendation
    assert "in pursuing justice on behalf of victims." in text
    assert "By 1 May 2017" not in rendered
    assert rendered.count("It is recommended that by 1 May 2017") == 1


def test_the_progress_section_shows_assessments_without_authoring_notes_in_the_reports_words(rendered):
    previous = rendered.split('<section id="previous"', 1)[1].split("</section>", 1)[0]

    assert "inferred" not in rendered and "The report states" not in rendered
    assert (
        "Since then, the cause of concern has been addressed; seven of the nine areas for improvement have "
        "been addressed." in report_text(previous)
    )
    assert "7 of 9" not in rendered
