"""The whole journey of an inspection in a real browser, on the real stack: Chromium against the live
server on PostgreSQL, with the compile run by a real Celery worker (started by .ci/run).

The admin creates the inspection → the lead imports a crime list (seeing what was left out), draws and
allocates the sample → two inspectors review their files (a draft; a submit refused for a missing
answer) → a file is reviewed twice and the difference adjudicated → the lead moderates (returns one,
accepts the rest; the returned one comes back and is accepted) → compiles and watches the progress bar
→ edits a proposed area for improvement, approves the judgments → downloads the PDF and reads it → an
outsider is refused every URL of the inspection. Every page on the way is scanned with axe-core, and a
screenshot of each step is kept in artefacts/ if the journey fails.
"""

import datetime
import re
import shutil
import subprocess

import pytest
from playwright.sync_api import expect

from authoring.services.sections import sections_ensure
from peel.models import AreaForImprovement, FindingSummary, Inspection, Judgment, Question
from peel.services.findings import cause_of_concern_create, recommendation_create
from publication.models import DraftPdf
from reports.models import CompileRun, CompileStatus
from reviews.models import CaseFile, CrimeListUpload, Review, ReviewStatus
from tests.browser.inspection_routes import inspection_urls
from tests.browser.moving import (
    arrived,
    button,
    field,
    go,
    inspection_tab,
    is_first_review,
    main_nav,
    message,
    open_next_review,
    review_tab,
    submit_review,
    waiting_reviews,
)
from tests.browser.reviewing import answer_criteria, answer_criterion, settle_facts
from tests.factories.inspections import EvidenceNoteFactory
from tests.factories.users import PASSWORD, admin, inspector, lead

pytestmark = [
    pytest.mark.browser,
    pytest.mark.worker,  # the compile goes through Redis to the real worker
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

FORCE = "Cleveland Police"
PROGRAMME = "PEEL effectiveness 2016"
# Three files keep the journey short: two robberies and a domestic burglary; no other stratum.
QUOTAS = {"Robbery": 2, "Domestic burglary": 1}
CRIME_LIST = """crime_reference,crime_type,recorded_date,domestic_abuse_flag,outcome_code
CL/16/0101,Robbery,2016-01-12,N,
CL/16/0102,Robbery,2016-02-03,N,1
CL/16/0103,Robbery of personal property,2016-02-27,N,
CL/16/0104,Robbery,2016-03-30,N,
CL/16/0201,Domestic burglary,2016-01-20,N,
CL/16/0202,Burglary dwelling,2016-03-02,N,
CL/16/0301,Theft from a motor vehicle,2016-02-11,N,
CL/16/0302,Common assault,2016-02-14,N,
CL/16/0303,Robbery,2015-12-31,N,
CL/16/0304,Domestic burglary,2016-04-01,N,
"""
EXCLUSION_SUMMARY = (
    "Imported 6 crimes into the sampling frame; excluded 4 "
    "(other crime types: 1; not flagged as domestic abuse: 1; outside the window: 2)"
)
# Every reviewer finds crime-prevention advice (C05) missing, so the compile proposes an area for
# improvement from that criterion.
FILE_ANSWERS = {"C05": "no"}
RETURN_COMMENT = "C11: say which initial investigative opportunities were missed."
EDITED_AFI = (
    "The force should ensure that call-handlers give victims crime-prevention advice at first contact, "
    "and that supervisors check it is given."
)


@pytest.fixture
def people():
    return {
        "admin": admin(username="alex", first_name="Alex", last_name="Admin"),
        "lead": lead(username="lee", first_name="Lee", last_name="Lead"),
        "ines": inspector(username="ines", first_name="Ines", last_name="Inspector"),
        "ivan": inspector(username="ivan", first_name="Ivan", last_name="Inspector"),
        "outsider": inspector(username="olga", first_name="Olga", last_name="Outsider"),
    }


def test_an_inspection_goes_from_crime_list_to_pdf_and_stays_closed_to_outsiders(journey, people):
    inspection = admin_creates_the_inspection(journey)
    lead_prepares_the_sample(journey, inspection)
    double = CaseFile.objects.select_related("crime").get(inspection=inspection, double_review=True)

    first_inspector_reviews_with_a_draft_and_a_refused_submit(journey)
    other_inspector_reviews(journey)
    returned = lead_moderates(journey, double_reviewed=double.crime.crime_reference)
    reviewer_resubmits_the_returned_review(journey, inspection, returned)
    lead_accepts_the_resubmitted_review_and_adjudicates(journey, double.crime.crime_reference)
    assert set(Review.objects.filter(case_file__inspection=inspection).values_list("status", flat=True)) == {
        ReviewStatus.ACCEPTED
    }

    lead_compiles(journey, inspection)
    lead_edits_the_proposed_afi_and_approves_the_judgments(journey, inspection)
    lead_downloads_the_pdf_and_reads_it(journey)
    journey.logout()
    outsider_is_refused_every_page(journey, inspection)


# --- moving about ---------------------------------------------------------------------------------


def log_in(journey, username: str) -> None:
    journey.login(username, PASSWORD)
    journey.assert_accessible()
    go(
        journey,
        journey.page.get_by_role("table").get_by_role("link", name=FORCE),
        f"inspection overview for {username}",
    )


# --- the steps ------------------------------------------------------------------------------------


def admin_creates_the_inspection(journey) -> Inspection:
    page = journey.page
    journey.goto("/accounts/login/")
    journey.assert_accessible()
    journey.login("alex", PASSWORD)
    journey.assert_accessible()
    go(journey, page.get_by_role("link", name="New inspection"), "new inspection form")
    field(page, "Force").select_option(label=FORCE)
    field(page, "Programme").select_option(label=PROGRAMME)
    field(page, "Lead").select_option(label="Lee Lead (lee)")
    page.get_by_label("Ines Inspector (ines)").check()
    page.get_by_label("Ivan Inspector (ivan)").check()
    field(page, "File-review window: first day").fill("2016-01-01")
    field(page, "File-review window: last day").fill("2016-03-31")
    go(journey, button(page, "Create inspection"), "inspection created")
    expect(message(page, "Created the inspection")).to_be_visible()
    expect(page.get_by_text("Ines Inspector, Ivan Inspector")).to_be_visible()
    journey.logout()
    return Inspection.objects.get(force__name=FORCE, programme__name=PROGRAMME)


def lead_prepares_the_sample(journey, inspection: Inspection) -> None:
    page = journey.page
    log_in(journey, "lee")
    go(journey, main_nav(page, "Case-file review"), "sample before the crime list")

    go(journey, page.get_by_role("link", name="Edit quotas"), "quotas form")
    field(page, "Files in the sample").fill(str(sum(QUOTAS.values())))
    # The page shows the programme's default design: the inspection's own is copied by this save.
    for stratum in inspection.programme.design_template.strata.all():
        field(page, stratum.label).fill(str(QUOTAS.get(stratum.label, 0)))
    go(journey, button(page, "Save quotas"), "quotas saved")
    expect(message(page, "Quotas saved.")).to_be_visible()

    go(journey, page.get_by_role("link", name="Import the crime list"), "crime list form")
    field(page, "Crime list (CSV or XLSX)").set_input_files(
        {"name": "cleveland-crimes-2016.csv", "mimeType": "text/csv", "buffer": CRIME_LIST.encode()}
    )
    go(journey, button(page, "Import crime list"), "crime list uploaded")
    # The worker imports it while the page shows its progress; what was left out and why replaces the
    # bar (mid-sentence there), and is kept beside the sampling frame. With tasks run in process the
    # same summary is also the page's message, so the locator asks for the run's own "Finished …" line.
    finished = page.get_by_role("status").filter(
        has_text=re.compile(r"Finished .*: " + re.escape(EXCLUSION_SUMMARY), re.I)
    )
    expect(finished).to_be_visible(timeout=60_000)
    journey.step("crime list imported")
    go(journey, review_tab(page, "Sample"), "sample with its frame")
    expect(page.get_by_role("region", name="Sampling frame")).to_contain_text(EXCLUSION_SUMMARY)

    go(journey, page.get_by_role("link", name="Draw the sample"), "draw form")
    field(page, "Seed").fill("2016")
    go(journey, button(page, "Draw the sample"), "sample drawn")
    expect(message(page, "Drew 3 files with seed 2016.")).to_be_visible()

    go(journey, review_tab(page, "Double review"), "double review form")
    field(page, "Share of files for a blind second review (%)").fill("10")
    field(page, "Seed").fill("7")
    go(journey, button(page, "Choose files for double review"), "double review chosen")
    expect(message(page, "Files chosen for double review with seed 7.")).to_be_visible()
    expect(page.get_by_text("1 file chosen")).to_be_visible()

    go(journey, review_tab(page, "Sample"), "sample drawn, not allocated")
    go(journey, button(page, "Allocate unallocated files"), "files allocated")
    expect(message(page, "Allocated 3 files across the team.")).to_be_visible()
    journey.logout()


def open_my_files(journey, username: str) -> None:
    log_in(journey, username)
    go(journey, main_nav(journey.page, "My files"), f"my files of {username}")


def first_inspector_reviews_with_a_draft_and_a_refused_submit(journey) -> None:
    page = journey.page
    open_my_files(journey, "ines")
    reference = open_next_review(journey)
    assert is_first_review(page)

    settle_facts(page)
    answer_criterion(page, "C01", "yes")
    answer_criterion(page, "C02", "partly")
    go(journey, button(page, "Save draft"), "draft saved")
    expect(message(page, "Draft saved.")).to_be_visible()
    expect(page.locator("#criterion-C02 input[value=partly]")).to_be_checked()

    # Submitting with C03 unanswered is refused, and the form says which question needs an answer.
    answer_criteria(page, answers={**FILE_ANSWERS, "C02": "partly"}, skip={"C03"})
    go(journey, button(page, "Submit to the lead"), "submit refused")
    expect(message(page, "There is a problem: the review was not submitted")).to_be_visible()
    expect(page.locator("[data-error-summary]")).to_be_focused()
    expect(page.locator("[data-error-summary] a")).to_contain_text("C03.")
    expect(page.locator("#criterion-C03")).to_contain_text("Answer this before submitting.")
    expect(page.locator("#criterion-C04")).not_to_contain_text("Answer this before submitting.")
    answer_criterion(page, "C03", "yes")
    submit_review(journey, reference)

    finish_my_queue(journey)
    journey.logout()


def finish_my_queue(journey) -> None:
    """Review every file still to do; a second (blind) review differs from the first on C01."""
    page = journey.page
    while waiting_reviews(page).count():
        reference = open_next_review(journey)
        if is_first_review(page):
            settle_facts(page)
            answer_criteria(page, answers=FILE_ANSWERS)
        else:
            expect(page.get_by_text("blind: the first review is not shown")).to_be_visible()
            answer_criteria(page, answers={**FILE_ANSWERS, "C01": "no"})
        submit_review(journey, reference)
    expect(page.get_by_role("heading", name="To do")).to_have_text(re.compile(r"^To do\s+0$"))


def other_inspector_reviews(journey) -> None:
    open_my_files(journey, "ivan")
    finish_my_queue(journey)
    journey.logout()


def lead_moderates(journey, *, double_reviewed: str) -> str:
    """Return one first review (of a file reviewed once) and accept the rest; returns the returned file."""
    page = journey.page
    log_in(journey, "lee")
    go(journey, main_nav(page, "Case-file review"), "sample under review")
    go(journey, review_tab(page, "Moderation"), "moderation queue")
    expect(page.get_by_text("4 reviews waiting")).to_be_visible()

    references = page.get_by_role("table").get_by_role("rowheader").all_inner_texts()
    returned = next(reference for reference in references if reference != double_reviewed)
    go(journey, page.get_by_role("link", name=f"Read and moderate {returned}"), f"moderate {returned}")
    field(page, "What needs to change").fill(RETURN_COMMENT)
    go(journey, button(page, "Return to the reviewer"), f"returned {returned}")
    expect(message(page, "Review returned to the reviewer with your comment.")).to_be_visible()

    go(journey, review_tab(page, "Moderation"), "moderation queue after the return")
    while (links := page.get_by_role("link", name=re.compile(r"^Read and moderate "))).count():
        go(journey, links.first, "moderate the next review")
        go(journey, button(page, "Accept (locks the review)").first, "review accepted")
        expect(message(page, "Review accepted: it is now locked.")).to_be_visible()
        go(journey, review_tab(page, "Moderation"), "moderation queue")
    expect(page.get_by_text("Nothing is waiting for moderation.")).to_be_visible()
    journey.logout()
    return returned


def reviewer_resubmits_the_returned_review(journey, inspection: Inspection, reference: str) -> None:
    page = journey.page
    reviewer = CaseFile.objects.get(inspection=inspection, crime__crime_reference=reference).reviewer
    open_my_files(journey, reviewer.username)
    expect(page.get_by_role("heading", name="Returned to me")).to_have_text(
        re.compile(r"^Returned to me\s+1$")
    )
    assert open_next_review(journey) == reference
    # The lead's comment heads the form, and is the latest message of the file's discussion.
    expect(page.get_by_role("paragraph").filter(has_text=RETURN_COMMENT)).to_be_visible()
    thread = page.get_by_role("list", name="Messages, oldest first")
    expect(thread.get_by_text(RETURN_COMMENT)).to_be_visible()
    answer_criterion(page, "C11", "partly")
    page.locator("#criterion-C11 summary").click()  # the note is folded away until asked for
    field(page, "Note on C11").fill("House-to-house enquiries were not made.")
    submit_review(journey, reference)
    journey.logout()


def lead_accepts_the_resubmitted_review_and_adjudicates(journey, double_reviewed: str) -> None:
    page = journey.page
    log_in(journey, "lee")
    go(journey, main_nav(page, "Case-file review"), "sample under review")
    go(journey, review_tab(page, "Moderation"), "moderation queue with the resubmitted review")
    go(journey, page.get_by_role("link", name=re.compile(r"^Read and moderate ")), "moderate resubmitted")
    expect(page.get_by_text("House-to-house enquiries were not made.")).to_be_visible()
    go(journey, button(page, "Accept (locks the review)"), "resubmitted review accepted")
    expect(message(page, "Review accepted: it is now locked.")).to_be_visible()

    go(journey, review_tab(page, "Double review"), "double review with both reviews")
    go(
        journey,
        page.get_by_role("link", name=double_reviewed, exact=True),
        f"differences in {double_reviewed}",
    )
    expect(page.get_by_text("1 criterion where the reviews differ")).to_be_visible()
    page.get_by_label("Agreed answer for C01").select_option(label="Yes")
    page.get_by_label("Reason for C01").fill("The call record shows the file went to the right team.")
    go(journey, button(page, "Record the agreed answers"), "adjudicated")
    expect(message(page, "1 agreed answer recorded.")).to_be_visible()

    go(journey, review_tab(page, "Progress"), "progress")
    expect(page.get_by_role("table", name=re.compile("per stratum"))).to_contain_text("All files")


def lead_compiles(journey, inspection: Inspection) -> None:
    page = journey.page
    breadcrumbs = page.get_by_role("navigation", name="Breadcrumb")
    go(journey, breadcrumbs.get_by_role("link", name=f"{FORCE} — {PROGRAMME}"), "inspection overview")
    go(journey, inspection_tab(page, "Compile"), "compile before the first run")
    go(journey, button(page, "Compile now"), "compile requested")
    bar = page.get_by_role("progressbar", name="Compile progress")
    # htmx polls the bar every second and reloads the page when the worker has finished; a fast worker
    # may have finished before the page was drawn.
    expect(page.locator("#compile-progress")).to_contain_text("Finished", timeout=60_000)
    expect(bar).to_have_count(0)
    page.wait_for_load_state()  # the reload htmx asked for has finished loading
    arrived(journey, "compile finished")
    run = CompileRun.objects.filter(inspection=inspection).latest("pk")
    assert run.status == CompileStatus.SUCCEEDED, run.error
    assert run.draft_afis_count >= 1


def lead_edits_the_proposed_afi_and_approves_the_judgments(journey, inspection: Inspection) -> None:
    page = journey.page
    go(journey, inspection_tab(page, "Areas for improvement"), "proposed areas for improvement")
    # C05 is evidence for 2.2 and 3.2: it is proposed under the first.
    proposal = AreaForImprovement.objects.get(inspection=inspection, source_key="question:2.2")
    go(journey, page.get_by_role("link", name=proposal.text), "proposed area for improvement")
    field(page, "Area for improvement").fill(EDITED_AFI)
    go(journey, button(page, "Save"), "area for improvement edited")
    expect(message(page, "The area for improvement was saved.")).to_be_visible()
    go(journey, button(page, "Save and approve"), "area for improvement approved")
    expect(message(page, "approved: it is now read-only")).to_be_visible()

    go(journey, inspection_tab(page, "Judgments"), "judgments")
    for judgment in Judgment.objects.filter(inspection=inspection).select_related("question"):
        question = judgment.question
        go(
            journey,
            page.get_by_role("link", name=f"{question.code}. {question.text}"),
            f"judgment {question.code}",
        )
        if question.graded:
            # Choosing a grade, typing, then approving straight away: what was typed is saved with it.
            field(page, "Grade").select_option(label="Good")
            field(page, "Rationale").fill(f"The lead's rationale for {question.code}.\n\nA second paragraph.")
        go(journey, button(page, "Save and approve"), f"judgment {question.code} approved")
        expect(message(page, "The judgment was saved and approved: it is now read-only.")).to_be_visible()
        go(journey, inspection_tab(page, "Judgments"), "judgments")
    assert not Judgment.objects.filter(inspection=inspection).exclude(state="approved").exists()


def pdf_text(path) -> str:
    pdftotext = shutil.which("pdftotext")
    assert pdftotext, "pdftotext (poppler-utils) reads the report; .ci/run installs it"
    text = subprocess.run([pdftotext, str(path), "-"], check=True, capture_output=True, text=True).stdout
    return " ".join(text.split())


def lead_downloads_the_pdf_and_reads_it(journey) -> None:
    page = journey.page
    go(journey, inspection_tab(page, "Report"), "report")
    expect(page.get_by_text(EDITED_AFI)).to_be_visible()
    # The worker renders the PDF; htmx polls its progress and reloads the page when it is ready.
    go(journey, button(page, "Prepare PDF of the draft"), "PDF requested")
    expect(page.get_by_role("link", name="Download draft PDF")).to_be_visible(timeout=60_000)
    page.wait_for_load_state()
    arrived(journey, "PDF ready")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download draft PDF").click()
    assert download.value.suggested_filename.endswith(".pdf")
    path = download.value.path()
    with open(path, "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    text = pdf_text(path)
    assert FORCE in text
    assert PROGRAMME in text
    assert f"An inspection of {FORCE}" in text
    assert EDITED_AFI in text
    assert "Good" in text


def outsider_is_refused_every_page(journey, inspection: Inspection) -> None:
    """The outsider, an inspector on no team of this inspection, gets 404 from every URL of it: each page
    to a GET, each action to a POST (a GET of an action is refused with 405, which discloses nothing).

    Every route under /inspections/<pk>/ comes from the URLconf; the objects a route names that the
    journey did not make (a cause of concern, a recommendation, an evidence note) are made here.
    """
    lead_user = inspection.lead
    cause = cause_of_concern_create(
        inspection=inspection,
        user=lead_user,
        question=Question.objects.get(programme=inspection.programme, code="1"),
        text="The force does not record all crime reported to it.",
    )
    recommendation = recommendation_create(
        parent=cause,
        user=lead_user,
        text="The force should ...",
        due_date=datetime.date(2017, 5, 1),
    )
    urls = inspection_urls(
        ids={
            "pk": inspection.pk,
            "file_id": CaseFile.objects.filter(inspection=inspection).first().pk,
            "note_id": EvidenceNoteFactory(inspection=inspection, author=lead_user).pk,
            "run_id": CompileRun.objects.filter(inspection=inspection).latest("pk").pk,
            "recommendation_id": recommendation.pk,
            "draft_id": DraftPdf.objects.filter(inspection=inspection).latest("pk").pk,
            "upload_id": CrimeListUpload.objects.filter(inspection=inspection).latest("pk").pk,
            # Not published: no version exists, and the outsider must get 404 before that is looked up.
            "version": 1,
            "section_id": sections_ensure(inspection=inspection)[0].pk,
            # As for the version: the outsider is refused before a comment or a check is looked up.
            "comment_id": 1,
            "check_id": 1,
            "pdf_id": 1,  # a file review's PDF: likewise refused before it is looked up
        },
        items={
            "judgments": Judgment.objects.filter(inspection=inspection).first().pk,
            "findings": FindingSummary.objects.filter(inspection=inspection).first().pk,
            "afis": AreaForImprovement.objects.filter(inspection=inspection).first().pk,
            "causes": cause.pk,
            # PEEL 2016 records no innovative or promising practice: its practice pages answer 404.
            "practice": 0,
        },
    )
    assert len(urls) > 60

    page = journey.page
    journey.login("olga", PASSWORD)
    expect(page.get_by_text("You are not on any inspection yet.")).to_be_visible()
    journey.assert_accessible()
    csrf = next(cookie["value"] for cookie in page.context.cookies() if cookie["name"] == "csrftoken")
    refused_wrongly = []
    # With the browser's own session; not as page loads, since Chromium will not show a 405's empty body.
    for name, path in urls:
        status = page.request.get(journey.base_url + path, max_redirects=0).status
        if status == 405:
            status = page.request.post(
                journey.base_url + path, headers={"X-CSRFToken": csrf}, max_redirects=0
            ).status
        if status != 404:
            refused_wrongly.append(f"{name} {path}: {status}")
    assert not refused_wrongly, "The outsider was not refused with 404:\n" + "\n".join(refused_wrongly)

    # What the outsider sees: the not-found page, with no trace of the inspection.
    response = journey.goto(f"/inspections/{inspection.pk}/")
    assert response.status == 404
    expect(page.get_by_text(FORCE)).to_have_count(0)
    journey.assert_accessible()
