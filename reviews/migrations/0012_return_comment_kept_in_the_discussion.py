"""The return-for-change comment is kept once, as the lead's *Returned for change* message of the review's
thread, no longer also on the review (the two copies could disagree).

Forwards, a comment on a review that its thread does not hold (0011 copied the earlier ones, and returns
since post both, so normally none) becomes a message at the time of the return, before the field goes.
Backwards, the field comes back holding the latest *Returned for change* message of each review's thread,
as it did."""

from django.db import migrations

RETURN_FOR_CHANGE = "return_for_change"
MESSAGE_LIMIT = 4000


def return_comments_to_messages(apps, schema_editor):
    Review = apps.get_model("reviews", "Review")
    Message = apps.get_model("reviews", "Message")
    held = set(
        Message.objects.filter(kind=RETURN_FOR_CHANGE).values_list("case_file_id", "review_kind", "body")
    )
    missing = []
    for review in Review.objects.exclude(return_comment="").order_by("pk").iterator(chunk_size=500):
        body = review.return_comment.strip()[:MESSAGE_LIMIT]
        if body and (review.case_file_id, review.kind, body) not in held:
            missing.append(
                Message(
                    case_file_id=review.case_file_id,
                    review_kind=review.kind,
                    author_id=review.moderated_by_id,
                    body=body,
                    kind=RETURN_FOR_CHANGE,
                    created_at=review.returned_at or review.updated_at,
                )
            )
    Message.objects.bulk_create(missing, batch_size=500)


def return_comments_from_messages(apps, schema_editor):
    Review = apps.get_model("reviews", "Review")
    Message = apps.get_model("reviews", "Message")
    latest = {}
    for case_file_id, review_kind, body in (
        Message.objects.filter(kind=RETURN_FOR_CHANGE)
        .order_by("created_at", "pk")
        .values_list("case_file_id", "review_kind", "body")
        .iterator(chunk_size=500)
    ):
        latest[case_file_id, review_kind] = body  # oldest first: the last one seen is the latest
    returned = []
    for review in Review.objects.only("pk", "case_file_id", "kind").iterator(chunk_size=500):
        if (review.case_file_id, review.kind) in latest:
            review.return_comment = latest[review.case_file_id, review.kind]
            returned.append(review)
    Review.objects.bulk_update(returned, ["return_comment"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("reviews", "0011_discussion_copy_return_comments")]

    operations = [
        migrations.RunPython(return_comments_to_messages, return_comments_from_messages),
        migrations.RemoveField(model_name="review", name="return_comment"),
    ]
