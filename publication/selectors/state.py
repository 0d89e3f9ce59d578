"""The digest of the report's content, and where the inspection stands on its way to (re)publication:
its sign-off, published versions, open correction and the draft's PDF."""

import hashlib
import json
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from authoring.models import ReportDetails, ReportSection
from authoring.report import authored_report_content
from peel.models import (
    AreaForImprovement,
    CauseOfConcern,
    FindingSummary,
    Inspection,
    Judgment,
    PreviousFindingAssessment,
    Recommendation,
)
from publication.models import Correction, DraftPdf, Publication, SignOff, SignOffState
from reports.models import CompileRun, CompileStatus
from reports.services.report_rendering import report_document_html
from reports.wording import date_in_words


def report_content_digest(*, inspection: Inspection) -> str:
    """The SHA-256 of a canonical serialisation of everything the published report is made of: the
    inspection's facts, every judgment, summary, AFI, cause of concern, recommendation and assessment of
    the previous findings (with its approval state), every written section (with its status) and the
    title page's details, the compile's results (by their digest) and an open
    correction notice. Any change to what the report says changes the digest."""
    return _content_digest(inspection, open_correction_for(inspection=inspection))


def _content_digest(inspection: Inspection, correction: Correction | None) -> str:
    """``report_content_digest``, with the open correction already read."""
    compiled = (
        CompileRun.objects.filter(inspection=inspection, status=CompileStatus.SUCCEEDED)
        .order_by("-finished_at", "-pk")
        .values_list("output_digest", flat=True)
        .first()
    )
    content = {
        "inspection": [
            inspection.force_id,
            inspection.programme_id,
            inspection.previous_id,
            str(inspection.review_window_start),
            str(inspection.review_window_end),
        ],
        "force": [inspection.force.name, inspection.force.population, inspection.force.households],
        "judgments": list(
            Judgment.objects.filter(inspection=inspection)
            .order_by("question_id")
            .values_list("question_id", "grade", "rationale", "state")
        ),
        "summaries": list(
            FindingSummary.objects.filter(inspection=inspection)
            .order_by("question_id")
            .values_list("question_id", "text", "state")
        ),
        "afis": list(
            AreaForImprovement.objects.filter(inspection=inspection)
            .order_by("pk")
            .values_list("pk", "question_id", "text", "order", "state", "rejected")
        ),
        "causes": list(
            CauseOfConcern.objects.filter(inspection=inspection)
            .order_by("pk")
            .values_list("pk", "question_id", "text", "order", "state")
        ),
        "recommendations": [
            [*row[:-1], str(row[-1])]
            for row in Recommendation.objects.filter(
                Q(afi__inspection=inspection) | Q(cause_of_concern__inspection=inspection)
            )
            .order_by("pk")
            .values_list("pk", "afi_id", "cause_of_concern_id", "text", "order", "due_date")
        ],
        "previous_assessments": list(
            PreviousFindingAssessment.objects.filter(inspection=inspection)
            .order_by("pk")
            .values_list("afi_id", "cause_of_concern_id", "progress", "note")
        ),
        "sections": list(
            ReportSection.objects.filter(inspection=inspection)
            .order_by("key")
            .values_list("key", "title", "body", "status")
        ),
        "details": [
            [str(d[0]), *d[1:]]
            for d in ReportDetails.objects.filter(inspection=inspection).values_list(
                "publication_date", "copyright_line", "isbn", "web_address"
            )
        ],
        "compiled": compiled or "",
        "correction": correction.notice if correction else "",
    }
    serialised = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(serialised.encode()).hexdigest()


def open_correction_for(*, inspection: Inspection) -> Correction | None:
    return Correction.objects.filter(inspection=inspection, published_in=None).first()


def publications_for(*, inspection: Inspection) -> QuerySet[Publication]:
    """Every published version, newest first, without its PDF bytes (read only to serve them)."""
    return (
        Publication.objects.filter(inspection=inspection)
        .defer("pdf", "document_html")
        .select_related("published_by", "sign_off__decided_by")
    )


def latest_sign_off_for(*, inspection: Inspection) -> SignOff | None:
    return SignOff.objects.filter(inspection=inspection).select_related("submitted_by", "decided_by").first()


def correction_notices_for(*, inspection: Inspection) -> list[tuple[str, str]]:
    """The published corrections as the report prints them: (date, notice), oldest first."""
    return _notices(
        Publication.objects.filter(inspection=inspection).only("version", "published_on", "correction_notice")
    )


def _notices(publications) -> list[tuple[str, str]]:
    return [
        (date_in_words(publication.published_on), publication.correction_notice)
        for publication in sorted(publications, key=lambda publication: publication.version)
        if publication.correction_notice
    ]


@dataclass
class PublicationState:
    """Where the inspection stands on its way to publication, for the report page."""

    digest: str
    sign_off: SignOff | None
    publications: list[Publication]
    correction: Correction | None

    @property
    def is_waiting(self) -> bool:
        return self.sign_off is not None and self.sign_off.state == SignOffState.WAITING

    @property
    def is_returned(self) -> bool:
        return self.sign_off is not None and self.sign_off.state == SignOffState.RETURNED

    @property
    def sign_off_valid(self) -> bool:
        """Signed off, for exactly the content the report has now, and not yet used by a publication."""
        return (
            self.sign_off is not None
            and self.sign_off.state == SignOffState.SIGNED_OFF
            and self.sign_off.matches(self.digest)
            and not self.sign_off_used
        )

    @property
    def sign_off_used(self) -> bool:
        return any(p.sign_off_id == self.sign_off.pk for p in self.publications) if self.sign_off else False

    @property
    def sign_off_stale(self) -> bool:
        """Signed off, but the content changed since: a new sign-off is needed."""
        return (
            self.sign_off is not None
            and self.sign_off.state in (SignOffState.SIGNED_OFF, SignOffState.WAITING)
            and not self.sign_off.matches(self.digest)
            and not self.sign_off_used
        )

    @property
    def latest(self) -> Publication | None:
        return self.publications[0] if self.publications else None

    @property
    def notices(self) -> list[tuple[str, str]]:
        """The published corrections as the report prints them (``correction_notices_for``)."""
        return _notices(self.publications)


def publication_state(*, inspection: Inspection, digest: str | None = None) -> PublicationState:
    """``digest``: the report's ``report_content_digest``, if the caller has it (the report page keeps it
    with the rendered report)."""
    correction = open_correction_for(inspection=inspection)
    return PublicationState(
        digest=digest or _content_digest(inspection, correction),
        sign_off=latest_sign_off_for(inspection=inspection),
        publications=list(publications_for(inspection=inspection)),
        correction=correction,
    )


def draft_document(*, inspection: Inspection) -> tuple[str, str]:
    """The draft report as one HTML document, and its SHA-256 (the key its PDF is kept under)."""
    document = report_document_html(
        inspection=inspection,
        content=authored_report_content(inspection=inspection),
        notices=correction_notices_for(inspection=inspection),
    )
    return document, hashlib.sha256(document.encode()).hexdigest()


def current_draft_pdf(*, inspection: Inspection) -> DraftPdf | None:
    """The stored draft PDF of the report exactly as it is now, if one has been rendered."""
    _, digest = draft_document(inspection=inspection)
    return DraftPdf.objects.filter(inspection=inspection, document_digest=digest).first()
