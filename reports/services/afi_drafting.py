"""Draft areas for improvement: one per sub-question, worded by the compile, never forced on the lead.

A sub-question gets one proposal (``question:<code>``) for the matters behind it: the file-review
criteria mapped to it that fall below their thresholds, and the evidence notes under it flagged as
proposed AFIs. A matter the lead already dealt with — a criterion or note linked to an approved AFI or an
approved cause of concern of the inspection — is left out, and a sub-question whose matters are all
covered gets no proposal. Each AFI the compile writes carries its ``source_key`` and ``proposed_text``.
A re-run updates an AFI only while it is still an untouched proposal; one the lead edited, rejected or
approved, or gave recommendations to, is left exactly as it is.
"""

import re
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Exists, OuterRef
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from peel.models import (
    AfiOrigin,
    ApprovalState,
    AreaForImprovement,
    CauseOfConcern,
    Criterion,
    QuestionLevel,
    Recommendation,
    limits,
)
from reports.services.aggregation import FlaggedNote, Framework
from reports.services.grading import CriterionOutcome
from reports.wording import percent

_FIGURE = re.compile(r"\{(met|n|percent|low|high|threshold)\}")

# The compile numbers its proposals after the team's own AFIs under a core question, by sub-question.
PROPOSAL_ORDER_BASE = 100


@dataclass(frozen=True)
class DraftAfi:
    source_key: str
    question_id: int
    origin: str
    text: str
    order: int
    criterion_ids: tuple[int, ...] = ()
    note_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class Coverage:
    """The criteria and notes the inspection's approved AFIs and causes of concern rest on."""

    criterion_ids: frozenset[int]
    note_ids: frozenset[int]


def coverage_read(*, inspection_id: int) -> Coverage:
    """Two queries: the criteria, then the notes, linked to an approved AFI or cause of concern."""

    def linked(afi_links, cause_links, column: str) -> frozenset[int]:
        by_afis = afi_links.objects.filter(
            areaforimprovement__inspection_id=inspection_id,
            areaforimprovement__state=ApprovalState.APPROVED,
        ).values_list(column, flat=True)
        by_causes = cause_links.objects.filter(
            causeofconcern__inspection_id=inspection_id, causeofconcern__state=ApprovalState.APPROVED
        ).values_list(column, flat=True)
        return frozenset(by_afis.union(by_causes))

    return Coverage(
        criterion_ids=linked(
            AreaForImprovement.criteria.through, CauseOfConcern.criteria.through, "criterion_id"
        ),
        note_ids=linked(
            AreaForImprovement.evidence_notes.through,
            CauseOfConcern.evidence_notes.through,
            "evidencenote_id",
        ),
    )


def core_of(framework: Framework, question_id: int) -> int | None:
    """The core question a question belongs to (itself, for a core question); None for the overall."""
    question = framework.questions.get(question_id)
    if question is None or question.level == QuestionLevel.OVERALL:
        return None
    return question.pk if question.level == QuestionLevel.CORE else question.parent_id


def criterion_afi_text(criterion: Criterion, outcome: CriterionOutcome) -> str:
    """The criterion's template with the figures: filled in where it names them ({met}, {n}, {percent},
    {low}, {high}, {threshold}), otherwise as a sentence after it."""
    low, high = outcome.interval or (None, None)
    figures = {
        "met": str(outcome.met),
        "n": str(outcome.n),
        "percent": percent(outcome.proportion),
        "low": percent(low),
        "high": percent(high),
        "threshold": percent(outcome.threshold),
    }
    template = criterion.afi_template.strip() or (
        f"The force should improve its performance against the file-review criterion “{criterion.text}”."
    )
    if _FIGURE.search(template):
        return _FIGURE.sub(lambda match: figures[match.group(1)], template)
    return (
        f"{template} In our file review this was met in {outcome.met} of {outcome.n} files where it applied "
        f"({figures['percent']}; 95% interval {figures['low']} to {figures['high']}), below the threshold of "
        f"{figures['threshold']}."
    )


def evidence_afi_text(*, question_text: str, note_texts: list[str]) -> str:
    findings = " ".join(text.strip() for text in note_texts if text.strip())
    return f"The force should address what we found on the question “{question_text}”: {findings}"


def within_limit(text: str) -> str:
    """An AFI is at most ``limits.STATEMENT`` characters: a longer proposal is cut at a word, with an
    ellipsis, and the lead edits it (its links still name every matter)."""
    if len(text) <= limits.STATEMENT:
        return text
    return text[: limits.STATEMENT - 1].rsplit(" ", 1)[0] + "…"


def question_afi_text(
    *, question_text: str, criteria: list[tuple[Criterion, CriterionOutcome]], note_texts: list[str]
) -> str:
    """Each criterion below its threshold in its own words and figures, then the flagged notes."""
    sentences = [criterion_afi_text(criterion, outcome) for criterion, outcome in criteria]
    if note_texts:
        sentences.append(evidence_afi_text(question_text=question_text, note_texts=note_texts))
    return within_limit(" ".join(sentences))


def _sub_question_of(framework: Framework, question_ids: list[int]) -> int | None:
    """A criterion mapped to several questions is proposed under the first, in framework order."""
    candidates = [pk for pk in question_ids if core_of(framework, pk) is not None]
    if not candidates:
        return None
    return min(candidates, key=lambda pk: (framework.questions[pk].order, framework.questions[pk].code))


def drafts_propose(
    *,
    framework: Framework,
    outcomes: dict[int, CriterionOutcome],
    flagged: list[FlaggedNote],
    coverage: Coverage,
    force_area: str,
) -> dict[str, DraftAfi]:
    """One draft per sub-question with matters not yet covered, keyed ``question:<code>``."""
    criteria_under: dict[int, list[int]] = defaultdict(list)
    in_order = sorted(
        framework.criteria, key=lambda pk: (framework.criteria[pk].order, framework.criteria[pk].code)
    )
    for criterion_id in in_order:
        if not outcomes[criterion_id].is_below or criterion_id in coverage.criterion_ids:
            continue
        question_id = _sub_question_of(framework, framework.criterion_questions[criterion_id])
        if question_id is not None:
            criteria_under[question_id].append(criterion_id)
    notes_under: dict[int, list[FlaggedNote]] = defaultdict(list)
    for note in flagged:
        if note.pk not in coverage.note_ids and core_of(framework, note.question_id) is not None:
            notes_under[note.question_id].append(note)
    drafts = {}
    for question_id in sorted(set(criteria_under) | set(notes_under)):
        question = framework.questions[question_id]
        criterion_ids, notes = criteria_under[question_id], notes_under[question_id]
        key = f"question:{question.code}"
        drafts[key] = DraftAfi(
            source_key=key,
            question_id=core_of(framework, question_id),
            origin=AfiOrigin.QUESTION,
            text=question_afi_text(
                question_text=question.text_for(force_area),
                criteria=[(framework.criteria[pk], outcomes[pk]) for pk in criterion_ids],
                note_texts=[note.text for note in notes],
            ),
            order=PROPOSAL_ORDER_BASE + question.order,
            criterion_ids=tuple(criterion_ids),
            note_ids=tuple(note.pk for note in notes),
        )
    return drafts


def _is_untouched(afi: AreaForImprovement) -> bool:
    return afi.is_untouched_proposal and not afi.has_recommendations


def draft_afis_save(*, inspection, drafts: dict[str, DraftAfi], user, reason: str) -> None:
    """Bring the inspection's compiled AFIs in line with ``drafts`` without touching the lead's work.

    A fixed number of queries: one read, then bulk creates, updates and link rewrites.
    """
    existing = {
        afi.source_key: afi
        for afi in AreaForImprovement.objects.filter(inspection=inspection)
        .exclude(source_key="")
        .annotate(has_recommendations=Exists(Recommendation.objects.filter(afi_id=OuterRef("pk"))))
    }
    # The links as ids only (the notes' texts are not needed to compare them).
    linked_notes: dict[int, set[int]] = {}
    for afi_id, note_id in AreaForImprovement.evidence_notes.through.objects.filter(
        areaforimprovement__inspection=inspection
    ).values_list("areaforimprovement_id", "evidencenote_id"):
        linked_notes.setdefault(afi_id, set()).add(note_id)
    linked_criteria: dict[int, set[int]] = {}
    for afi_id, criterion_id in AreaForImprovement.criteria.through.objects.filter(
        areaforimprovement__inspection=inspection
    ).values_list("areaforimprovement_id", "criterion_id"):
        linked_criteria.setdefault(afi_id, set()).add(criterion_id)
    to_create: list[tuple[AreaForImprovement, DraftAfi]] = []
    to_update: list[AreaForImprovement] = []
    relink: list[tuple[AreaForImprovement, DraftAfi]] = []
    for key, draft in drafts.items():
        afi = existing.pop(key, None)
        if afi is None:
            new = AreaForImprovement(
                inspection=inspection,
                question_id=draft.question_id,
                text=draft.text,
                proposed_text=draft.text,
                order=draft.order,
                origin=draft.origin,
                source_key=key,
            )
            to_create.append((new, draft))
            continue
        if not _is_untouched(afi):
            continue
        if (afi.text, afi.question_id, afi.order) != (draft.text, draft.question_id, draft.order):
            afi.text = afi.proposed_text = draft.text
            afi.question_id, afi.order = draft.question_id, draft.order
            to_update.append(afi)
        links = (linked_notes.get(afi.pk, set()), linked_criteria.get(afi.pk, set()))
        if links != (set(draft.note_ids), set(draft.criterion_ids)):
            relink.append((afi, draft))

    if to_create:
        bulk_create_with_history(
            [afi for afi, _ in to_create], AreaForImprovement, default_user=user, default_change_reason=reason
        )
        relink.extend(to_create)
    if to_update:
        bulk_update_with_history(
            to_update,
            AreaForImprovement,
            ["text", "proposed_text", "question", "order"],
            default_user=user,
            default_change_reason=reason,
        )
    if relink:
        _links_replace(relink)
    withdrawn = [afi.pk for afi in existing.values() if _is_untouched(afi)]
    if withdrawn:
        # Proposals whose source no longer applies (the criterion now meets its threshold, the notes
        # were unflagged) are withdrawn; anything the lead touched stays.
        AreaForImprovement.objects.filter(pk__in=withdrawn).delete()


def _links_replace(pairs: list[tuple[AreaForImprovement, DraftAfi]]) -> None:
    notes_through = AreaForImprovement.evidence_notes.through
    criteria_through = AreaForImprovement.criteria.through
    afi_ids = [afi.pk for afi, _ in pairs]
    notes_through.objects.filter(areaforimprovement_id__in=afi_ids).delete()
    criteria_through.objects.filter(areaforimprovement_id__in=afi_ids).delete()
    notes_through.objects.bulk_create(
        [
            notes_through(areaforimprovement_id=afi.pk, evidencenote_id=note_id)
            for afi, draft in pairs
            for note_id in draft.note_ids
        ]
    )
    criteria_through.objects.bulk_create(
        [
            criteria_through(areaforimprovement_id=afi.pk, criterion_id=criterion_id)
            for afi, draft in pairs
            for criterion_id in draft.criterion_ids
        ]
    )
