"""A day of running an inspection in peel, in a real browser on the real stack: Chromium against the live
server on PostgreSQL, notifications emailed by the real Celery worker (started by .ci/run) through a real
SMTP server (aiosmtpd, started here on the port .ci/run gives the worker).

The inspector asks to hear of allocated files straight away → the lead sets the timeline's dates, one
overdue and one in two days, and sees both on the timeline and the overdue one on the to-do list → the
lead allocates the sample; the inspector's notification is in peel and in their mailbox → the inspector
finds a file in My files by its reference, asks the lead about it, reviews their files → the lead, told
of the message, narrows the moderation queue to that inspector, accepts two at once, one with "Accept and
open next", and returns the last with a comment that joins the file's discussion → the inspector sees it
returned on the to-do list → the lead's calendar feed holds the milestones → the daily deadline run and
the digest email the lead → a search of the evidence notes finds a note by a word it only stems from.

Every page on the way is scanned with axe-core and must fit a 320 px window; a screenshot of each main
page at 320 px is kept in artefacts/a-day-in-peel/.
"""

import datetime
import email
import os
import re
import time
from email.policy import default as default_policy

import pytest
from aiosmtpd.controller import Controller
from django.utils import timezone
from icalendar import Calendar
from playwright.sync_api import expect

from notifications.tasks import digests_send
from reviews.models import CaseFile, Message, MessageKind, Review, ReviewStatus
from tests.browser.fixtures import ARTEFACTS
from tests.browser.moving import (
    button,
    field,
    go,
    inspection_tab,
    is_first_review,
    main_nav,
    message,
    open_next_review,
    submit_review,
)
from tests.browser.reflow import box_overflow, page_overflow
from tests.browser.reviewing import answer_criteria, settle_facts
from tests.factories.inspections import EvidenceNoteFactory
from tests.factories.reviews import drawn_inspection, submitted_review
from tests.factories.users import PASSWORD, inspector, lead
from timeline.tasks import deadlines_notify_task

pytestmark = [
    pytest.mark.browser,
    pytest.mark.worker,  # the emails are sent by the real worker
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SHOTS = ARTEFACTS / "a-day-in-peel"
# Each inspector has four files: one robbery and one burglary stratum, four crimes in each.
FRAME = {"Robbery": 4, "Domestic burglary": 4}
QUESTION = "Was the victim told the outcome? I cannot find the letter in the file."
RETURN_COMMENT = "C11: say which initial investigative opportunities were missed."
# The note says "visiting"; the search says "visits": only a stemmed full-text search finds one from the
# other (a substring search would not).
NOTE_TEXT = "Neighbourhood officers described visiting repeat victims within a day of each burglary."
SEARCH_WORDS = "visits"
MAIL_TIMEOUT = 60


class Inbox:
    """What the SMTP server received: one parsed message per delivery."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(email.message_from_bytes(envelope.content, policy=default_policy))
        return "250 OK"

    def wait_for(self, *, to: str, subject: str):
        """The first email to ``to`` whose subject contains ``subject``, waiting for the worker."""
        deadline = time.monotonic() + MAIL_TIMEOUT
        while time.monotonic() < deadline:
            for mail in self.messages:
                if to in mail["To"] and subject in mail["Subject"]:
                    return mail
            time.sleep(0.2)
        received = [(mail["To"], mail["Subject"]) for mail in self.messages]
        raise AssertionError(f"No email to {to} about {subject!r} in {MAIL_TIMEOUT} s; received {received}")


@pytest.fixture
def mailbox():
    """A real SMTP server on the port the worker sends to (.ci/run sets both from PEEL_TEST_SMTP_PORT)."""
    port = os.environ.get("PEEL_TEST_SMTP_PORT")
    if not port:
        pytest.fail(
            "PEEL_TEST_SMTP_PORT is not set: start the worker with EMAIL_BACKEND="
            "django.core.mail.backends.smtp.EmailBackend, EMAIL_HOST=127.0.0.1 and EMAIL_PORT set to the "
            "same port, as .ci/run does."
        )
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=int(port))
    controller.start()
    yield inbox
    controller.stop()


@pytest.fixture
def inspection():
    """A PEEL 2016 inspection with its sample drawn and not yet allocated; an evidence note to find."""
    lee = lead(username="lee", first_name="Lee", last_name="Lead", email="lee@peel.test")
    ines = inspector(username="ines", first_name="Ines", last_name="Inspector", email="ines@peel.test")
    ivan = inspector(username="ivan", first_name="Ivan", last_name="Inspector")
    inspection = drawn_inspection(FRAME, allocate=False, lead=lee, team=[ines, ivan])
    assert CaseFile.objects.filter(inspection=inspection).count() == 8
    EvidenceNoteFactory(inspection=inspection, author=ines, text=NOTE_TEXT)
    return inspection


def test_a_day_of_deadlines_notifications_moderation_discussion_and_search(journey, mailbox, inspection):
    today = timezone.localdate()
    overdue, soon = today - datetime.timedelta(days=2), today + datetime.timedelta(days=2)

    inspector_asks_to_hear_of_allocated_files_straight_away(journey)
    lead_sets_the_timeline_and_sees_what_is_overdue(journey, inspection, overdue=overdue, soon=soon)
    lead_allocates_the_sample(journey)
    allocation = mailbox.wait_for(to="ines@peel.test", subject="4 case files to review")
    assert f"/inspections/{inspection.pk}/files/mine/" in allocation.get_content()

    inspector_is_told_finds_a_file_asks_about_it_and_reviews(journey, inspection)
    for case_file in CaseFile.objects.filter(inspection=inspection, reviewer__username="ivan"):
        submitted_review(case_file)
    returned = lead_moderates_the_inspectors_reviews(journey, inspection)
    inspector_sees_the_returned_review_on_the_to_do_list(journey, returned)

    lead_subscribes_to_the_calendar(journey, inspection, overdue=overdue, soon=soon)
    # Beat's daily runs, through the worker: the overdue milestone straight away (as the lead asked),
    # the one coming up and the inspector's question in the lead's digest.
    assert deadlines_notify_task.delay().get(timeout=MAIL_TIMEOUT) == 2
    mailbox.wait_for(to="lee@peel.test", subject="Overdue: Moderation")
    digests_send.delay().get(timeout=MAIL_TIMEOUT)
    digest = mailbox.wait_for(to="lee@peel.test", subject="new notifications").get_content()
    assert "Due in 2 days: Factual accuracy check" in digest
    assert "Ines Inspector wrote on case file" in digest

    lead_searches_the_evidence_notes(journey, inspection)


# --- helpers --------------------------------------------------------------------------------------


def fits_at_320(journey, name: str, *, whole: str | None = None, in_view=None) -> None:
    """The page fits a 320 px window (WCAG reflow), and so does the box ``whole`` names, if any, without
    scrolling inside it; the ``in_view`` locator (an action in a wide table) is within the window. The
    page's screenshot there is kept in artefacts/."""
    page = journey.page
    size = page.viewport_size
    page.set_viewport_size({"width": 320, "height": 800})
    problem = page_overflow(page) or (whole and box_overflow(page, whole)) or (in_view and beyond(in_view))
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
    page.set_viewport_size(size)
    assert problem is None, problem


def beyond(locator) -> str | None:
    """Whether the element reaches past the window's right edge (cut off until its table is scrolled)."""
    box = locator.bounding_box()
    right, width = box["x"] + box["width"], locator.page.viewport_size["width"]
    if right <= width:
        return None
    return f"“{' '.join(locator.inner_text().split())}” ends at {right:.0f} px, past the {width} px window"


def log_in(journey, username: str) -> None:
    journey.page.context.clear_cookies()  # whoever was logged in before is signed out
    journey.login(username, PASSWORD)
    journey.assert_accessible()


def to_do(page):
    return page.get_by_role("region", name="To do")


def open_the_inspection(journey, inspection) -> None:
    go(
        journey,
        journey.page.get_by_role("table").get_by_role("link", name=inspection.force.name),
        "inspection overview",
    )


def choose_delivery(page, kind: str, delivery: str) -> None:
    page.get_by_role("group", name=kind).get_by_label(delivery).check()


def on_the_date_form(day: datetime.date) -> str:
    return day.isoformat()


def long_date(day: datetime.date) -> str:
    return f"{day.day} {day:%B %Y}"


# --- the steps ------------------------------------------------------------------------------------


def inspector_asks_to_hear_of_allocated_files_straight_away(journey) -> None:
    page = journey.page
    log_in(journey, "ines")
    expect(to_do(page)).to_contain_text("Nothing waits for you")
    fits_at_320(journey, "01-inspector-home-nothing-to-do")
    go(journey, main_nav(page, re.compile("^Notifications")), "inspector's notifications")
    go(journey, page.get_by_role("link", name="Notification settings"), "notification settings")
    choose_delivery(page, "Case files allocated to me", "Straight away, one email each")
    go(journey, button(page, "Save settings"), "settings saved")
    expect(message(page, "Your notification settings were saved.")).to_be_visible()
    fits_at_320(journey, "02-notification-settings")


def lead_sets_the_timeline_and_sees_what_is_overdue(journey, inspection, *, overdue, soon) -> None:
    page = journey.page
    log_in(journey, "lee")
    # The lead hears of overdue work straight away; what is coming up waits for the digest.
    journey.goto("/account/notifications/")
    choose_delivery(page, "Something of mine is overdue", "Straight away, one email each")
    go(journey, button(page, "Save settings"), "lead's settings saved")

    go(journey, main_nav(page, "My inspections"), "lead's home")
    open_the_inspection(journey, inspection)
    go(journey, inspection_tab(page, "Timeline"), "timeline without dates")
    go(journey, page.get_by_role("link", name="Change dates"), "timeline dates form")
    fits_at_320(journey, "03-timeline-dates-form")
    field(page, "Moderation: due").fill(on_the_date_form(overdue))
    field(page, "Factual accuracy check: due").fill(on_the_date_form(soon))
    go(journey, button(page, "Save dates"), "timeline dates saved")
    expect(message(page, "The timeline's dates were saved.")).to_be_visible()
    expect(page.get_by_text("1 milestone overdue.")).to_be_visible()
    expect(page.locator("#milestone-moderation")).to_contain_text("Overdue by 2 days")
    expect(page.locator("#milestone-fa_check")).to_contain_text("Due in 2 days")
    # The sample is drawn: its milestone is done though it has no date.
    expect(page.locator("#milestone-sample_due")).to_contain_text("Completed")
    fits_at_320(journey, "04-timeline", whole=".table-responsive:has(.timeline-table)")

    go(journey, main_nav(page, "My inspections"), "lead's home with the overdue milestone")
    expect(to_do(page)).to_contain_text(f"Moderation overdue: due {long_date(overdue)}")
    fits_at_320(journey, "05-lead-home-overdue")


def lead_allocates_the_sample(journey) -> None:
    page = journey.page
    go(journey, page.get_by_role("table").get_by_role("link").first, "inspection overview")
    go(journey, main_nav(page, "Case-file review"), "sample, not allocated")
    go(journey, button(page, "Allocate unallocated files"), "files allocated")
    expect(message(page, "Allocated 8 files across the team.")).to_be_visible()
    fits_at_320(journey, "06-sample-allocated")


def inspector_is_told_finds_a_file_asks_about_it_and_reviews(journey, inspection) -> None:
    page = journey.page
    log_in(journey, "ines")
    unread = page.get_by_role("navigation", name="Main").get_by_role(
        "link", name=re.compile("^Notifications")
    )
    expect(unread).to_have_text(re.compile(r"Notifications\s+1 unread"))
    expect(to_do(page)).to_contain_text("4 case files to review")
    fits_at_320(journey, "07-inspector-home-files-to-review")
    go(journey, unread, "inspector's notifications")
    expect(page.get_by_role("button", name=re.compile("^4 case files to review"))).to_be_visible()
    fits_at_320(journey, "08-inspector-notifications")
    go(journey, page.get_by_role("button", name=re.compile("^4 case files to review")), "my files")

    mine = list(
        CaseFile.objects.filter(inspection=inspection, reviewer__username="ines")
        .select_related("crime")
        .order_by("crime__crime_reference")
    )
    wanted = mine[-1].crime.crime_reference
    field(page, "Crime reference").fill(wanted)
    go(journey, button(page, "Show"), f"my files narrowed to {wanted}")
    expect(page.get_by_role("link", name=re.compile(r"^Start "))).to_have_count(1)
    expect(page.get_by_role("rowheader")).to_have_text([wanted])
    fits_at_320(journey, "09-my-files-filtered", in_view=page.get_by_role("link", name=f"Start {wanted}"))

    assert open_next_review(journey) == wanted
    page.get_by_role("textbox", name="Message").fill(QUESTION)
    go(journey, button(page, "Post message"), "question posted")
    expect(message(page, "Message posted.")).to_be_visible()
    expect(page.get_by_role("list", name="Messages, oldest first")).to_contain_text(QUESTION)
    fits_at_320(journey, "10-review-form-with-question")

    settle_facts(page)
    answer_criteria(page)
    submit_review(journey, wanted)
    go(journey, main_nav(page, "My files"), "my files after the first review")
    while (left := page.get_by_role("link", name=re.compile(r"^Start "))).count():
        reference = open_next_review(journey)
        assert is_first_review(page)
        settle_facts(page)
        answer_criteria(page)
        submit_review(journey, reference)
        go(journey, main_nav(page, "My files"), "my files")
    assert not left.count()
    assert Review.objects.filter(reviewer__username="ines", status=ReviewStatus.SUBMITTED).count() == 4


def lead_moderates_the_inspectors_reviews(journey, inspection) -> str:
    """Two accepted together, one with "Accept and open next", which opens the file the inspector asked
    about (the oldest in the queue): the lead returns it with a comment. Returns its reference."""
    page = journey.page
    log_in(journey, "lee")
    expect(to_do(page)).to_contain_text("8 reviews waiting for your moderation")
    notifications = main_nav(page, re.compile("^Notifications"))
    expect(notifications).to_have_text(re.compile(r"Notifications\s+1 unread"))
    go(journey, notifications, "lead's notifications")
    expect(page.get_by_role("button", name=re.compile("^Ines Inspector wrote on case file"))).to_be_visible()
    expect(page.get_by_text(QUESTION)).to_be_visible()
    fits_at_320(journey, "11-lead-notifications")

    go(journey, main_nav(page, "My inspections"), "lead's home")
    go(journey, to_do(page).get_by_role("link", name="8 reviews waiting for your moderation"), "queue")
    field(page, "Inspector").select_option(label="Ines Inspector")
    go(journey, button(page, "Show"), "the queue of one inspector")
    expect(page.locator("caption")).to_have_text("4 reviews waiting in this selection")
    fits_at_320(journey, "12-moderation-queue-of-one-inspector")
    asked_about, *others = page.get_by_role("table").get_by_role("rowheader").all_inner_texts()
    for reference in others[1:]:
        page.get_by_label(f"Select {reference} (first review)").check()
    go(journey, button(page, "Accept selected"), "two accepted together")
    expect(message(page, "2 reviews accepted: now locked.")).to_be_visible()
    expect(page.locator("caption")).to_have_text("2 reviews waiting in this selection")

    go(journey, page.get_by_role("link", name=others[0], exact=True), f"moderate {others[0]}")
    go(journey, button(page, "Accept and open next"), "accepted and opened the next")
    expect(page.get_by_role("heading", name=asked_about)).to_be_visible()
    expect(page.get_by_role("list", name="Messages, oldest first")).to_contain_text(QUESTION)
    fits_at_320(journey, "13-file-to-moderate-with-its-question")
    field(page, "What needs to change").fill(RETURN_COMMENT)
    go(journey, button(page, "Return to the reviewer"), f"returned {asked_about}")
    expect(message(page, "Review returned to the reviewer with your comment.")).to_be_visible()

    reviews = Review.objects.filter(reviewer__username="ines")
    statuses = dict(reviews.values_list("case_file__crime__crime_reference", "status"))
    assert statuses == {**dict.fromkeys(others, ReviewStatus.ACCEPTED), asked_about: ReviewStatus.RETURNED}
    assert Message.objects.get(kind=MessageKind.RETURN_FOR_CHANGE).body == RETURN_COMMENT
    return asked_about


def inspector_sees_the_returned_review_on_the_to_do_list(journey, reference: str) -> None:
    page = journey.page
    log_in(journey, "ines")
    returned = to_do(page).get_by_role("link", name=f"Review of {reference} returned to you for change")
    fits_at_320(journey, "14-inspector-home-returned")
    go(journey, returned, f"returned review of {reference}")
    thread = page.get_by_role("list", name="Messages, oldest first")
    expect(thread).to_contain_text(QUESTION)
    expect(thread).to_contain_text(RETURN_COMMENT)
    fits_at_320(journey, "15-returned-review-with-its-discussion")


def lead_subscribes_to_the_calendar(journey, inspection, *, overdue, soon) -> None:
    page = journey.page
    log_in(journey, "lee")
    journey.goto(f"/inspections/{inspection.pk}/timeline/")
    go(journey, page.get_by_role("link", name="your calendar link"), "calendar page")
    go(journey, button(page, "Make my calendar link"), "calendar link made")
    fits_at_320(journey, "16-calendar-link")
    feed_url = page.get_by_label("Calendar address").input_value()
    # A calendar program sends no session: the token in the address is all it has.
    anonymous = page.context.browser.new_context()
    try:
        response = anonymous.request.get(feed_url)
        assert response.status == 200
        assert response.headers["content-type"].startswith("text/calendar")
        feed = Calendar.from_ical(response.body())
    finally:
        anonymous.close()
    events = {str(event["summary"]): event.decoded("dtstart") for event in feed.walk("VEVENT")}
    force = inspection.force.name
    assert events[f"{force}: Moderation"] == overdue
    assert events[f"{force}: Factual accuracy check"] == soon


def lead_searches_the_evidence_notes(journey, inspection) -> None:
    page = journey.page
    go(journey, main_nav(page, "My inspections"), "lead's home")
    open_the_inspection(journey, inspection)
    go(journey, inspection_tab(page, "Evidence"), "evidence notes")
    field(page, "Words").fill(SEARCH_WORDS)
    go(journey, button(page, "Filter"), f"evidence notes matching {SEARCH_WORDS!r}")
    expect(page.get_by_text(NOTE_TEXT)).to_be_visible()
    fits_at_320(journey, "17-evidence-search")
