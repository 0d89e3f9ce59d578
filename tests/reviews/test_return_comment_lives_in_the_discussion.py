"""A return-for-change comment is kept once: as the lead's *Returned for change* message of the review's
thread. The review form's banner and the file's page read the latest one; migration 0012 moved any comment
the thread lacked into it, and going back puts the latest on the review again."""

import importlib

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from reviews.models import CaseFile, Message, MessageKind, ReviewKind
from reviews.services.moderation import review_return
from tests.factories.reviews import drawn_inspection, submitted_review

BEFORE = ("reviews", "0011_discussion_copy_return_comments")


def first_file(inspection) -> CaseFile:
    return CaseFile.objects.filter(inspection=inspection).select_related("crime").order_by("pk").first()


def returned_twice(case_file: CaseFile):
    inspection = case_file.inspection
    for comment in ("Add notes.", "Say which opportunities were missed at C11."):
        review = submitted_review(case_file)
        review_return(inspection=inspection, review_id=review.pk, comment=comment, user=inspection.lead)
    return review


@pytest.mark.django_db
def test_the_review_form_and_the_file_page_show_the_latest_return_comment(client):
    case_file = first_file(drawn_inspection(2))
    returned_twice(case_file)
    inspection = case_file.inspection

    client.force_login(case_file.reviewer)
    form = client.get(reverse("reviews:review_first", kwargs={"pk": inspection.pk, "file_id": case_file.pk}))
    client.force_login(inspection.lead)
    file_page = client.get(
        reverse("reviews:file_detail", kwargs={"pk": inspection.pk, "file_id": case_file.pk})
    )

    banner = form.content.decode().split('role="status"><h2 class="h6">Returned by the lead</h2>')[1]
    assert banner.split("</div>")[0] == '<p class="mb-0">Say which opportunities were missed at C11.</p>'
    assert "Returned: Say which opportunities were missed at C11." in file_page.content.decode()
    returns = Message.objects.filter(case_file=case_file, kind=MessageKind.RETURN_FOR_CHANGE)
    assert returns.count() == 2  # both stay in the thread, its record of what was asked


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_return_comment_goes_back_onto_the_review_and_forward_into_the_thread_once():
    inspection = drawn_inspection(2)
    case_file, other = CaseFile.objects.filter(inspection=inspection).order_by("pk")[:2]
    review = returned_twice(case_file)
    never_posted = submitted_review(other)
    try:
        call_command("migrate", *BEFORE, verbosity=0)
        old = MigrationExecutor(connection).loader.project_state(BEFORE).apps
        OldReview = old.get_model("reviews", "Review")
        assert (
            OldReview.objects.get(pk=review.pk).return_comment
            == "Say which opportunities were missed at C11."
        )
        assert OldReview.objects.get(pk=never_posted.pk).return_comment == ""
        # A comment on a review its thread does not hold, as a return recorded before the discussion.
        OldReview.objects.filter(pk=never_posted.pk).update(status="returned", return_comment=" Check C05. ")

        call_command("migrate", "reviews", verbosity=0)

        returns = Message.objects.filter(kind=MessageKind.RETURN_FOR_CHANGE)
        assert returns.filter(case_file=case_file).count() == 2  # not copied a second time
        moved = returns.get(case_file=other)
        assert (moved.body, moved.review_kind) == ("Check C05.", ReviewKind.FIRST)
    finally:
        call_command("migrate", verbosity=0)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_migration_0011_copied_return_comments_into_the_thread_and_back():
    migration = importlib.import_module("reviews.migrations.0011_discussion_copy_return_comments")
    case_file = first_file(drawn_inspection(2))
    review = submitted_review(case_file)
    review_return(inspection=case_file.inspection, review_id=review.pk, comment="Add notes.", user=None)
    try:
        call_command("migrate", *BEFORE, verbosity=0)
        old = MigrationExecutor(connection).loader.project_state(BEFORE).apps
        OldMessage = old.get_model("reviews", "Message")
        returned_at = old.get_model("reviews", "Review").objects.get(pk=review.pk).returned_at
        OldMessage.objects.all().delete()  # as before the discussion existed: the comment only on the review

        migration.return_comments_copy(old, None)

        copied = OldMessage.objects.get(case_file_id=case_file.pk)
        assert (copied.kind, copied.body, copied.review_kind, copied.created_at) == (
            MessageKind.RETURN_FOR_CHANGE,
            "Add notes.",
            ReviewKind.FIRST,
            returned_at,
        )
        migration.return_comments_remove(old, None)
        assert not OldMessage.objects.exists()
        assert old.get_model("reviews", "Review").objects.get(pk=review.pk).return_comment == "Add notes."
    finally:
        call_command("migrate", verbosity=0)
