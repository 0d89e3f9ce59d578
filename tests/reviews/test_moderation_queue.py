"""The lead's moderation queue: filtered by inspector, stratum, kind and age, sorted, several reviews
accepted at once (all or none, each at the version shown), and "Accept and open next" through the queue."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from reviews.models import CaseFile, Review, ReviewStatus
from reviews.services.moderation import review_accept, review_return
from tests.factories.reviews import drawn_inspection, submitted_review
from tests.forms_in_html import form_with

pytestmark = pytest.mark.django_db


@pytest.fixture
def queue():
    """Four submitted first reviews across two inspectors and strata, submitted 10, 5, 2 and 0 days ago."""
    inspection = drawn_inspection(2)
    files = list(CaseFile.objects.filter(inspection=inspection).order_by("stratum__order", "rank")[:4])
    reviews = [submitted_review(case_file) for case_file in files]
    now = timezone.now()
    for review, days in zip(reviews, [10, 5, 2, 0], strict=True):
        Review.objects.filter(pk=review.pk).update(submitted_at=now - datetime.timedelta(days=days))
    return inspection, [Review.objects.get(pk=review.pk) for review in reviews]


def file_url(inspection, review) -> str:
    return reverse("reviews:file_detail", kwargs={"pk": inspection.pk, "file_id": review.case_file_id})


def moderation_url(inspection, query: str = "") -> str:
    url = reverse("reviews:moderation", kwargs={"pk": inspection.pk})
    return f"{url}?{query}" if query else url


def shown(client, inspection, query: str = "") -> list[int]:
    response = client.get(moderation_url(inspection, query))
    assert response.status_code == 200
    return [review.pk for review, _value, _ticked in response.context["rows"]]


def test_the_queue_is_oldest_first_and_can_be_sorted_newest_first(client, queue):
    inspection, reviews = queue
    client.force_login(inspection.lead)

    assert shown(client, inspection) == [review.pk for review in reviews]
    assert shown(client, inspection, "order=-submitted") == [review.pk for review in reversed(reviews)]


def test_the_queue_filters_by_inspector_stratum_and_age(client, queue):
    inspection, reviews = queue
    client.force_login(inspection.lead)
    reviewer = reviews[0].reviewer
    stratum = reviews[0].case_file.stratum

    assert shown(client, inspection, f"reviewer={reviewer.pk}") == [
        review.pk for review in reviews if review.reviewer_id == reviewer.pk
    ]
    assert shown(client, inspection, f"stratum={stratum.pk}") == [
        review.pk for review in reviews if review.case_file.stratum_id == stratum.pk
    ]
    assert shown(client, inspection, "waiting=3") == [reviews[0].pk, reviews[1].pk]


def test_the_filter_is_submitted_as_the_page_renders_it(client, queue):
    inspection, reviews = queue
    client.force_login(inspection.lead)
    form = form_with(client.get(moderation_url(inspection)).content, "waiting")

    response = client.get(moderation_url(inspection), form.submission(waiting="7"))

    assert [review.pk for review, _v, _t in response.context["rows"]] == [reviews[0].pk]


def test_the_sort_order_is_a_menu_of_orders_and_the_one_chosen_stays_chosen(client, queue):
    inspection, reviews = queue
    client.force_login(inspection.lead)
    page = client.get(moderation_url(inspection)).content
    sort = next(control for control in form_with(page, "order").controls if control.name == "order")

    assert sort.tag == "select"
    assert [option["value"] for option in sort.options] == [
        "submitted",
        "-submitted",
        "reference",
        "stratum",
        "inspector",
    ]
    newest_first = form_with(page, "order").submission(order="-submitted")
    response = client.get(moderation_url(inspection), newest_first)
    assert [review.pk for review, _v, _t in response.context["rows"]] == [r.pk for r in reversed(reviews)]
    chosen = next(c for c in form_with(response.content, "order").controls if c.name == "order")
    assert chosen.values() == ["-submitted"]


def test_the_filter_form_shows_no_template_comment(client, queue):
    inspection, _reviews = queue
    client.force_login(inspection.lead)

    assert b"{#" not in client.get(moderation_url(inspection)).content


def test_ticked_reviews_are_accepted_together_from_the_rendered_form(client, queue):
    inspection, reviews = queue
    client.force_login(inspection.lead)
    form = form_with(client.get(moderation_url(inspection)).content, "reviews")
    ticked = [f"{review.pk}:{review.version}" for review in reviews[:3]]

    response = client.post(
        reverse("reviews:accept_selected", kwargs={"pk": inspection.pk}), form.submission(reviews=ticked)
    )

    assert response.status_code == 302
    statuses = [Review.objects.get(pk=review.pk).status for review in reviews]
    assert statuses == [ReviewStatus.ACCEPTED] * 3 + [ReviewStatus.SUBMITTED]
    assert "3 reviews accepted" in client.get(response.url).content.decode()


def test_if_one_ticked_review_was_returned_meanwhile_none_is_accepted_and_the_ticks_are_kept(client, queue):
    inspection, reviews = queue
    client.force_login(inspection.lead)
    form = form_with(client.get(moderation_url(inspection)).content, "reviews")
    ticked = [f"{review.pk}:{review.version}" for review in reviews[:2]]
    review_return(inspection=inspection, review_id=reviews[1].pk, comment="Add C11's reason.", user=None)

    response = client.post(
        reverse("reviews:accept_selected", kwargs={"pk": inspection.pk}), form.submission(reviews=ticked)
    )

    assert response.status_code == 400
    html = response.content.decode()
    assert "this one is returned" in html and "Nothing was accepted." in html
    assert Review.objects.get(pk=reviews[0].pk).status == ReviewStatus.SUBMITTED
    kept = form_with(html, "reviews").submission()
    assert kept["reviews"] == [ticked[0]]  # still ticked; the returned one has left the queue


def test_a_review_resubmitted_since_the_page_was_read_is_not_accepted(client, queue):
    inspection, reviews = queue
    client.force_login(inspection.lead)
    file_page = reverse(
        "reviews:file_detail", kwargs={"pk": inspection.pk, "file_id": reviews[0].case_file_id}
    )
    accept = form_with(client.get(file_page).content, "version")
    Review.objects.filter(pk=reviews[0].pk).update(version=reviews[0].version + 2)  # returned and resubmitted

    response = client.post(accept.action(file_page), accept.submission())

    assert Review.objects.get(pk=reviews[0].pk).status == ReviewStatus.SUBMITTED
    assert "changed since you opened it" in client.get(response.url).content.decode()


def test_accept_and_open_next_goes_to_the_next_review_of_the_filtered_queue(client, queue):
    inspection, reviews = queue
    client.force_login(inspection.lead)
    stratum = reviews[0].case_file.stratum
    same_stratum = [review for review in reviews if review.case_file.stratum_id == stratum.pk]
    page = client.get(moderation_url(inspection, f"stratum={stratum.pk}")).content.decode()
    first_link = reverse(
        "reviews:file_detail", kwargs={"pk": inspection.pk, "file_id": same_stratum[0].case_file_id}
    )
    assert f'{first_link}?queue=stratum%3D{stratum.pk}"' in page
    file_page = f"{first_link}?queue=stratum%3D{stratum.pk}"
    accept = form_with(client.get(file_page).content, "version")

    response = client.post(accept.action(file_page), accept.submission("then=next"))

    assert Review.objects.get(pk=same_stratum[0].pk).status == ReviewStatus.ACCEPTED
    following = reverse(
        "reviews:file_detail", kwargs={"pk": inspection.pk, "file_id": same_stratum[1].case_file_id}
    )
    assert response.url == f"{following}?queue=stratum%3D{stratum.pk}"


def test_accept_and_open_next_on_the_last_review_returns_to_the_queue(client, queue):
    inspection, reviews = queue
    client.force_login(inspection.lead)
    for review in reviews[1:]:
        review_accept(inspection=inspection, review_id=review.pk, user=inspection.lead)
    file_page = reverse(
        "reviews:file_detail", kwargs={"pk": inspection.pk, "file_id": reviews[0].case_file_id}
    )
    accept = form_with(client.get(file_page).content, "version")

    response = client.post(accept.action(file_page), accept.submission("then=next"))

    assert response.url == moderation_url(inspection)
    assert "Nothing else is waiting in this queue." in client.get(response.url).content.decode()


def test_the_queue_page_reads_a_fixed_number_of_queries(client, django_assert_max_num_queries, queue):
    inspection, _reviews = queue
    client.force_login(inspection.lead)
    client.get(moderation_url(inspection))
    with django_assert_max_num_queries(14):
        client.get(moderation_url(inspection, "order=inspector"))
    for case_file in CaseFile.objects.filter(inspection=inspection, reviews__isnull=True)[:6]:
        submitted_review(case_file)
    with django_assert_max_num_queries(14):
        client.get(moderation_url(inspection, "order=inspector"))
