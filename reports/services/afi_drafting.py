"""Draft areas for improvement: worded by the compile, kept by source, never forced on the lead.

Two sources propose AFIs: a criterion met in a smaller proportion of files than its threshold
(``criterion:<code>``), and the evidence notes flagged as proposed AFIs under one sub-question
(``evidence:<question code>``). Each AFI the compile writes carries its ``source_key`` and its
``proposed_text``. A re-run updates an AFI only while it is still an untouched proposal; one the lead
edited, rejected or approved, or gave recommendations to, is left exactly as it is.
"""

import re
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from peel.models import AreaForImprovement, Criterion, Recommendation
from reports.services.grading import CriterionOutcome
from reports.wording import percent

_FIGURE = re.compile(r"\{(met|n|percent|low|high|threshold)\}")

CRITERION_ORDER_BASE = 100
EVIDENCE_ORDER_BASE = 200


@dataclass(frozen=True)
class DraftAfi:
    source_key: str
    question_id: int
    origin: str
    text: str
    order: int
    criterion_ids: tuple[int, ...] = ()
    note_ids: tuple[int, ...] = field(default=())


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
