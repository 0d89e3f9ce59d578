"""Allocation across the team, reassignment, "My files", moderation and the progress page."""

from collections import Counter

import pytest
from django.urls import reverse

from reviews.models import CaseFile, Message, MessageKind, Review, ReviewKind, ReviewStatus
from reviews.services.allocation import case_file_reassign, case_files_allocate
from reviews.services.moderation import review_accept, review_return
from reviews.services.refusals import Refused
from reviews.services.reviewing import ReviewInput, review_save
from tests.factories.reviews import accepted_review, drawn_inspection, inspection_2016, submitted_review
from tests.factories.users import inspector
from tests.forms_in_html import form_with

pytestmark = pytest.mark.django_db


def test_files_are_balanced_by_count_and_spread_across_strata():
    inspection = drawn_inspection(20)

    per_reviewer = Counter(
        CaseFile.objects.filter(inspection=inspection).values_list("reviewer_id", flat=True)
    )
    per_stratum = Counter(
        CaseFile.objects.filter(inspection=inspection).values_list("stratum_id", "reviewer_id")
    )

    assert sorted(per_reviewer.values()) == [30, 30]
    for stratum_id in set(
        CaseFile.objects.filter(inspection=inspection).values_list("stratum_id", flat=True)
    ):
        counts = [count for (stratum, _), count in per_stratum.items() if stratum == stratum_id]
        assert max(counts) - min(counts) <= 1


def test_a_team_of_three_gets_twenty_each_and_the_lead_reviews_nothing_unless_on_the_team():
    inspection = drawn_inspection(20, allocate=False, team=[inspector(), inspector(), inspector()])

    case_files_allocate(inspection=inspection)

    per_reviewer = Counter(
        CaseFile.objects.filter(inspection=inspection).values_list("reviewer_id", flat=True)
    )
    assert sorted(per_reviewer.values()) == [20, 20, 20]
    assert inspection.lead_id not in per_reviewer


def test_allocating_again_keeps_existing_allocations_and_fills_only_the_gaps():
    inspection = drawn_inspection(20)
    before = dict(CaseFile.objects.filter(inspection=inspection).values_list("pk", "reviewer_id"))

    result = case_files_allocate(inspection=inspection)

    assert result.allocated == 0
    assert dict(CaseFile.objects.filter(inspection=inspection).values_list("pk", "reviewer_id")) == before


def test_allocating_before_the_draw_is_refused_with_a_message(client):
    inspection = inspection_2016()
    client.force_login(inspection.lead)

    response = client.post(reverse("reviews:allocate", kwargs={"pk": inspection.pk}), follow=True)

    assert response.status_code == 200
    assert b"Draw the sample before allocating files." in response.content


def test_a_team_without_members_cannot_be_allocated_files():
    inspection = drawn_inspection(5, allocate=False, team=[])

    with pytest.raises(Refused, match="no team"):
        case_files_allocate(inspection=inspection)


def test_the_lead_reassigns_a_file_and_a_review_in_progress_moves_with_it():
    inspection = drawn_inspection(5)
    case_file = CaseFile.objects.filter(inspection=inspection).first()
    review_save(
        inspection=inspection,
        case_file_id=case_file.pk,
        kind=ReviewKind.FIRST,
        user=case_file.reviewer,
        expected_version=0,
        data=ReviewInput(),
    )
    newcomer = inspection.team.exclude(pk=case_file.reviewer_id).first()

    case_file_reassign(
        inspection=inspection, case_file_id=case_file.pk, kind=ReviewKind.FIRST, reviewer=newcomer
    )

    case_file.refresh_from_db()
    assert case_file.reviewer == newcomer
    assert Review.objects.get(case_file=case_file).reviewer == newcomer


def test_reassignment_refuses_outsiders_accepted_reviews_and_the_same_person_twice():
    from reviews.services.double_review import double_review_select

    inspection = drawn_inspection(5)
    double_review_select(inspection=inspection, share_percent=100, seed=1)
    case_file = CaseFile.objects.filter(inspection=inspection).first()

    with pytest.raises(Refused, match="not on this inspection's team"):
        case_file_reassign(
            inspection=inspection, case_file_id=case_file.pk, kind="first", reviewer=inspector()
        )
    with pytest.raises(Refused, match="different inspectors"):
        case_file_reassign(
            inspection=inspection, case_file_id=case_file.pk, kind="first", reviewer=case_file.second_reviewer
        )
    accepted_review(case_file)
    with pytest.raises(Refused, match="accepted"):
        case_file_reassign(
            inspection=inspection, case_file_id=case_file.pk, kind="first", reviewer=inspection.lead
        )


def test_my_files_shows_what_is_to_do_in_progress_returned_and_done(client):
    inspection = drawn_inspection(2)
    reviewer = CaseFile.objects.filter(inspection=inspection).first().reviewer
    mine = list(CaseFile.objects.filter(inspection=inspection, reviewer=reviewer).order_by("pk"))
    review_save(
        inspection=inspection,
        case_file_id=mine[0].pk,
        kind="first",
        user=reviewer,
        expected_version=0,
        data=ReviewInput(),
    )
    returned = submitted_review(mine[1])
    review_return(inspection=inspection, review_id=returned.pk, comment="Add notes", user=inspection.lead)
    submitted_review(mine[2])
    accepted_review(mine[3])
    client.force_login(reviewer)

    page = client.get(reverse("reviews:my_files", kwargs={"pk": inspection.pk}))

    buckets = {key: [entry.case_file.pk for entry in entries] for key, _, entries in page.context["buckets"]}
    assert buckets["in_progress"] == [mine[0].pk]
    assert buckets["returned"] == [mine[1].pk]
    assert set(buckets["done"]) == {mine[2].pk, mine[3].pk}
    assert len(buckets["to_do"]) == len(mine) - 4
    assert all(
        CaseFile.objects.get(pk=pk).reviewer == reviewer for entries in buckets.values() for pk in entries
    )


def test_accepting_locks_a_review_and_only_a_submitted_review_can_be_moderated():
    inspection = drawn_inspection(2)
    case_file = CaseFile.objects.filter(inspection=inspection).first()
    review = submitted_review(case_file)

    accepted = review_accept(inspection=inspection, review_id=review.pk, user=inspection.lead)

    assert accepted.status == ReviewStatus.ACCEPTED
    assert accepted.accepted_at is not None
    with pytest.raises(Refused, match="Only a submitted review can be returned"):
        review_return(inspection=inspection, review_id=review.pk, comment="Too late", user=inspection.lead)
    with pytest.raises(Refused, match="can no longer be edited"):
        review_save(
            inspection=inspection,
            case_file_id=case_file.pk,
            kind="first",
            user=case_file.reviewer,
            expected_version=accepted.version,
            data=ReviewInput(),
        )


def test_returning_needs_a_comment():
    inspection = drawn_inspection(2)
    review = submitted_review(CaseFile.objects.filter(inspection=inspection).first())

    with pytest.raises(Refused, match="Say what needs to change"):
        review_return(inspection=inspection, review_id=review.pk, comment="  ", user=inspection.lead)


def test_the_lead_accepts_and_returns_from_the_file_page(client):
    inspection = drawn_inspection(2)
    files = list(CaseFile.objects.filter(inspection=inspection).order_by("pk")[:2])
    to_accept, to_return = submitted_review(files[0]), submitted_review(files[1])
    client.force_login(inspection.lead)

    file_page = reverse("reviews:file_detail", kwargs={"pk": inspection.pk, "file_id": files[0].pk})
    accept = form_with(client.get(file_page).content, "version")
    client.post(accept.action(file_page), accept.submission())
    client.post(
        reverse("reviews:return_first", kwargs={"pk": inspection.pk, "file_id": files[1].pk}),
        {"comment": "C11: say which opportunities were missed"},
    )

    to_accept.refresh_from_db()
    to_return.refresh_from_db()
    assert to_accept.status == ReviewStatus.ACCEPTED
    assert to_return.status == ReviewStatus.RETURNED
    returned = Message.objects.get(case_file=files[1], kind=MessageKind.RETURN_FOR_CHANGE)
    assert returned.body == "C11: say which opportunities were missed"


def test_a_team_inspector_cannot_accept_their_own_review(client):
    inspection = drawn_inspection(2)
    case_file = CaseFile.objects.filter(inspection=inspection).first()
    review = submitted_review(case_file)
    client.force_login(case_file.reviewer)

    response = client.post(
        reverse("reviews:accept_first", kwargs={"pk": inspection.pk, "file_id": case_file.pk})
    )

    assert response.status_code == 403
    review.refresh_from_db()
    assert review.status == ReviewStatus.SUBMITTED


def test_the_moderation_page_lists_submitted_reviews_oldest_first(client):
    inspection = drawn_inspection(2)
    files = list(CaseFile.objects.filter(inspection=inspection).order_by("pk")[:3])
    for case_file in files:
        submitted_review(case_file)
    client.force_login(inspection.lead)

    page = client.get(reverse("reviews:moderation", kwargs={"pk": inspection.pk}))

    assert [review.case_file_id for review, _value, _ticked in page.context["rows"]] == [f.pk for f in files]


def test_progress_counts_reviews_by_status_per_inspector_and_per_stratum(client):
    inspection = drawn_inspection(2)
    files = list(CaseFile.objects.filter(inspection=inspection, stratum__label="Robbery").order_by("pk"))
    submitted_review(files[0])
    accepted_review(files[1])
    client.force_login(inspection.team.first())

    progress = client.get(reverse("reviews:progress", kwargs={"pk": inspection.pk})).context["progress"]

    robbery = next(row for row in progress.by_stratum if row.label == "Robbery")
    assert robbery.counts == {None: 0, "draft": 0, "submitted": 1, "returned": 0, "accepted": 1}
    assert progress.overall.total == 14
    assert progress.overall.counts[None] == 12
    assert sum(row.total for row in progress.by_inspector) == 14
    assert sum(row.counts["submitted"] + row.counts["accepted"] for row in progress.by_inspector) == 2
