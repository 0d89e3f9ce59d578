"""The check's forms, submitted as the rendered pages hold them (tests/forms_in_html.py): the lead sends
the draft, the liaison comments beside a section, the lead answers; a refused answer keeps its text."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from factual_accuracy.models import AccuracyCheck, AccuracyComment, Answer
from tests.factual_accuracy.builders import setting
from tests.forms_in_html import form_with, forms_in

pytestmark = pytest.mark.django_db


def check_page(world) -> str:
    return reverse("factual_accuracy:inspection_check", kwargs={"pk": world.inspection.pk})


def comment_form(html: bytes, section_key: str):
    """The comment form beside one section of the draft (every section has its own)."""
    for form in forms_in(html):
        if "section_key" in form.names and form.submission()["section_key"] == [section_key]:
            return form
    raise AssertionError(f"no comment form for {section_key}")


def test_the_lead_sends_the_draft_with_the_due_date_typed_in_the_form(client):
    world = setting()
    client.force_login(world.lead)
    due = timezone.localdate() + datetime.timedelta(days=14)

    form = form_with(client.get(check_page(world)).content, "due_on")
    response = client.post(
        form.action(check_page(world)), form.submission(due_on=due.isoformat()), follow=True
    )

    check = AccuracyCheck.objects.get()
    assert check.due_on == due
    assert "comments are due by" in response.content.decode()
    assert form_with(response.content, "close")  # the page now offers to close it


def test_a_due_date_in_the_past_is_refused_naming_the_field(client):
    world = setting()
    client.force_login(world.lead)

    form = form_with(client.get(check_page(world)).content, "due_on")
    response = client.post(form.action(check_page(world)), form.submission(due_on="2016-01-01"))

    assert response.status_code == 200
    assert "The due date is in the past" in response.content.decode()
    assert not AccuracyCheck.objects.exists()


def test_the_liaison_comments_with_the_form_beside_a_section(client):
    world = setting()
    check = world.open_check()
    client.force_login(world.liaison)
    url = reverse("factual_accuracy:check_draft", kwargs={"check_id": check.pk})

    form = comment_form(client.get(url).content, "force-in-numbers")
    response = client.post(
        form.action(url),
        form.submission(
            text="The figure is for 2015/16.", quoted_text="Police officers", proposed_correction="2015/16"
        ),
        follow=True,
    )

    comment = AccuracyComment.objects.get()
    assert (comment.section_key, comment.section_title) == ("force-in-numbers", "Force in numbers")
    assert (comment.quoted_text, comment.proposed_correction) == ("Police officers", "2015/16")
    assert "was sent to the inspection" in response.content.decode()
    assert "The figure is for 2015/16." in response.content.decode()


def test_an_empty_comment_is_refused_in_the_error_summary_and_the_passage_is_kept(client):
    world = setting()
    check = world.open_check()
    client.force_login(world.liaison)
    url = reverse("factual_accuracy:check_draft", kwargs={"check_id": check.pk})

    form = comment_form(client.get(url).content, "q1")
    response = client.post(form.action(url), form.submission(text="  ", quoted_text="Kept words"))

    page = response.content.decode()
    assert response.status_code == 200 and "error-summary" in page
    assert "Write your comment" in page
    assert comment_form(response.content, "q1").submission()["quoted_text"] == ["Kept words"]
    assert not AccuracyComment.objects.exists()


def test_the_liaison_withdraws_a_comment_with_its_button(client):
    world = setting()
    check = world.open_check()
    comment = world.comment(check)
    client.force_login(world.liaison)
    url = reverse("factual_accuracy:check_draft", kwargs={"check_id": check.pk})

    form = next(f for f in forms_in(client.get(url).content) if "withdraw" in f.action(url))
    client.post(form.action(url), form.submission())

    comment.refresh_from_db()
    assert comment.is_withdrawn


def answer_form(html: bytes, comment):
    action = reverse(
        "factual_accuracy:comment_answer",
        kwargs={"pk": comment.accuracy_check.inspection_id, "comment_id": comment.pk},
    )
    return next(form for form in forms_in(html) if form.action("") == action)


def test_the_lead_answers_not_accepted_with_a_reason_from_the_check_page(client):
    world = setting()
    comment = world.comment(world.open_check())
    client.force_login(world.lead)

    form = answer_form(client.get(check_page(world)).content, comment)
    client.post(form.action(""), form.submission(answer=Answer.NOT_ACCEPTED, reason="The finding stands."))

    comment.refresh_from_db()
    assert comment.answer == Answer.NOT_ACCEPTED and comment.reason == "The finding stands."


def test_not_accepted_without_a_reason_is_refused_and_nothing_is_saved(client):
    world = setting()
    comment = world.comment(world.open_check())
    client.force_login(world.lead)

    form = answer_form(client.get(check_page(world)).content, comment)
    response = client.post(form.action(""), form.submission(answer=Answer.NOT_ACCEPTED))

    assert response.status_code == 200 and "Say why the comment is not accepted" in response.content.decode()
    comment.refresh_from_db()
    assert comment.waits_for_answer


def test_a_stale_answer_is_refused_and_the_leads_text_is_kept(client):
    world = setting()
    comment = world.comment(world.open_check())
    client.force_login(world.lead)
    form = answer_form(client.get(check_page(world)).content, comment)
    first = answer_form(client.get(check_page(world)).content, comment)
    client.post(first.action(""), first.submission(answer=Answer.ACCEPTED, reason="Changed the date."))

    response = client.post(
        form.action(""), form.submission(answer=Answer.NOT_ACCEPTED, reason="My own words.")
    )

    page = response.content.decode()
    assert "Someone else saved" in page and "My own words." in page
    comment.refresh_from_db()
    assert comment.answer == Answer.ACCEPTED and comment.reason == "Changed the date."
