"""The compile: an inspection's reviewed evidence becomes file-review results, evidence per question,
proposed grades and draft areas for improvement.

``compile_results`` reads (a fixed number of aggregate queries) and computes; ``compile_results_save``
writes what changed, keyed by source. Both run inside the caller's transaction (see ``runs``), so a
compile is all or nothing. The digests make a re-run checkable: unchanged evidence gives the same output
digest and writes no rows.
"""

import copy
import hashlib
import json
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from peel.models import AfiOrigin, ApprovalState, Direction, Judgment, QuestionLevel
from reports.models import CriterionResult, QuestionEvidence
from reports.services.afi_drafting import (
    CRITERION_ORDER_BASE,
    EVIDENCE_ORDER_BASE,
    DraftAfi,
    criterion_afi_text,
    draft_afis_save,
    evidence_afi_text,
)
from reports.services.aggregation import (
    AnswerCounts,
    Framework,
    answer_counts,
    framework_load,
    note_counts,
    notes_proposed_as_afis,
)
from reports.services.audit_estimate import audit_estimate_save
from reports.services.grading import (
    CoreGrade,
    CriterionOutcome,
    GradeProposal,
    QuestionMeasures,
    default_rules_for,
    grade_propose,
    overall_propose,
    rules_check,
)
from reports.services.keyed_rows import rows_sync
from reports.statistics import SMALL_SAMPLE_N, wilson_interval

Progress = Callable[[str, int], None]

_FOUR_PLACES = Decimal("0.0001")


def _decimal(value: float | None) -> Decimal | None:
    return None if value is None else Decimal(repr(value)).quantize(_FOUR_PLACES)


def _digest(payload: object) -> str:
    text = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def programme_rules(*, programme) -> dict:
    """The programme's grading rules; a programme without any is given the documented defaults on its
    first compile, so the version used is recorded with the programme and an admin can edit it."""
    if not programme.grading_rules:
        programme.grading_rules = copy.deepcopy(default_rules_for(programme.grade_scale))
        programme.save(update_fields=["grading_rules"])
    return rules_check(programme.grading_rules, scale=programme.grade_scale)


@dataclass
class CompileOutput:
    judgments: dict[int, Judgment]  # as read, by question: the save step updates them in place
    rules_version: int
    criterion_results: dict[tuple[int, int | None], dict]
    question_evidence: dict[int, dict]
    proposals: dict[int, GradeProposal]
    drafts: dict[str, DraftAfi]
    input_digest: str
    output_digest: str

    @property
    def results_count(self) -> int:
        return len(self.criterion_results)


def _criterion_values(counts: AnswerCounts, threshold: Decimal) -> dict:
    if counts.n:
        proportion = counts.yes / counts.n
        low, high = wilson_interval(counts.yes, counts.n)
    else:
        proportion = low = high = None
    return {
        "n": counts.n,
        "yes": counts.yes,
        "partly": counts.partly,
        "no": counts.no,
        "not_known": counts.not_known,
        "proportion_met": _decimal(proportion),
        "interval_low": _decimal(low),
        "interval_high": _decimal(high),
        "threshold": threshold,
        # Compared exactly (yes < threshold × n), not on the rounded proportion.
        "below_threshold": bool(counts.n) and Decimal(counts.yes) < threshold * counts.n,
        "small_sample": counts.n < SMALL_SAMPLE_N,
    }


def _outcome(criterion, counts: AnswerCounts) -> CriterionOutcome:
    return CriterionOutcome(
        code=criterion.code,
        text=criterion.text,
        met=counts.yes,
        n=counts.n,
        threshold=criterion.threshold,
        proportion=counts.yes / counts.n if counts.n else None,
        interval=wilson_interval(counts.yes, counts.n) if counts.n else None,
    )


def _core_of(framework: Framework, question_id: int) -> int | None:
    question = framework.questions.get(question_id)
    if question is None or question.level == QuestionLevel.OVERALL:
        return None
    return question.pk if question.level == QuestionLevel.CORE else question.parent_id


def compile_results(*, inspection, rules: dict, progress: Progress) -> CompileOutput:
    progress("Reading the framework and criteria", 10)
    framework = framework_load(inspection=inspection)
    questions, criteria = framework.questions, framework.criteria

    progress("Counting file-review answers", 25)
    counted = {(c.criterion_id, c.stratum_id): c for c in answer_counts(inspection_id=inspection.pk)}
    for criterion_id in criteria:  # every criterion has an overall row, with n = 0 before any file
        counted.setdefault((criterion_id, None), AnswerCounts(criterion_id, None, 0, 0, 0, 0, 0))
    criterion_results = {
        key: _criterion_values(counts, criteria[key[0]].threshold)
        for key, counts in counted.items()
        if key[0] in criteria
    }
    outcomes = {pk: _outcome(criterion, counted[(pk, None)]) for pk, criterion in criteria.items()}

    progress("Gathering the evidence per question", 45)
    notes = note_counts(inspection_id=inspection.pk)
    flagged = notes_proposed_as_afis(inspection_id=inspection.pk)
    evidence_of = {
        q.pk: {"direction": defaultdict(int), "source": {}, "flagged": 0} for q in questions.values()
    }

    def add_notes(question_id: int, row) -> None:
        bucket = evidence_of[question_id]
        bucket["direction"][row.direction] += row.notes
        by_direction = bucket["source"].setdefault(row.source, {})
        by_direction[row.direction] = by_direction.get(row.direction, 0) + row.notes

    for row in notes:
        if row.question_id not in questions:
            continue
        add_notes(row.question_id, row)
        core_id = _core_of(framework, row.question_id)
        if core_id is not None and core_id != row.question_id:
            add_notes(core_id, row)
    for note in flagged:
        if note.question_id in evidence_of:
            evidence_of[note.question_id]["flagged"] += 1
            core_id = _core_of(framework, note.question_id)
            if core_id is not None and core_id != note.question_id:
                evidence_of[core_id]["flagged"] += 1

    criteria_of: dict[int, set[int]] = defaultdict(set)
    for criterion_id, question_ids in framework.criterion_questions.items():
        for question_id in question_ids:
            criteria_of[question_id].add(criterion_id)
            core_id = _core_of(framework, question_id)
            if core_id is not None:
                criteria_of[core_id].add(criterion_id)

    question_evidence = {}
    for question in questions.values():
        if question.level == QuestionLevel.OVERALL:
            continue
        bucket = evidence_of[question.pk]
        assessed = [outcomes[c] for c in criteria_of[question.pk] if outcomes[c].n]
        question_evidence[question.pk] = {
            "strengths": bucket["direction"][Direction.STRENGTH],
            "weaknesses": bucket["direction"][Direction.WEAKNESS],
            "neutral": bucket["direction"][Direction.NEUTRAL],
            "by_source": {source: dict(sorted(d.items())) for source, d in sorted(bucket["source"].items())},
            "proposed_afi_notes": bucket["flagged"],
            "criteria_assessed": len(assessed),
            "criteria_below_threshold": sum(1 for outcome in assessed if outcome.is_below),
        }

    progress("Proposing grades", 60)
    scale = inspection.programme.grade_scale
    proposals: dict[int, GradeProposal] = {}
    core_grades = []
    for question in sorted(questions.values(), key=lambda q: (q.order, q.code)):
        if question.level != QuestionLevel.CORE or not question.graded:
            continue
        evidence = question_evidence[question.pk]
        measures = QuestionMeasures(
            strengths=evidence["strengths"],
            weaknesses=evidence["weaknesses"],
            proposed_afi_notes=evidence["proposed_afi_notes"],
            criteria=tuple(sorted((outcomes[c] for c in criteria_of[question.pk]), key=lambda o: o.code)),
        )
        proposals[question.pk] = grade_propose(rules=rules, measures=measures, scale=scale)
        judgment = framework.judgments.get(question.pk)
        approved = judgment is not None and judgment.state == ApprovalState.APPROVED
        core_grades.append(
            CoreGrade(
                code=question.code,
                grade=judgment.grade if approved else proposals[question.pk].grade,
                approved=approved,
            )
        )
    for question in questions.values():
        if question.level == QuestionLevel.OVERALL and question.graded:
            overall = overall_propose(rules=rules, core_grades=core_grades, scale=scale)
            if overall is not None:
                proposals[question.pk] = overall

    progress("Drafting areas for improvement", 75)
    drafts: dict[str, DraftAfi] = {}
    for criterion_id, criterion in sorted(criteria.items(), key=lambda item: (item[1].order, item[1].code)):
        outcome = outcomes[criterion_id]
        cores = {_core_of(framework, q) for q in framework.criterion_questions[criterion_id]} - {None}
        if not outcome.is_below or not cores:
            continue
        # A criterion mapped to several core questions is drafted under the first, in framework order.
        core_id = min(cores, key=lambda pk: (questions[pk].order, questions[pk].code))
        key = f"criterion:{criterion.code}"
        drafts[key] = DraftAfi(
            source_key=key,
            question_id=core_id,
            origin=AfiOrigin.CRITERION,
            text=criterion_afi_text(criterion, outcome),
            order=CRITERION_ORDER_BASE + criterion.order,
            criterion_ids=(criterion_id,),
        )
    notes_by_question: dict[int, list] = defaultdict(list)
    for note in flagged:
        notes_by_question[note.question_id].append(note)
    for question_id, group in notes_by_question.items():
        core_id = _core_of(framework, question_id)
        if core_id is None:
            continue
        question = questions[question_id]
        key = f"evidence:{question.code}"
        drafts[key] = DraftAfi(
            source_key=key,
            question_id=core_id,
            origin=AfiOrigin.EVIDENCE,
            text=evidence_afi_text(
                question_text=question.text_for(inspection.force.short_name),
                note_texts=[note.text for note in group],
            ),
            order=EVIDENCE_ORDER_BASE + question.order,
            note_ids=tuple(note.pk for note in group),
        )

    code = {pk: q.code for pk, q in questions.items()}
    label = {pk: s.label for pk, s in framework.strata.items()}
    criterion_code = {pk: c.code for pk, c in criteria.items()}
    input_payload = {
        "rules": rules,
        "force_area": inspection.force.short_name,
        "criteria": sorted(
            [
                c.code,
                c.text,
                str(c.threshold),
                c.afi_template,
                c.order,
                sorted(code[q] for q in framework.criterion_questions[pk] if q in code),
            ]
            for pk, c in criteria.items()
        ),
        "answers": sorted(
            [
                criterion_code[c.criterion_id],
                label.get(c.stratum_id, ""),
                c.n,
                c.yes,
                c.partly,
                c.no,
                c.not_known,
            ]
            for c in counted.values()
            if c.criterion_id in criterion_code
        ),
        "notes": sorted([code.get(r.question_id, ""), r.source, r.direction, r.notes] for r in notes),
        "flagged_notes": [[code.get(n.question_id, ""), n.text] for n in flagged],
        # Only the lead's approved grades are read (for the overall proposal), not the compile's own rows.
        "approved_grades": sorted(
            [code[q], j.grade]
            for q, j in framework.judgments.items()
            if q in code and j.state == ApprovalState.APPROVED
        ),
    }
    output_payload = {
        "rules_version": rules["version"],
        "criterion_results": sorted(
            [criterion_code[c], label.get(s, ""), *(str(v) for v in values.values())]
            for (c, s), values in criterion_results.items()
        ),
        "question_evidence": sorted([code[q], values] for q, values in question_evidence.items()),
        "proposals": sorted([code[q], p.grade, p.reasons] for q, p in proposals.items()),
        "draft_afis": sorted(
            # By what they are, not by row id, so that the same evidence gives the same digest anywhere.
            [
                key,
                code[d.question_id],
                d.origin,
                d.text,
                d.order,
                len(d.note_ids),
                [criterion_code[c] for c in d.criterion_ids],
            ]
            for key, d in drafts.items()
        ),
    }
    return CompileOutput(
        judgments=framework.judgments,
        rules_version=rules["version"],
        criterion_results=criterion_results,
        question_evidence=question_evidence,
        proposals=proposals,
        drafts=drafts,
        input_digest=_digest(input_payload),
        output_digest=_digest(output_payload),
    )


def compile_results_save(*, inspection, output: CompileOutput, user, reason: str, progress: Progress) -> None:
    """Write what changed, keyed by source; the lead's grades, words and decisions are never touched."""
    progress("Saving file-review results", 85)
    rows_sync(
        model=CriterionResult,
        existing=CriterionResult.objects.filter(inspection=inspection),
        desired=output.criterion_results,
        key_of=lambda row: (row.criterion_id, row.stratum_id),
        key_fields=lambda key: {"inspection": inspection, "criterion_id": key[0], "stratum_id": key[1]},
    )
    rows_sync(
        model=QuestionEvidence,
        existing=QuestionEvidence.objects.filter(inspection=inspection),
        desired=output.question_evidence,
        key_of=lambda row: row.question_id,
        key_fields=lambda key: {"inspection": inspection, "question_id": key},
    )
    audit_estimate_save(inspection=inspection)

    progress("Saving proposed grades and draft areas for improvement", 92)
    _proposals_save(
        inspection=inspection, existing=output.judgments, proposals=output.proposals, user=user, reason=reason
    )
    draft_afis_save(inspection=inspection, drafts=output.drafts, user=user, reason=reason)


def _proposals_save(
    *, inspection, existing: dict[int, Judgment], proposals: dict[int, GradeProposal], user, reason: str
) -> None:
    """Only ``proposed_grade``, ``proposed_reasons`` and ``proposed_at`` are the compile's to write; a
    judgment that does not exist yet is created as an empty draft holding the proposal."""
    now = timezone.now()
    to_create, to_update = [], []
    for question_id, proposal in proposals.items():
        judgment = existing.get(question_id)
        if judgment is None:
            to_create.append(
                Judgment(
                    inspection=inspection,
                    question_id=question_id,
                    proposed_grade=proposal.grade,
                    proposed_reasons=proposal.reasons,
                    proposed_at=now,
                )
            )
        elif (judgment.proposed_grade, judgment.proposed_reasons) != (proposal.grade, proposal.reasons):
            judgment.proposed_grade, judgment.proposed_reasons, judgment.proposed_at = (
                proposal.grade,
                proposal.reasons,
                now,
            )
            to_update.append(judgment)
    if to_create:
        bulk_create_with_history(to_create, Judgment, default_user=user, default_change_reason=reason)
    if to_update:
        bulk_update_with_history(
            to_update,
            Judgment,
            ["proposed_grade", "proposed_reasons", "proposed_at"],
            default_user=user,
            default_change_reason=reason,
        )
