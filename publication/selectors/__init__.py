"""Reads of the publication app: the pre-publication checklist (``checklist``), the digest of the
report's content and where the inspection stands on its way to (re)publication (``state``)."""

from publication.selectors.checklist import (
    Checklist,
    ChecklistItem,
    content_checklist,
    prepublication_checklist,
)
from publication.selectors.state import (
    PublicationState,
    correction_notices_for,
    current_draft_pdf,
    draft_document,
    latest_sign_off_for,
    open_correction_for,
    publication_state,
    publications_for,
    report_content_digest,
)

__all__ = [
    "Checklist",
    "ChecklistItem",
    "PublicationState",
    "content_checklist",
    "correction_notices_for",
    "current_draft_pdf",
    "draft_document",
    "latest_sign_off_for",
    "open_correction_for",
    "prepublication_checklist",
    "publication_state",
    "publications_for",
    "report_content_digest",
]
