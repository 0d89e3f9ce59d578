"""What the PDF of a file's review shows a person (what the file's page shows them: the lead every review,
the adjudication and every thread; a reviewer their own review and thread), and the key it is kept under.
"""

import hashlib
from dataclasses import dataclass, field
from itertools import groupby

from django.db.models import Count, Max

from peel.models import Criterion, Inspection
from review_pdf.models import ReviewPdf
from reviews.models import (
    AdjudicatedAnswer,
    AdjudicatedDecision,
    Answer,
    CaseFile,
    Message,
    Review,
    ReviewKind,
)
from reviews.selectors import messages_for_case_file, reviews_visible_to, with_return_comment
from reviews.services.discussion import may_discuss, thread_kinds


@dataclass(frozen=True)
class PrintedSection:
    """One section of the review form, with each criterion and the answer given to it (None: unanswered)."""

    name: str
    rows: list[tuple[Criterion, Answer | AdjudicatedAnswer | None]]


@dataclass
class PrintedReview:
    review: Review
    sections: list[PrintedSection] = field(default_factory=list)


@dataclass(frozen=True)
class PrintedThread:
    kind: ReviewKind
    messages: list[Message]


@dataclass(frozen=True)
class FileReviewContent:
    inspection: Inspection
    case_file: CaseFile
    audit_question: str | None
    reviews: list[PrintedReview]
    adjudication: list[PrintedSection]
    adjudicated_decision: AdjudicatedDecision | None
    threads: list[PrintedThread]

    @property
    def reviewers(self) -> list:
        return [printed.review.reviewer for printed in self.reviews]


def review_pdf_scope(*, inspection: Inspection, user) -> str:
    """Whose view of a file a PDF shows: the lead's, or one reviewer's own."""
    return "lead" if inspection.is_lead(user) else f"reviewer-{user.pk}"


def _visible(*, inspection: Inspection, case_file: CaseFile, user):
    return reviews_visible_to(inspection=inspection, user=user).filter(case_file=case_file).order_by("kind")


def _thread_kinds(*, inspection: Inspection, case_file: CaseFile, user) -> list[str]:
    return [
        kind
        for kind in thread_kinds(case_file)
        if may_discuss(inspection=inspection, case_file=case_file, user=user, review_kind=kind)
    ]


def review_pdf_key(*, inspection: Inspection, case_file: CaseFile, user) -> str | None:
    """The SHA-256 of the user's scope and the versions of everything their PDF of the file shows (three
    queries for the lead, two for a reviewer); None when they have no review of the file to read."""
    reviews = list(
        _visible(inspection=inspection, case_file=case_file, user=user).values_list(
            "kind", "version", "status", "reviewer_id"
        )
    )
    if not reviews:
        return None
    parts = [review_pdf_scope(inspection=inspection, user=user), f"file {case_file.status}"]
    parts += [f"{kind} v{version} {status} by {reviewer}" for kind, version, status, reviewer in reviews]
    if inspection.is_lead(user) and case_file.double_review:
        # The adjudication moves no version: its rows' count and latest decision stand for it.
        answers = AdjudicatedAnswer.objects.filter(case_file=case_file).aggregate(
            count=Count("pk"), last=Max("decided_at")
        )
        decision = AdjudicatedDecision.objects.filter(case_file=case_file).values_list(
            "decided_at", flat=True
        )
        parts.append(f"adjudicated {answers['count']} to {answers['last']}; decision {list(decision)}")
    kinds = _thread_kinds(inspection=inspection, case_file=case_file, user=user)
    messages = Message.objects.filter(case_file=case_file, review_kind__in=kinds).aggregate(
        count=Count("pk"), last=Max("pk")
    )
    parts.append(f"messages {kinds} {messages['count']} to {messages['last']}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def current_review_pdf(*, case_file: CaseFile, content_key: str | None) -> ReviewPdf | None:
    """The PDF kept under the key (its document and PDF left unread), if one was asked for."""
    if content_key is None:
        return None
    return (
        ReviewPdf.objects.filter(case_file=case_file, content_key=content_key)
        .defer("pdf", "document_html")
        .first()
    )


def stale_review_pdf_exists(*, case_file: CaseFile, scope: str, content_key: str | None) -> bool:
    return (
        ReviewPdf.objects.filter(case_file=case_file, scope=scope).exclude(content_key=content_key).exists()
    )


def _sections(criteria: list[Criterion], by_criterion: dict) -> list[PrintedSection]:
    return [
        PrintedSection(name, [(criterion, by_criterion.get(criterion.pk)) for criterion in rows])
        for name, rows in groupby(criteria, key=lambda criterion: criterion.section)
    ]


def file_review_content(*, inspection: Inspection, case_file: CaseFile, user) -> FileReviewContent:
    """What the user's PDF of the file shows (``case_file`` as ``reviews.views.common.case_file_of``
    loads it, with its reviewers and ``audit_question``)."""
    audit_question = case_file.audit_question
    criteria = [] if audit_question else list(Criterion.objects.filter(programme_id=inspection.programme_id))
    reviews = list(
        with_return_comment(_visible(inspection=inspection, case_file=case_file, user=user))
        .select_related("reviewer", "moderated_by", "updated_by")
        .prefetch_related("answers")
    )
    printed = [
        PrintedReview(
            review, _sections(criteria, {answer.criterion_id: answer for answer in review.answers.all()})
        )
        for review in reviews
    ]
    adjudication, decision = [], None
    if inspection.is_lead(user) and case_file.double_review:
        adjudicated = AdjudicatedAnswer.objects.filter(case_file=case_file).select_related("decided_by")
        if audit_question:
            decision = (
                AdjudicatedDecision.objects.filter(case_file=case_file).select_related("decided_by").first()
            )
        elif adjudicated:
            by_criterion = {answer.criterion_id: answer for answer in adjudicated}
            adjudication = _sections([c for c in criteria if c.pk in by_criterion], by_criterion)
    kinds = _thread_kinds(inspection=inspection, case_file=case_file, user=user)
    found = list(messages_for_case_file(case_file=case_file, review_kinds=kinds))
    threads = [
        PrintedThread(ReviewKind(kind), [message for message in found if message.review_kind == kind])
        for kind in kinds
    ]
    return FileReviewContent(
        inspection=inspection,
        case_file=case_file,
        audit_question=audit_question,
        reviews=printed,
        adjudication=adjudication,
        adjudicated_decision=decision,
        threads=[thread for thread in threads if thread.messages],
    )
