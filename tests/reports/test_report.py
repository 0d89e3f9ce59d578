"""The report: its sections and wording, the summary table, the draft marking, the published content."""

import re
import shutil
import subprocess
from html import unescape

import pytest
from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from peel.forms.approval import RecommendationForm
from peel.models import Inspection, InspectionStatus, Recommendation
from tests.reports.builders import reportable_inspection
from tests.reports.conftest import data_for_the_module

pytestmark = pytest.mark.django_db

PREVENTING = (
    "How effective is the force at preventing crime, tackling anti-social behaviour and keeping people safe?"
)
PROTECTING = (
    "How effective is the force at protecting those who are vulnerable from harm, and supporting victims?"
)

SUMMARY_ROW = re.compile(r'<tr><th scope="row">(?P<question>[^<]+)</th><td>(?P<cell>.*?)</td></tr>', re.S)


@pytest.fixture(scope="module")
def reported(django_db_setup, django_db_blocker):
    with data_for_the_module(django_db_blocker):
        yield reportable_inspection()


@pytest.fixture
def inspection(reported):
    return Inspection.objects.select_related("force", "programme").get(pk=reported.pk)


def page(client, inspection) -> str:
    client.force_login(inspection.lead)
    response = client.get(reverse("publication:report", kwargs={"pk": inspection.pk}))
    assert response.status_code == 200
    return response.content.decode()


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def test_the_report_has_every_section_of_the_reference_report(client, inspection):
    text = text_of(page(client, inspection))

    for heading in [
        "PEEL effectiveness 2016",
        "An inspection of Cleveland Police",
        "Contents",
        "Introduction",
        "Force in numbers",
        "Overview – How effective is the force at keeping people safe and reducing crime?",
        "Overall judgment",
        "Overall summary",
        PREVENTING,
        "How much crime and anti-social behaviour is there in Cleveland?",
        "How effective is the force's initial investigative response?",
        "How effective are the force's specialist capabilities?",
        "Summary of findings",
        "Areas for improvement",
        "Cause of concern",
        "Progress since the previous inspection",
        "Annex A – About the data",
        "Review of crime files",
    ]:
        assert heading in text, heading


def test_the_summary_table_has_one_row_per_core_question_with_its_grade(client, inspection):
    html = page(client, inspection)
    table = html[
        html.index("<caption>Overall summary</caption>") : html.index(
            "</table>", html.index("Overall summary")
        )
    ]

    rows = [
        (text_of(row["question"]).strip(), text_of(row["cell"]).strip())
        for row in SUMMARY_ROW.finditer(table)
    ]

    assert rows == [
        (PREVENTING, "Good"),
        ("How effective is the force at investigating crime and reducing re-offending?", "Good"),
        (PROTECTING, "Requires improvement"),
        ("How effective is the force at tackling serious and organised crime?", "Good (draft)"),
        ("How effective are the force's specialist capabilities?", "Ungraded"),
    ]


def test_the_overview_states_the_change_since_the_previous_inspection_and_progress_on_its_afis(
    client, inspection
):
    text = text_of(page(client, inspection))

    assert (
        "Our overall judgment this year is an improvement on last year, when we judged the force to require "
        "improvement in respect of its overall effectiveness." in text
    )
    assert "three of the four areas for improvement have been addressed" in text
    assert "The force should improve thing 4. As we found. 3 Not addressed" in text


def test_recommendations_carry_their_dates(client, inspection):
    text = text_of(page(client, inspection))

    assert "By 1 May 2017, produce and submit an action plan." in text
    assert "By 1 June 2017, review the call-handling process." in text


def test_annex_a_states_the_file_review_method_from_the_sample_design(client, inspection):
    text = text_of(page(client, inspection))

    assert (
        "We reviewed 60 police case files across crime types for: robbery, common assault (flagged as "
        "domestic abuse), grievous bodily harm, stalking, harassment, rape and domestic burglary." in text
    )
    assert (
        "Files were randomly selected from crimes recorded between 1 January 2016 and 31 March 2016 and were "
        "assessed against 22 criteria." in text
    )
    assert "Due to the small sample size of cases selected" in text
    assert (
        "the files reviewed were: 8 robbery, 9 common assault (domestic abuse), 9 grievous bodily harm"
        in text
    )


def test_annex_a_has_a_results_table_and_a_chart_per_criterion(client, inspection):
    html = page(client, inspection)
    annex = html[html.index('id="annex-a"') :]

    assert "<svg" in annex and "Figure A1" in annex
    c03 = re.search(
        r"C03</span> Did the call-handler give advice on preserving evidence\?</th>(.*?)</tr>", annex, re.S
    )
    assert [cell.strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", c03[1], re.S)][:4] == [
        "60",
        "30",
        "50%",
        "38% to 62%",
    ]
    assert "50%" in annex and "38% to 62%" in annex
    assert "⚠" in annex  # C07 applied to 9 files only


def test_a_draft_report_is_marked_draft_and_shows_drafts_and_proposals_marked(client, inspection):
    html = page(client, inspection)
    text = text_of(html)

    assert 'class="watermark" aria-hidden="true">Draft</div>' in html
    assert "this report is not published" in text
    assert "The force should draft this AFI still. (draft)" in text
    assert "(proposed by the compile)" in text
    assert "Evidence recorded under this question (draft only): 2 strengths, 1 weakness and 0 neutral" in text


def test_a_published_report_shows_approved_content_only_and_no_draft_mark(client, inspection):
    inspection.status, inspection.published_at = InspectionStatus.PUBLISHED, timezone.now()
    inspection.save()

    text = text_of(page(client, inspection))

    assert "Draft" not in text
    assert "watermark" not in text
    assert "The force should ensure that officers use the absent category appropriately." in text
    assert "The force should draft this AFI still." not in text
    assert "proposed by the compile" not in text
    assert "Evidence recorded under this question" not in text
    assert "Approved summary of findings for question 4." not in text  # still a draft
    assert "Approved summary of findings for question 3." in text
    assert "How effective is the force at tackling serious and organised crime? Not yet graded" in text


def pdf_pages_text(path) -> list[str]:
    count = int(
        re.search(
            r"Pages:\s+(\d+)",
            subprocess.run(["pdfinfo", path], capture_output=True, text=True, check=True).stdout,
        )[1]
    )
    return [
        subprocess.run(
            ["pdftotext", "-f", str(n), "-l", str(n), path, "-"], capture_output=True, text=True, check=True
        ).stdout
        for n in range(1, count + 1)
    ]


needs_poppler = pytest.mark.skipif(
    not shutil.which("pdftotext"), reason="poppler-utils (pdftotext) is not installed"
)


@needs_poppler
def test_every_page_of_a_draft_pdf_says_draft(inspection, tmp_path):
    output = tmp_path / "report.pdf"

    call_command("render_report", inspection=inspection.pk, format="pdf", output=str(output))

    pages = pdf_pages_text(str(output))
    assert len(pages) > 10
    assert all(re.search(r"^Draft$", page, re.M) for page in pages)
    assert "Overview – How effective is the force at keeping people safe" in " ".join(pages)


@needs_poppler
def test_a_published_pdf_has_no_draft_mark(inspection, tmp_path):
    inspection.status, inspection.published_at = InspectionStatus.PUBLISHED, timezone.now()
    inspection.save()
    output = tmp_path / "report.pdf"

    call_command("render_report", inspection=inspection.pk, format="pdf", output=str(output))

    pages = pdf_pages_text(str(output))
    assert not any("Draft" in page for page in pages)
    assert any("Requires improvement" in page for page in pages)


def test_the_pdf_download_is_a_pdf_named_after_the_inspection(client, inspection):
    client.force_login(inspection.team.first())
    with TestCase.captureOnCommitCallbacks(execute=True):  # the worker renders it when the request commits
        client.post(reverse("publication:pdf_prepare", kwargs={"pk": inspection.pk}))

    response = client.get(reverse("publication:report_pdf", kwargs={"pk": inspection.pk}))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    assert 'filename="cleveland-peel-effectiveness-2016-draft.pdf"' in response["Content-Disposition"]


def test_render_report_writes_self_contained_html(inspection, tmp_path, capsys):
    output = tmp_path / "report.html"

    call_command("render_report", inspection=inspection.pk, format="html", output=str(output))

    html = output.read_text(encoding="utf-8")
    assert html.startswith("<!doctype html>")
    assert "@page" in html and "<svg" in html
    assert "Annex A – About the data" in html
    assert "draft report written to" in capsys.readouterr().out


def test_render_report_refuses_an_unknown_inspection_or_folder(inspection, tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="No inspection has id 999999"):
        call_command("render_report", inspection=999999, format="pdf", output=str(tmp_path / "x.pdf"))
    with pytest.raises(CommandError, match="does not exist"):
        call_command(
            "render_report", inspection=inspection.pk, format="html", output=str(tmp_path / "no" / "x.html")
        )


def test_a_recommendation_that_already_gives_its_date_is_not_dated_twice(client, inspection):
    recommendation = Recommendation.objects.filter(afi__inspection=inspection).first()
    recommendation.text = "By 1 May 2017, the force should produce an action plan."
    recommendation.save()

    text = text_of(page(client, inspection))

    assert "By 1 May 2017, the force should produce an action plan." in text
    assert "By 1 May 2017: By 1 May 2017" not in text and "By 1 May 2017, By 1 May 2017" not in text


def test_the_recommendation_form_does_not_suggest_writing_the_date_into_the_text(db):
    help_text = RecommendationForm().fields["text"].help_text

    assert "without the date" in help_text
    assert not re.search(r'E\.g\. "By \d', help_text)
