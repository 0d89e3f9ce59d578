"""The report PDF is an accessible document: PDF/UA-1 by a real validator, with its metadata, language,
structure (headings in order, figures with text alternatives), bookmarks and a linked contents list."""

import datetime
import io
from dataclasses import dataclass

import page
import pikepdf
import pytest
from django.utils import timezone

from authoring.report import authored_report_content
from peel.models import Inspection, InspectionStatus
from peel.services.pdf_renders import pdf_from_document
from reports.services.report_rendering import report_document_html
from tests.reports.builders import reportable_inspection
from tests.reports.conftest import data_for_the_module

pytestmark = pytest.mark.django_db


@dataclass
class Rendered:
    inspection: Inspection
    draft: bytes
    published: bytes
    contents: list[tuple[str, str, int]]


@pytest.fixture(scope="module")
def rendered(django_db_setup, django_db_blocker) -> Rendered:
    """The PDFs are rendered once for the module: seconds each."""
    with data_for_the_module(django_db_blocker):
        inspection = reportable_inspection()
        draft = report_pdf_bytes(inspection)
        contents = authored_report_content(inspection=inspection).contents
        inspection.status = InspectionStatus.PUBLISHED
        inspection.published_at = timezone.make_aware(datetime.datetime(2017, 3, 2, 9, 0))
        inspection.save()
        yield Rendered(inspection, draft, report_pdf_bytes(inspection), contents)


def report_pdf_bytes(inspection) -> bytes:
    """The PDF as publication renders it: the authored report's document."""
    content = authored_report_content(inspection=inspection)
    return pdf_from_document(report_document_html(inspection=inspection, content=content))


def opened(pdf: bytes) -> pikepdf.Pdf:
    return pikepdf.open(io.BytesIO(pdf))


def structure_elements(pdf: pikepdf.Pdf) -> list[pikepdf.Dictionary]:
    """The structure tree's elements in document (reading) order."""
    found = []

    def walk(node):
        if isinstance(node, pikepdf.Array):
            for kid in node:
                walk(kid)
        elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
            found.append(node)
            if "/K" in node:
                walk(node.K)

    walk(pdf.Root.StructTreeRoot.K)
    return found


def outline_titles(pdf: pikepdf.Pdf) -> list[tuple[int, str]]:
    titles = []
    with pdf.open_outline() as outline:

        def walk(items, depth):
            for item in items:
                titles.append((depth, item.title))
                walk(item.children, depth + 1)

        walk(outline.root, 0)
    return titles


@pytest.mark.parametrize("state", ["draft", "published"])
def test_the_report_pdf_conforms_to_pdf_ua_1_by_a_validator(rendered, state):
    report = page.validate_pdf_bytes(getattr(rendered, state), profile=page.ValidationProfile.PDF_UA_1)

    failures = [f"{failure.rule_id}: {failure.message}" for failure in report.failures]
    assert report.is_compliant, "\n".join(failures)


def test_a_pdf_that_is_not_tagged_is_refused_by_the_same_validator(rendered):
    # The check can fail: WeasyPrint's default output (no PDF/UA variant) is untagged.
    from weasyprint import HTML

    content = authored_report_content(inspection=rendered.inspection)
    untagged = HTML(string=report_document_html(inspection=rendered.inspection, content=content)).write_pdf()

    report = page.validate_pdf_bytes(untagged, profile=page.ValidationProfile.PDF_UA_1)
    assert not report.is_compliant
    assert "PDFUA1-TAGGED-DOCUMENT-001" in {failure.rule_id for failure in report.failures}


def test_the_pdf_carries_its_title_author_subject_language_and_creation_date(rendered, settings):
    pdf = opened(rendered.published)

    info = pdf.docinfo
    assert str(info["/Title"]) == "PEEL effectiveness 2016 – An inspection of Cleveland Police"
    assert str(info["/Author"]) == settings.PEEL_REPORT_AUTHOR
    assert str(info["/Subject"]) == "PEEL effectiveness 2016: An inspection of Cleveland Police"
    assert str(info["/CreationDate"]).startswith("D:20170302")
    assert str(pdf.Root.Lang) == "en-GB"
    assert pdf.Root.MarkInfo.Marked
    with pdf.open_metadata() as xmp:
        assert xmp["pdfuaid:part"] == "1"
        assert xmp["dc:title"] == "PEEL effectiveness 2016 – An inspection of Cleveland Police"


@pytest.mark.parametrize("state", ["draft", "published"])
def test_headings_in_the_structure_tree_start_at_h1_and_never_skip_a_level(rendered, state):
    pdf = opened(getattr(rendered, state))  # kept open: the elements are views into it
    levels = [
        int(str(element.S)[2:])
        for element in structure_elements(pdf)
        if str(element.S) in {"/H1", "/H2", "/H3", "/H4", "/H5", "/H6"}
    ]

    assert levels[0] == 1
    skips = [(before, after) for before, after in zip(levels, levels[1:], strict=False) if after > before + 1]
    assert not skips


def test_every_figure_in_the_structure_tree_has_a_text_alternative(rendered):
    pdf = opened(rendered.draft)
    figures = [element for element in structure_elements(pdf) if element.S == "/Figure"]

    assert figures  # the annex's chart at least
    assert all(str(figure.get("/Alt", "")).strip() for figure in figures)
    assert any("criteri" in str(figure.Alt) for figure in figures)


def test_bookmarks_follow_the_reports_headings(rendered):
    titles = [title for _, title in outline_titles(opened(rendered.draft))]

    for title, _anchor, _level in rendered.contents:
        assert any(bookmark.startswith(title[:60]) for bookmark in titles), title


def test_the_contents_list_links_to_each_section(rendered):
    pdf = opened(rendered.draft)

    destinations = {
        str(annotation.Dest)
        for pdf_page in pdf.pages
        for annotation in pdf_page.obj.get("/Annots", [])
        if annotation.get("/Subtype") == "/Link" and "/Dest" in annotation
    }

    assert {anchor for _title, anchor, _level in rendered.contents} <= destinations
