"""Copy each review's return-for-change comment into its file's discussion, as the lead's message of
its review's thread at the time of the return; backwards, remove those messages (the comment itself
stays on the review, which keeps the latest)."""

from django.db import migrations

RETURN_FOR_CHANGE = "return_for_change"
MESSAGE_LIMIT = 4000


def return_comments_copy(apps, schema_editor):
    Review = apps.get_model("reviews", "Review")
    Message = apps.get_model("reviews", "Message")
    returned = Review.objects.exclude(return_comment="").order_by("pk")
    Message.objects.bulk_create(
        [
            Message(
                case_file_id=review.case_file_id,
                review_kind=review.kind,
                author_id=review.moderated_by_id,
                body=review.return_comment.strip()[:MESSAGE_LIMIT] or "(returned without a comment)",
                kind=RETURN_FOR_CHANGE,
                created_at=review.returned_at or review.updated_at,
            )
            for review in returned.iterator(chunk_size=500)
        ],
        batch_size=500,
    )


def return_comments_remove(apps, schema_editor):
    apps.get_model("reviews", "Message").objects.filter(kind=RETURN_FOR_CHANGE).delete()


class Migration(migrations.Migration):
    dependencies = [("reviews", "0010_discussion_messages")]

    operations = [migrations.RunPython(return_comments_copy, return_comments_remove)]
