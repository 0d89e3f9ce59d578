"""Sign-off and publication: the lead submits the finished report to the inspection's HM Inspector, who
signs it off or returns it with comments; the lead publishes what was signed off, dated by the day it
is published; a correction after publication reopens the inspection and is republished as a new version.

Every change locks the inspection row first (``select_for_update``), so two people acting at once are
served one after the other, and each re-reads the state it acts on: a form loaded before someone else's
change (a stale digest, a sign-off already decided or used) is refused with a message.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from authoring.report import sections_freeze
from peel.models import Inspection
from peel.services.approval import lead_ensure
from peel.services.inspections import inspection_publish, inspection_reopen_for_correction
from publication.models import Correction, Publication, SignOff, SignOffState
from publication.selectors import (
    latest_sign_off_for,
    open_correction_for,
    prepublication_checklist,
    report_content_digest,
)
from publication.services.notices import sign_off_decided_notify, sign_off_wanted_notify
from publication.services.pdf import publication_pdf_queue, published_document_html

CHANGED = (
    "The report has changed since you opened this page, so nothing was done. Read the current report "
    "and try again."
)


def _locked(inspection: Inspection) -> Inspection:
    # Only the inspection's row is locked: PostgreSQL cannot lock the nullable side of the joins.
    return (
        Inspection.objects.select_for_update(of=("self",))
        .select_related("force", "programme", "lead", "hmi")
        .get(pk=inspection.pk)
    )


def _unchanged_ensure(*, inspection: Inspection, digest: str) -> str:
    current = report_content_digest(inspection=inspection)
    if digest != current:
        raise ValidationError(CHANGED, code="stale")
    return current


def sign_off_submit(*, inspection: Inspection, user, digest: str) -> SignOff:
    """The lead sends the report to the HM Inspector: refused while anything on the checklist waits."""
    with transaction.atomic():
        locked = _locked(inspection)
        lead_ensure(inspection=locked, user=user)
        if locked.is_published:
            raise ValidationError("This inspection is published; reopen it for a correction first.")
        current = _unchanged_ensure(inspection=locked, digest=digest)
        checklist = prepublication_checklist(inspection=locked)
        if not checklist.is_clear:
            waiting = len(checklist.waiting)
            raise ValidationError(
                " ".join(checklist.problems)
                + (
                    f" {waiting} item{'s' if waiting != 1 else ''} still wait for a decision."
                    if waiting
                    else ""
                )
            )
        latest = latest_sign_off_for(inspection=locked)
        if latest is not None and latest.state == SignOffState.WAITING:
            raise ValidationError("The report is already with the HM Inspector, waiting for their sign-off.")
        if (
            latest is not None
            and latest.state == SignOffState.SIGNED_OFF
            and latest.matches(current)
            and not Publication.objects.filter(sign_off=latest).exists()
        ):
            raise ValidationError(
                "The HM Inspector has already signed off this content: it can be published."
            )
        sign_off = SignOff.objects.create(inspection=locked, content_digest=current, submitted_by=user)
        sign_off_wanted_notify(sign_off=sign_off)
        return sign_off


def _waiting_sign_off(*, inspection: Inspection, user, sign_off_id: int, digest: str) -> SignOff:
    if not inspection.is_hmi(user):
        raise PermissionDenied("Only the inspection's HM Inspector can sign its report off.")
    sign_off = SignOff.objects.select_for_update().filter(pk=sign_off_id, inspection=inspection).first()
    if sign_off is None or sign_off.state != SignOffState.WAITING:
        raise ValidationError("This submission has already been decided; nothing was done.", code="stale")
    current = _unchanged_ensure(inspection=inspection, digest=digest)
    if not sign_off.matches(current):
        raise ValidationError(
            "The report has changed since the lead submitted it, so it cannot be signed off. Return it "
            "with a comment, and the lead will submit it again.",
            code="stale",
        )
    return sign_off


def sign_off_approve(*, inspection: Inspection, user, sign_off_id: int, digest: str) -> SignOff:
    """The HM Inspector signs off the content they read (``digest``, the one the lead submitted)."""
    with transaction.atomic():
        locked = _locked(inspection)
        sign_off = _waiting_sign_off(inspection=locked, user=user, sign_off_id=sign_off_id, digest=digest)
        sign_off.state, sign_off.decided_by, sign_off.decided_at = (
            SignOffState.SIGNED_OFF,
            user,
            timezone.now(),
        )
        sign_off.save(update_fields=["state", "decided_by", "decided_at"])
        sign_off_decided_notify(sign_off=sign_off)
    return sign_off


def sign_off_return(*, inspection: Inspection, user, sign_off_id: int, digest: str, comments: str) -> SignOff:
    """The HM Inspector returns the report to the lead with their comments."""
    comments = comments.strip()
    if not comments:
        raise ValidationError("Say what should change: the lead reads your comments on the report page.")
    with transaction.atomic():
        locked = _locked(inspection)
        if not locked.is_hmi(user):
            raise PermissionDenied("Only the inspection's HM Inspector can return its report.")
        sign_off = SignOff.objects.select_for_update().filter(pk=sign_off_id, inspection=locked).first()
        if sign_off is None or sign_off.state != SignOffState.WAITING:
            raise ValidationError("This submission has already been decided; nothing was done.", code="stale")
        # Returning needs no digest match: a report that changed after submission is returned all the same.
        sign_off.state, sign_off.decided_by, sign_off.decided_at = SignOffState.RETURNED, user, timezone.now()
        sign_off.comments = comments
        sign_off.save(update_fields=["state", "decided_by", "decided_at", "comments"])
        sign_off_decided_notify(sign_off=sign_off)
    return sign_off


def _publication_datetime(published_on: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(published_on, datetime.time(9, 0)))


def publication_publish(
    *, inspection: Inspection, user, published_on: datetime.date, sign_off_id: int, digest: str
) -> Publication:
    """Publish the signed-off report (or republish it after a correction), dated ``published_on``.

    The inspection is frozen (the ``published`` stage), the published document is rendered and stored,
    and its PDF is queued to render once; that stored PDF is what is served from then on.
    """
    with transaction.atomic():
        locked = _locked(inspection)
        lead_ensure(inspection=locked, user=user)
        if locked.is_published:
            raise ValidationError("This inspection is already published.", code="stale")
        current = _unchanged_ensure(inspection=locked, digest=digest)
        sign_off = SignOff.objects.select_for_update().filter(pk=sign_off_id, inspection=locked).first()
        if (
            sign_off is None
            or sign_off.state != SignOffState.SIGNED_OFF
            or Publication.objects.filter(sign_off=sign_off).exists()
        ):
            raise ValidationError("The report needs the HM Inspector's sign-off before it is published.")
        if not sign_off.matches(current):
            raise ValidationError(
                "The report has changed since the HM Inspector signed it off: submit it for a new sign-off."
            )
        previous = Publication.objects.filter(inspection=locked).order_by("-version").first()
        if previous is not None and published_on < previous.published_on:
            raise ValidationError(
                f"Version {previous.version} was published on {previous.published_on:%d %B %Y}; a "
                "correction cannot be published before it."
            )
        correction = open_correction_for(inspection=locked)
        locked = inspection_publish(
            inspection=locked, user=user, published_at=_publication_datetime(published_on)
        )
        sections_freeze(inspection=locked)  # the published report keeps what its sections show now
        publication = Publication.objects.create(
            inspection=locked,
            version=previous.version + 1 if previous else 1,
            published_on=published_on,
            published_by=user,
            sign_off=sign_off,
            content_digest=current,
            correction_notice=correction.notice if correction else "",
            document_html="",
        )
        if correction is not None:
            correction.published_in = publication
            correction.save(update_fields=["published_in"])
        publication.document_html = published_document_html(inspection=locked)
        publication.save(update_fields=["document_html"])
        publication_pdf_queue(publication=publication)
    return publication


def correction_open(*, inspection: Inspection, user, notice: str) -> Correction:
    """Reopen a published inspection to correct it; ``notice`` is printed in the republished report.
    Every published version stays as it is; the correction becomes the next version."""
    notice = notice.strip()
    if not notice:
        raise ValidationError("Write the correction notice: the republished report prints it.")
    with transaction.atomic():
        locked = _locked(inspection)
        lead_ensure(inspection=locked, user=user)
        if not locked.is_published:
            raise ValidationError(
                "The inspection is not published, so there is nothing to correct.", code="stale"
            )
        inspection_reopen_for_correction(inspection=locked, user=user)
        return Correction.objects.create(inspection=locked, notice=notice, opened_by=user)
