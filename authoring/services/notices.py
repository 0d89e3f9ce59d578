"""Who is told what about writing the report: a section ready for the lead, or returned to its author."""

from django.urls import reverse

from authoring.models import ReportSection
from notifications.models import NotificationKind
from notifications.services import notification_send


def _section_url(section: ReportSection) -> str:
    return reverse("authoring:section", kwargs={"pk": section.inspection_id, "section_id": section.pk})


def section_ready_notify(*, section: ReportSection, user) -> None:
    """The lead hears that a section waits for their approval (not when they marked it ready themselves)."""
    lead = section.inspection.lead
    if lead is None or lead.pk == user.pk:
        return
    notification_send(
        recipient=lead,
        kind=NotificationKind.APPROVAL_WANTED,
        subject=f"Ready for your approval: {section.title}",
        body=f"{user.get_full_name() or user.username} marked the section “{section.title}” of "
        f"{section.inspection} ready for review.",
        url=_section_url(section),
        key=f"section-ready:{section.pk}:{section.edit_version}",
    )


def section_returned_notify(*, section: ReportSection, user, comment: str) -> None:
    """The section's author hears that the lead returned it, and why."""
    author = section.author
    if author is None or author.pk == user.pk:
        return
    notification_send(
        recipient=author,
        kind=NotificationKind.REVIEW_RETURNED,
        subject=f"Returned to you: {section.title}",
        body=f"The lead returned the section “{section.title}” of {section.inspection}: {comment}",
        url=_section_url(section),
        key=f"section-returned:{section.pk}:{section.edit_version}",
    )
