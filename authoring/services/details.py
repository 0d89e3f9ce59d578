"""Writes of the report's title-page details and of the programme's own report texts."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from authoring.models import FixedSection, ProgrammeReportText, ReportDetails
from peel.markup import markup_problems
from peel.models import Inspection, Programme
from peel.services.approval import changes_apply, inspection_writable_ensure, lead_ensure, version_ensure


def report_details_save(
    *,
    inspection: Inspection,
    user,
    version: str | None,
    publication_date: datetime.date | None,
    copyright_line: str,
    isbn: str,
    web_address: str,
) -> ReportDetails:
    """The lead sets the title page's publication date, copyright line, ISBN and web address. ``version``
    is the details' ``edit_version`` the form was loaded with ("" before any were saved)."""
    with transaction.atomic():
        locked = (
            Inspection.objects.select_for_update(of=("self",)).select_related("lead").get(pk=inspection.pk)
        )
        inspection_writable_ensure(locked)
        lead_ensure(inspection=locked, user=user)
        details = ReportDetails.objects.select_for_update().filter(inspection=locked).first()
        details = details or ReportDetails(inspection=locked)  # not saved yet: its version is ""
        version_ensure(current=details, version=version)
        changes = {
            "publication_date": publication_date,
            "copyright_line": copyright_line.strip(),
            "isbn": isbn.strip(),
            "web_address": web_address.strip(),
        }
        if changes_apply(details, changes):  # nothing typed into a new one saves nothing
            details.save()
    return details


def programme_text_save(*, programme: Programme, key: str, body: str, title: str = "") -> ProgrammeReportText:
    """The programme's own introduction, Next steps or Annex A text (for an admin's script or the demo
    loader): every inspection of the programme shows it, followed by its own section of the same key."""
    if key not in FixedSection.values:
        raise ValidationError(
            f"{key!r} is not a programme text; use one of {', '.join(FixedSection.values)}."
        )
    body = body.replace("\r\n", "\n").strip()
    problems = markup_problems(body)
    if problems:
        raise ValidationError(problems)
    text, _ = ProgrammeReportText.objects.update_or_create(
        programme=programme,
        key=key,
        defaults={"title": title or FixedSection(key).label, "body": body},
    )
    return text
