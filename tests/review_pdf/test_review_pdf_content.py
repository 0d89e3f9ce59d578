"""The PDF of a file's review shows what the file's page shows its reader — the lead every review with
each answer's label and note, the moderation, the adjudication and the discussion; a reviewer their own
review only — as an accessible, tagged PDF (PDF/UA-1) with its title, author, subject and language."""

import io
import shutil
import subprocess

import page
import pikepdf
import pytest

from peel.services.pdf_renders import pdf_from_document
from review_pdf.selectors import file_review_content
from review_pdf.services import review_document_html
from reviews.models import CaseFile, ReviewKind
from reviews.services.moderation import review_return
from reviews.views.common import case_file_of
from tests.review_pdf.builders import FIRST_NOTE, MESSAGE, REASON, SECOND_NOTE, reviewed_file

pytestmark = pytest.mark.django_db

RETURN_COMMENT = "Say where the risk assessment is recorded."


@pytest.fixture
def case_file() -> CaseFile:
    return reviewed_file()


def pdf_for(case_file: CaseFile, user) -> bytes:
    inspection = case_file.inspection
    loaded = case_file_of(inspection, case_file.pk, with_reviewers=True)
    content = file_review_content(inspection=inspection, case_file=loaded, user=user)
    return pdf_from_document(review_document_html(content=content))


def text_of(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "review.pdf"
    path.write_bytes(pdf)
    return " ".join(
        subprocess.run(
            ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
        ).stdout.split()
    )


needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")


@needs_pdftotext
def test_the_leads_pdf_shows_both_reviews_answer_labels_and_notes_the_moderation_adjudication_and_discussion(
    case_file, tmp_path
):
    text = text_of(pdf_for(case_file, case_file.inspection.lead), tmp_path)

    assert f"Review of case file {case_file.crime.crime_reference}" in text
    assert "Robbery" in text and case_file.crime.crime_type in text
    assert "First review" in text and "Second (blind) review" in text
    assert FIRST_NOTE in text and SECOND_NOTE in text
    assert "C01" in text and " Yes " in text and " No " in text  # the answers' labels, not their values
    assert "yes_partly_no" not in text and "not_applicable" not in text
    assert "Accepted" in text and "Waiting for the lead" in text  # each review's moderation
    assert "Adjudication" in text and REASON in text
    assert "Discussion of the first review" in text and MESSAGE in text


@needs_pdftotext
def test_a_second_reviewers_pdf_shows_their_blind_review_alone(case_file, tmp_path):
    text = text_of(pdf_for(case_file, case_file.second_reviewer), tmp_path)

    assert SECOND_NOTE in text
    assert FIRST_NOTE not in text and "First review" not in text
    assert REASON not in text and MESSAGE not in text  # the adjudication and the first review's thread


@needs_pdftotext
def test_a_returned_reviews_pdf_shows_what_the_lead_asked_to_change(case_file, tmp_path):
    second = case_file.reviews.get(kind=ReviewKind.SECOND)
    review_return(
        inspection=case_file.inspection,
        review_id=second.pk,
        comment=RETURN_COMMENT,
        user=case_file.inspection.lead,
    )

    text = text_of(pdf_for(case_file, case_file.second_reviewer), tmp_path)

    assert f"The lead's comment: {RETURN_COMMENT}" in text


def test_the_pdf_conforms_to_pdf_ua_1_by_a_validator(case_file):
    report = page.validate_pdf_bytes(
        pdf_for(case_file, case_file.inspection.lead), profile=page.ValidationProfile.PDF_UA_1
    )

    assert report.is_compliant, "\n".join(
        f"{failure.rule_id}: {failure.message}" for failure in report.failures
    )


def test_the_pdf_carries_its_title_author_subject_and_language(case_file, settings):
    pdf = pikepdf.open(io.BytesIO(pdf_for(case_file, case_file.inspection.lead)))
    reference = case_file.crime.crime_reference
    inspection = case_file.inspection

    info = pdf.docinfo
    assert str(info["/Title"]) == (
        f"Review of case file {reference} – {inspection.force.name}, {inspection.programme.name}"
    )
    assert case_file.reviewer.get_full_name() in str(info["/Author"])
    assert settings.PEEL_REPORT_AUTHOR in str(info["/Author"])
    assert str(info["/Subject"]).startswith(
        f"The first review, second (blind) review and adjudication of case file {reference}"
    )
    assert str(pdf.Root.Lang) == "en-GB"
    assert pdf.Root.MarkInfo.Marked


def test_the_answers_are_tables_with_header_cells_under_headings_that_skip_no_level(case_file):
    pdf = pikepdf.open(io.BytesIO(pdf_for(case_file, case_file.inspection.lead)))
    kinds = []

    def walk(node):
        if isinstance(node, pikepdf.Array):
            for kid in node:
                walk(kid)
        elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
            kinds.append(str(node.S))
            if "/K" in node:
                walk(node.K)

    walk(pdf.Root.StructTreeRoot.K)
    levels = [int(kind[2:]) for kind in kinds if kind in {"/H1", "/H2", "/H3", "/H4"}]

    assert "/Table" in kinds and "/TH" in kinds and "/TD" in kinds
    assert levels[0] == 1
    assert all(after <= before + 1 for before, after in zip(levels, levels[1:], strict=False))
