"""Writes of the report's sections: creating them, assigning authors, saving bodies (each save a new
version), moving them through not started → in progress → ready for review → approved, and comments.

Every function is keyword-only; each locks the section's row (``select_for_update``) and re-reads what it
acts on inside the transaction, so two people acting at once are served one after the other and a save
on a stale copy is refused (``version``, as ``peel.services.approval.version_ensure``). The demo loader
calls these too: ``sections_ensure`` then ``section_body_save(..., version=None)``.
"""

from collections.abc import Mapping

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from authoring.models import (
    FixedSection,
    ReportSection,
    SectionComment,
    SectionRevision,
    SectionStatus,
    question_key,
)
from authoring.services.notices import section_ready_notify, section_returned_notify
from peel.markup import markup_problems
from peel.models import Inspection
from peel.selectors.frameworks import framework_tree
from peel.services.approval import inspection_writable_ensure, lead_ensure, version_ensure


def _planned_sections(inspection: Inspection) -> list[tuple[str, str, object]]:
    """(key, title, question) of every section, in report order."""
    area = inspection.force.short_name
    planned = [(FixedSection.INTRODUCTION.value, FixedSection.INTRODUCTION.label, None)]
    tree = framework_tree(programme=inspection.programme)
    if tree is not None:
        overall = tree.question
        planned.append((question_key(overall.code), f"Overview – {overall.text_for(area)}", overall))
        for core in tree.children:
            planned.append((question_key(core.question.code), core.question.text_for(area), core.question))
            planned += [
                (question_key(sub.question.code), sub.question.text_for(area), sub.question)
                for sub in core.children
            ]
    planned.append((FixedSection.NEXT_STEPS.value, FixedSection.NEXT_STEPS.label, None))
    planned.append((FixedSection.ANNEX_A.value, FixedSection.ANNEX_A.label, None))
    return planned


def sections_ensure(*, inspection: Inspection) -> list[ReportSection]:
    """Create the sections the inspection lacks — one per question of its programme (overall, core,
    sub-question) and the introduction, Next steps and Annex A additions — and return all of them in
    report order. Safe to call again: existing sections are left as they are."""
    planned = _planned_sections(inspection)
    ReportSection.objects.bulk_create(
        [
            ReportSection(
                inspection=inspection,
                key=key,
                title=title[:300],
                question=question,
                order=order,
            )
            for order, (key, title, question) in enumerate(planned)
        ],
        ignore_conflicts=True,
    )
    return list(ReportSection.objects.filter(inspection=inspection).select_related("question", "author"))


def _locked(section: ReportSection) -> ReportSection:
    return (
        ReportSection.objects.select_for_update(of=("self",))
        .select_related("inspection", "inspection__lead")
        .get(pk=section.pk)
    )


def _writer_ensure(section: ReportSection, user) -> None:
    if not section.can_write(user):
        raise PermissionDenied("Only the section's author and the inspection's lead can write it.")


def _body_problems_ensure(body: str) -> None:
    problems = markup_problems(body)
    if problems:
        raise ValidationError(problems)


def section_body_save(*, section: ReportSection, body: str, version: str | None, user) -> ReportSection:
    """Save the section's text as a new version (``SectionRevision``); a body unchanged writes nothing.

    ``version`` is the ``edit_version`` the editor's form was loaded with (None from a script): if
    someone saved since, the save is refused so their text is not overwritten. An approved section is
    read-only until the lead reopens it. A first save moves "not yet started" to "in progress"."""
    body = body.replace("\r\n", "\n").strip()
    _body_problems_ensure(body)
    with transaction.atomic():
        locked = _locked(section)
        inspection_writable_ensure(locked.inspection)
        _writer_ensure(locked, user)
        if locked.is_approved:
            raise ValidationError("This section is approved, so it is read-only. The lead can reopen it.")
        version_ensure(current=locked, version=version)
        if locked.body == body:
            return locked
        locked.body = body
        if locked.status == SectionStatus.NOT_STARTED:
            locked.status = SectionStatus.IN_PROGRESS
        locked.save(update_fields=["body", "status", "updated_at"])
        last = locked.revisions.aggregate(last=Max("number"))["last"] or 0
        SectionRevision.objects.create(section=locked, number=last + 1, body=body, saved_by=user)
    return locked


def section_authors_assign(*, inspection: Inspection, authors: Mapping[int, object], user) -> int:
    """The lead assigns authors to many sections at once: ``authors`` maps a section's id to a user on
    the inspection's team or its lead (None: no author). Returns how many sections changed."""
    with transaction.atomic():
        locked = Inspection.objects.select_for_update(of=("self",)).get(pk=inspection.pk)
        inspection_writable_ensure(locked)
        lead_ensure(inspection=locked, user=user)
        allowed = {member.pk for member in locked.team.all()} | {locked.lead_id}
        outsiders = [a for a in authors.values() if a is not None and a.pk not in allowed]
        if outsiders:
            names = ", ".join(sorted({a.get_full_name() or a.username for a in outsiders}))
            raise ValidationError(f"Only the inspection's team can write sections: {names} is not on it.")
        changed = 0
        for section in ReportSection.objects.select_for_update().filter(inspection=locked, pk__in=authors):
            author = authors[section.pk]
            author_id = author.pk if author is not None else None
            if section.author_id != author_id:
                section.author_id = author_id
                section.save(update_fields=["author", "updated_at"])
                changed += 1
    return changed


def section_author_assign(*, section: ReportSection, author, user) -> ReportSection:
    """One section's author (see ``section_authors_assign``)."""
    section_authors_assign(inspection=section.inspection, authors={section.pk: author}, user=user)
    section.refresh_from_db()
    return section


def section_status_set(*, section: ReportSection, status: str, user, comment: str = "") -> ReportSection:
    """Move a section along: the author (or lead) marks a written section ready for review; the lead
    approves it (it becomes read-only), returns it to the author with a comment (back to in progress),
    or reopens an approved one. Anything else is refused with a message saying why."""
    comment = comment.strip()
    with transaction.atomic():
        locked = _locked(section)
        inspection = locked.inspection
        inspection_writable_ensure(inspection)
        current = locked.status
        if status == SectionStatus.READY_FOR_REVIEW:
            _writer_ensure(locked, user)
            if current not in (SectionStatus.NOT_STARTED, SectionStatus.IN_PROGRESS):
                raise ValidationError(f"This section is already {locked.get_status_display().lower()}.")
            if not locked.body:
                raise ValidationError("Write the section before marking it ready for review.")
        elif status == SectionStatus.APPROVED:
            lead_ensure(inspection=inspection, user=user)
            if current == SectionStatus.APPROVED:
                raise ValidationError("This section is already approved.")
        elif status == SectionStatus.IN_PROGRESS:
            lead_ensure(inspection=inspection, user=user)
            if current == SectionStatus.READY_FOR_REVIEW and not comment:
                raise ValidationError("Say what should change: the author reads your comment on the section.")
            if current not in (SectionStatus.READY_FOR_REVIEW, SectionStatus.APPROVED):
                raise ValidationError(
                    f"This section is {locked.get_status_display().lower()}: there is nothing to return."
                )
        else:
            raise ValidationError(f"A section cannot be set to {status!r}.")
        locked.status = status
        locked.save(update_fields=["status", "updated_at"])
        if comment:
            SectionComment.objects.create(section=locked, author=user, body=comment)
        if status == SectionStatus.READY_FOR_REVIEW:
            section_ready_notify(section=locked, user=user)
        elif status == SectionStatus.IN_PROGRESS and current == SectionStatus.READY_FOR_REVIEW:
            section_returned_notify(section=locked, user=user, comment=comment)
    return locked


def section_comment_add(*, section: ReportSection, user, body: str, quoted: str = "") -> SectionComment:
    """A comment on the section by anyone on the team or its lead."""
    body, quoted = body.strip(), " ".join(quoted.split())
    if not body:
        raise ValidationError("Write the comment.")
    inspection = section.inspection
    inspection_writable_ensure(inspection)
    if not inspection.can_contribute(user):
        raise PermissionDenied("Only the inspection's team and its lead can comment.")
    return SectionComment.objects.create(section=section, author=user, body=body, quoted=quoted)


def section_comment_resolve(*, comment: SectionComment, user) -> SectionComment:
    """Mark a comment dealt with: its author, the section's author or the lead."""
    with transaction.atomic():
        locked = (
            SectionComment.objects.select_for_update(of=("self",))
            .select_related("section__inspection")
            .get(pk=comment.pk)
        )
        section = locked.section
        inspection_writable_ensure(section.inspection)
        if not (locked.author_id == user.pk or section.can_write(user)):
            raise PermissionDenied(
                "Only the comment's author, the section's author or the lead can resolve it."
            )
        if locked.is_resolved:
            return locked
        locked.resolved_at, locked.resolved_by = timezone.now(), user
        locked.save(update_fields=["resolved_at", "resolved_by"])
    return locked
