"""Who is told what about sign-off: the HM Inspector, that a report waits; the lead, of the decision."""

from django.urls import reverse

from notifications.models import NotificationKind
from notifications.services import notification_send
from publication.models import SignOff, SignOffState


def _report_url(sign_off: SignOff) -> str:
    return reverse("publication:report", kwargs={"pk": sign_off.inspection_id})


def sign_off_wanted_notify(*, sign_off: SignOff) -> None:
    hmi = sign_off.inspection.hmi
    if hmi is None:
        return
    notification_send(
        recipient=hmi,
        kind=NotificationKind.SIGNOFF_WANTED,
        subject=f"Waiting for your sign-off: {sign_off.inspection}",
        body=f"The lead sent the report on {sign_off.inspection} to you for sign-off.",
        url=_report_url(sign_off),
        key=f"signoff-wanted:{sign_off.pk}",
    )


def sign_off_decided_notify(*, sign_off: SignOff) -> None:
    """The lead who submitted hears that the HM Inspector signed the report off, or returned it."""
    if sign_off.state == SignOffState.SIGNED_OFF:
        kind, subject, body = (
            NotificationKind.SIGNED_OFF,
            f"Signed off: {sign_off.inspection}",
            "The HM Inspector signed the report off: it can be published.",
        )
    else:
        kind, subject, body = (
            NotificationKind.REVIEW_RETURNED,
            f"Report returned: {sign_off.inspection}",
            f"The HM Inspector returned the report with comments: {sign_off.comments}",
        )
    notification_send(
        recipient=sign_off.submitted_by,
        kind=kind,
        subject=subject,
        body=body,
        url=_report_url(sign_off),
        key=f"signoff-decided:{sign_off.pk}",
    )
