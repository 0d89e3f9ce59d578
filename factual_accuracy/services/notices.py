"""Who is told what about the factual accuracy check: the lead, of each comment the force makes."""

from django.urls import reverse

from factual_accuracy.models import AccuracyComment
from notifications.models import NotificationKind
from notifications.services import notification_send


def accuracy_comment_notify(*, comment: AccuracyComment) -> None:
    inspection = comment.accuracy_check.inspection
    if inspection.lead is None:
        return
    notification_send(
        recipient=inspection.lead,
        kind=NotificationKind.FA_COMMENT,
        subject=f"Factual accuracy comment on “{comment.section_title}”: {inspection.force.name}",
        body=f"The force commented on “{comment.section_title}”: {comment.text}",
        url=reverse("factual_accuracy:inspection_check", kwargs={"pk": inspection.pk}),
        key=f"fa-comment:{comment.pk}",
    )
