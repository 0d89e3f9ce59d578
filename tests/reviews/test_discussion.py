"""A case file's discussion: the reviewer and the lead write to each other in the file's thread (about the
file or one criterion), a return for change is part of it, the other party is told, and nobody else
reads it."""

import pytest
from django.urls import reverse

from notifications.models import Notification, NotificationKind
from reviews.models import MESSAGE_LIMIT, CaseFile, Message, MessageKind, ReviewKind
from reviews.services.discussion import message_post
from reviews.services.double_review import double_review_select
from reviews.services.moderation import review_return
from reviews.services.refusals import Refused
from tests.factories.reviews import criteria_2016, drawn_inspection, submitted_review
from tests.factories.users import admin, inspector
from tests.forms_in_html import form_with

pytestmark = pytest.mark.django_db


@pytest.fixture
def case_file() -> CaseFile:
    inspection = drawn_inspection(2)
    return CaseFile.objects.filter(inspection=inspection).select_related("inspection", "crime").first()


def file_url(case_file) -> str:
    return reverse("reviews:file_detail", kwargs={"pk": case_file.inspection_id, "file_id": case_file.pk})


def review_url(case_file, kind="first") -> str:
    return reverse(f"reviews:review_{kind}", kwargs={"pk": case_file.inspection_id, "file_id": case_file.pk})


def thread_url(case_file, kind="first") -> str:
    return reverse(
        f"reviews:discussion_{kind}", kwargs={"pk": case_file.inspection_id, "file_id": case_file.pk}
    )


def post_from_page(client, page_url: str, **changes):
    """Fill in the discussion form as the page renders it and send it, following the redirect."""
    page = client.get(page_url)
    form = form_with(page.content, "body")
    return client.post(form.action(page_url), form.submission("post", **changes), follow=True)


def test_the_inspector_writes_from_the_review_form_and_the_lead_answers_from_the_file(client, case_file):
    client.force_login(case_file.reviewer)
    response = post_from_page(
        client, review_url(case_file), body="Is the DASH form <b>in</b> the file?\nPage 2."
    )

    assert response.redirect_chain[-1][0].endswith(review_url(case_file) + "#discussion-first")
    assert b"Message posted." in response.content

    client.force_login(case_file.inspection.lead)
    response = post_from_page(client, file_url(case_file), body="Yes: look under attachments.")
    assert response.redirect_chain[-1][0].endswith(file_url(case_file) + "#discussion-first")

    client.force_login(case_file.reviewer)
    page = client.get(thread_url(case_file)).content.decode()
    # plain text with its line breaks; never the writer's HTML
    assert "Is the DASH form &lt;b&gt;in&lt;/b&gt; the file?<br>Page 2." in page
    assert "<b>in</b>" not in page
    assert page.index("Is the DASH form") < page.index("Yes: look under attachments.")
    assert [m.author for m in Message.objects.filter(case_file=case_file)] == [
        case_file.reviewer,
        case_file.inspection.lead,
    ]


def test_a_message_about_a_criterion_shows_the_criterion_and_the_discuss_link_chooses_it(client, case_file):
    criterion = next(c for c in criteria_2016() if c.code == "C05")
    client.force_login(case_file.reviewer)
    form_page = client.get(review_url(case_file)).content.decode()
    assert f"?criterion={criterion.pk}#discussion-form-first" in form_page

    chosen = client.get(thread_url(case_file) + f"?criterion={criterion.pk}")
    form = form_with(chosen.content, "body")
    assert form.submission("post")["criterion"] == [str(criterion.pk)]
    client.post(form.action(thread_url(case_file)), form.submission("post", body="Was the victim told?"))

    message = Message.objects.get(case_file=case_file)
    assert message.criterion == criterion
    assert f'title="{criterion.text}">C05</a>' in client.get(file_url(case_file)).content.decode()


def test_a_return_for_change_is_a_message_of_the_thread_and_the_reviewer_is_told_once(client, case_file):
    review = submitted_review(case_file)
    lead = case_file.inspection.lead

    review_return(
        inspection=case_file.inspection, review_id=review.pk, comment="Add C11's reason.", user=lead
    )

    message = Message.objects.get(case_file=case_file)
    assert (message.kind, message.author, message.body) == (
        MessageKind.RETURN_FOR_CHANGE,
        lead,
        "Add C11's reason.",
    )
    told = Notification.objects.get(recipient=case_file.reviewer, kind=NotificationKind.REVIEW_RETURNED)
    assert told.kind == NotificationKind.REVIEW_RETURNED
    assert told.key == f"review-returned:{review.pk}:{message.pk}"
    assert told.url == thread_url(case_file)
    assert not Notification.objects.filter(recipient=lead).exists()
    client.force_login(case_file.reviewer)
    page = client.get(review_url(case_file)).content.decode()
    assert "Returned for change" in page and "Add C11&#x27;s reason." in page


def test_posting_tells_the_other_party_once_and_not_the_author(case_file):
    inspection, reviewer, lead = case_file.inspection, case_file.reviewer, case_file.inspection.lead

    mine = message_post(inspection=inspection, case_file=case_file, author=reviewer, body="A question.")
    theirs = message_post(inspection=inspection, case_file=case_file, author=lead, body="An answer.")

    to_lead = Notification.objects.get(recipient=lead)
    assert (to_lead.kind, to_lead.key, to_lead.url) == (
        NotificationKind.MESSAGE,
        f"message:{mine.pk}",
        thread_url(case_file),
    )
    assert Notification.objects.get(recipient=reviewer, kind=NotificationKind.MESSAGE).key == (
        f"message:{theirs.pk}"
    )


def test_the_same_form_submitted_twice_posts_once(client, case_file):
    client.force_login(case_file.reviewer)
    page = client.get(thread_url(case_file))
    form = form_with(page.content, "body")
    data = form.submission("post", body="Only once, please.")

    client.post(thread_url(case_file), data)
    again = client.post(thread_url(case_file), data, follow=True)

    assert again.status_code == 200
    assert Message.objects.filter(case_file=case_file).count() == 1
    assert Notification.objects.filter(recipient=case_file.inspection.lead).count() == 1


def test_a_message_over_the_limit_is_refused_with_a_clear_message_and_the_text_kept(client, case_file):
    client.force_login(case_file.reviewer)
    too_long = "x" * (MESSAGE_LIMIT + 1)

    response = post_from_page(client, thread_url(case_file), body=too_long)

    assert response.status_code == 400
    assert "Message: at most 4,000 characters; this has 4,001." in response.content.decode()
    assert too_long in response.content.decode()
    assert not Message.objects.exists()


def test_an_empty_message_is_refused(client, case_file):
    client.force_login(case_file.reviewer)

    response = post_from_page(client, thread_url(case_file), body="   ")

    assert response.status_code == 400
    assert b"Write your message." in response.content
    assert not Message.objects.exists()


def test_people_outside_the_thread_are_refused(client, case_file):
    other_inspector = (
        CaseFile.objects.filter(inspection=case_file.inspection)
        .exclude(reviewer=case_file.reviewer)[0]
        .reviewer
    )
    outsider = inspector()
    cases = [(outsider, 404), (other_inspector, 403), (admin(), 403)]
    for user, status in cases:
        client.force_login(user)
        assert client.get(thread_url(case_file)).status_code == status
        assert client.post(thread_url(case_file), {"body": "Let me in"}).status_code == status
        assert b"Discussion" not in client.get(file_url(case_file)).content or status == 404
    assert not Message.objects.exists()
    with pytest.raises(Refused):
        message_post(inspection=case_file.inspection, case_file=case_file, author=other_inspector, body="Hi")


def test_the_second_review_has_its_own_thread_and_stays_blind(client, case_file):
    inspection = case_file.inspection
    double_review_select(inspection=inspection, share_percent=100, seed=1)
    case_file.refresh_from_db()
    message_post(
        inspection=inspection, case_file=case_file, author=case_file.reviewer, body="First thoughts."
    )

    client.force_login(case_file.second_reviewer)
    assert client.get(thread_url(case_file, "second")).status_code == 200
    assert client.get(thread_url(case_file, "first")).status_code == 403
    assert b"First thoughts." not in client.get(review_url(case_file, "second")).content

    client.force_login(inspection.lead)
    page = client.get(file_url(case_file)).content.decode()
    assert "Discussion of the first review" in page and "Discussion of the second (blind) review" in page
    assert "First thoughts." in page


def test_a_file_without_a_second_review_has_no_second_thread(client, case_file):
    client.force_login(case_file.inspection.lead)

    assert client.get(thread_url(case_file, ReviewKind.SECOND)).status_code == 404


def test_the_thread_reads_the_same_number_of_queries_however_long_it_is(
    client, case_file, django_assert_max_num_queries
):
    inspection, reviewer, lead = case_file.inspection, case_file.reviewer, case_file.inspection.lead
    criterion = criteria_2016()[0]
    message_post(
        inspection=inspection, case_file=case_file, author=reviewer, body="One.", criterion=criterion
    )
    client.force_login(lead)
    client.get(thread_url(case_file))
    with django_assert_max_num_queries(20) as thread_few:
        client.get(thread_url(case_file))
    with django_assert_max_num_queries(30) as file_few:
        client.get(file_url(case_file))
    for number in range(30):
        author = reviewer if number % 2 else lead
        message_post(
            inspection=inspection, case_file=case_file, author=author, body=f"{number}", criterion=criterion
        )

    with django_assert_max_num_queries(len(thread_few.captured_queries)):
        client.get(thread_url(case_file))
    with django_assert_max_num_queries(len(file_few.captured_queries)):
        client.get(file_url(case_file))
