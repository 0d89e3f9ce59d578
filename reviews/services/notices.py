"""Who is told what about the case-file review: files allocated or reassigned to them."""

import hashlib

from django.urls import reverse

from notifications.models import NotificationKind
from notifications.services import notification_send
from peel.models import Inspection
from reviews.models import CaseFile, ReviewKind


def files_allocated_notify(*, inspection: Inspection, given: dict[int, list[int]], reviewers: list) -> None:
    """Tell each reviewer how many files this allocation gave them (``given``: file ids by reviewer id).

    Keyed by the files given, so the same allocation is never announced twice, and a later one is."""
    url = reverse("reviews:my_files", kwargs={"pk": inspection.pk})
    for reviewer in reviewers:
        file_ids = sorted(given.get(reviewer.pk, []))
        if not file_ids:
            continue
        count = len(file_ids)
        digest = hashlib.sha256(",".join(map(str, file_ids)).encode()).hexdigest()[:24]
        notification_send(
            recipient=reviewer,
            kind=NotificationKind.FILES_ALLOCATED,
            subject=f"{count} case file{'s' if count != 1 else ''} to review: {inspection.force.name}",
            body=f"You were given {count} case file{'s' if count != 1 else ''} of {inspection} to review.",
            url=url,
            key=f"files-allocated:{inspection.pk}:{reviewer.pk}:{digest}",
        )


def file_reassigned_notify(*, case_file: CaseFile, kind: str, reviewer) -> None:
    reference = case_file.crime_reference
    notification_send(
        recipient=reviewer,
        kind=NotificationKind.FILES_ALLOCATED,
        subject=f"Case file {reference} is now yours to review",
        body=f"The {ReviewKind(kind).label.lower()} of case file {reference} ({case_file.inspection}) "
        "was given to you.",
        url=reverse("reviews:file_detail", kwargs={"pk": case_file.inspection_id, "file_id": case_file.pk}),
        key=f"file-reassigned:{case_file.pk}:{kind}:{reviewer.pk}",
    )
