"""seed_demo leaves Cleveland 2016 published as HMIC published it, signed off by the demo HM Inspector,
and Northumbria 2016 decided and waiting for its lead to submit it for sign-off."""

import io
import re
import shutil
import subprocess

import page
import pytest
from django.core.management import call_command
from django.test import TestCase

from authoring.report import authored_report_content
from peel.celery import app as celery_app
from peel.models import Inspection, InspectionStatus
from publication.models import Publication, SignOff, SignOffState
from publication.selectors import prepublication_checklist
from reports.services.report_content import report_content
from reports.services.report_rendering import report_document_html
from tests.demo.reference_text import misses_in_report, missing, normalised, reference_sentences, report_text
from tests.reports.conftest import data_for_the_module
from timeline.models import MilestoneKind
from timeline.selectors import timeline_of


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    with data_for_the_module(django_db_blocker):
        # The published PDF is rendered when seed_demo commits, in process (as on the embedded default):
        # this module-wide fixture runs before the per-test one that makes tasks eager.
        eager = celery_app.conf.task_always_eager
        celery_app.conf.task_always_eager = True
        try:
            with TestCase.captureOnCommitCallbacks(execute=True):
                call_command("seed_demo", force=True, stdout=io.StringIO())
        finally:
            celery_app.conf.task_always_eager = eager
        yield


def inspection_of(force: str) -> Inspection:
    return Inspection.objects.select_related("force", "programme").get(
        force__slug=force, programme__slug="peel-effectiveness-2016"
    )


@pytest.mark.django_db
def test_cleveland_is_published_dated_march_2017_and_signed_off_by_the_demo_hmi(seeded):
    cleveland = inspection_of("cleveland")
    publication = Publication.objects.get(inspection=cleveland)

    assert cleveland.status == InspectionStatus.PUBLISHED
    assert cleveland.hmi.username == "hmi"
    assert publication.version == 1
    assert publication.sign_off.decided_by.username == "hmi"
    assert publication.is_ready, (publication.status, publication.error)
    assert bytes(publication.pdf).startswith(b"%PDF-")
    assert report_content(inspection=cleveland).date_line == "March 2017"


@pytest.mark.django_db
def test_northumbria_waits_for_its_lead_to_submit_it_for_sign_off(seeded):
    northumbria = inspection_of("northumbria")

    assert northumbria.status == InspectionStatus.JUDGMENTS
    assert northumbria.lead.username == "lead" and northumbria.hmi.username == "hmi"
    assert prepublication_checklist(inspection=northumbria).is_clear
    assert not SignOff.objects.filter(inspection=northumbria).exists()


@pytest.mark.django_db
def test_the_demo_timelines_show_cleveland_done_and_northumbrias_sign_off_overdue(seeded):
    cleveland = timeline_of(inspection=inspection_of("cleveland"))
    northumbria = timeline_of(inspection=inspection_of("northumbria"))

    assert all(row.complete and row.due for row in cleveland.rows)
    assert [row.kind for row in northumbria.overdue] == [MilestoneKind.SIGN_OFF]
    assert northumbria.rows[-1].status_text == "Due in 14 days"


@pytest.mark.django_db
def test_seeding_again_changes_nothing(seeded):
    before = (Publication.objects.count(), SignOff.objects.count(), Inspection.objects.count())

    call_command("seed_demo", force=True, stdout=io.StringIO())

    assert (Publication.objects.count(), SignOff.objects.count(), Inspection.objects.count()) == before
    assert SignOff.objects.filter(state=SignOffState.SIGNED_OFF).count() == 1


@pytest.mark.django_db
def test_the_published_report_and_its_pdf_carry_the_reference_narrative(seeded, tmp_path):
    cleveland = inspection_of("cleveland")
    html = report_document_html(inspection=cleveland, content=authored_report_content(inspection=cleveland))
    narrative = reference_sentences("narrative", "footnote", "title")
    pdf = tmp_path / "cleveland.pdf"
    pdf.write_bytes(bytes(Publication.objects.get(inspection=cleveland).pdf))
    pdftotext = shutil.which("pdftotext")
    assert pdftotext, "pdftotext (poppler-utils) reads the report; .ci/run installs it"
    pdf_text = normalised(
        subprocess.run([pdftotext, str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    )

    assert misses_in_report(narrative, html) == []
    # The PDF's text breaks sentences at page feet (footnotes, figures) and joins calls to words, so
    # most, not all, are found whole in it.
    assert len(missing(narrative, pdf_text)) < len(narrative) * 0.1
    assert (
        "the force is taking steps to address the escalation of medium risk domestic abuse victims"
        in pdf_text
    )


def pdf_pages(pdf: bytes, tmp_path) -> list[str]:
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf)
    pdftotext = shutil.which("pdftotext")
    assert pdftotext, "pdftotext (poppler-utils) reads the report; .ci/run installs it"
    layout = subprocess.run(
        [pdftotext, "-layout", str(path), "-"], check=True, capture_output=True, text=True
    )
    return layout.stdout.split("\f")


def footnotes_of(html: str) -> dict[int, str]:
    """Each footnote the report's HTML lists, by number: its text."""
    listed = re.findall(r'<li id="fn(\d+)" class="footnote-item">(.*?)</li>', html, flags=re.DOTALL)
    return {int(number): " ".join(report_text(text).split()) for number, text in listed}


def pages_printing(pages: list[str], number: int, text: str) -> list[int]:
    """The pages that print the footnote at their foot: its number, then its first words."""
    line = re.compile(rf"^ *{number}\. {re.escape(' '.join(text.split()[:3]))}", re.MULTILINE)
    return [index for index, page in enumerate(pages) if line.search(re.sub(r" +", " ", page))]


@pytest.mark.django_db
def test_the_published_report_numbers_its_footnotes_in_one_sequence_and_its_pdf_prints_each_once(
    seeded, tmp_path
):
    cleveland = inspection_of("cleveland")
    html = report_document_html(inspection=cleveland, content=authored_report_content(inspection=cleveland))
    footnotes = footnotes_of(html)
    pages = pdf_pages(bytes(Publication.objects.get(inspection=cleveland).pdf), tmp_path)

    assert list(footnotes) == list(range(1, 40))
    printed = {number: len(pages_printing(pages, number, text)) for number, text in footnotes.items()}
    assert printed == dict.fromkeys(footnotes, 1)


@pytest.mark.django_db
def test_the_pdf_prints_the_dash_footnote_at_the_foot_of_the_page_that_calls_it(seeded, tmp_path):
    cleveland = inspection_of("cleveland")
    html = report_document_html(inspection=cleveland, content=authored_report_content(inspection=cleveland))
    number, text = next((n, text) for n, text in footnotes_of(html).items() if "(DASH 2009)" in text)
    pages = pdf_pages(bytes(Publication.objects.get(inspection=cleveland).pdf), tmp_path)

    calling = [index for index, page in enumerate(pages) if f"which include: a DASH{number} form" in page]
    assert len(calling) == 1
    assert pages_printing(pages, number, text) == calling
    foot = pages[calling[0]]
    assert foot.index(f"DASH{number} form") < foot.index(f"{number}. Domestic abuse, stalking")


@pytest.mark.django_db
def test_the_published_pdf_with_its_footnotes_at_the_page_feet_conforms_to_pdf_ua_1(seeded):
    pdf = bytes(Publication.objects.get(inspection=inspection_of("cleveland")).pdf)

    report = page.validate_pdf_bytes(pdf, profile=page.ValidationProfile.PDF_UA_1)

    failures = [f"{failure.rule_id}: {failure.message}" for failure in report.failures]
    assert report.is_compliant, "\n".join(failures)
