"""The default grading rules, band by band, the overall proposal and the checking of a rule set."""

import copy
from decimal import Decimal

import pytest

from reports.services.grading import (
    DEFAULT_RULES,
    CoreGrade,
    CriterionOutcome,
    GradingRulesError,
    QuestionMeasures,
    grade_propose,
    overall_propose,
    rules_check,
    rules_problems,
)
from reports.statistics import wilson_interval


def criterion(code: str, met: int, n: int, threshold: str = "0.8") -> CriterionOutcome:
    return CriterionOutcome(
        code=code,
        text=f"Criterion {code}?",
        met=met,
        n=n,
        threshold=Decimal(threshold),
        proportion=met / n if n else None,
        interval=wilson_interval(met, n) if n else None,
    )


GOOD_CRITERIA = tuple(criterion(f"C{i:02d}", 55, 60) for i in range(1, 11))  # 92%: all above 80%


def propose(strengths: int, weaknesses: int, criteria=GOOD_CRITERIA, flagged: int = 0):
    measures = QuestionMeasures(
        strengths=strengths, weaknesses=weaknesses, proposed_afi_notes=flagged, criteria=criteria
    )
    return grade_propose(rules=DEFAULT_RULES, measures=measures)


def test_mostly_weaknesses_is_inadequate():
    proposal = propose(strengths=2, weaknesses=8)

    assert proposal.grade == "inadequate"
    assert proposal.reasons[-1] == (
        "Proposed inadequate because the share of strengths among notes recording a "
        "strength or a weakness: 20% (below 25%)."
    )


def test_half_the_criteria_clearly_below_threshold_is_inadequate_whatever_the_notes_say():
    clearly_below = tuple(criterion(f"C{i:02d}", 30, 60) for i in range(1, 6))  # 50%, interval 38%-62%

    proposal = propose(strengths=20, weaknesses=2, criteria=clearly_below + GOOD_CRITERIA[:5])

    assert proposal.grade == "inadequate"
    assert "whole 95% interval lies below their threshold: 50% (at least 50%)" in proposal.reasons[-1]


def test_more_weaknesses_than_strengths_requires_improvement():
    assert propose(strengths=4, weaknesses=5).grade == "requires_improvement"


def test_a_fifth_of_the_criteria_clearly_below_threshold_requires_improvement():
    two_clearly_below = (criterion("C01", 30, 60), criterion("C02", 35, 60))
    proposal = propose(strengths=20, weaknesses=5, criteria=two_clearly_below + GOOD_CRITERIA[:8])

    assert proposal.grade == "requires_improvement"
    assert any(
        reason.startswith("Below threshold: C01 Criterion C01? – 30 of 60 files")
        for reason in proposal.reasons
    )


def test_half_the_criteria_below_threshold_requires_improvement_even_when_none_is_clearly_below():
    # 46 of 60 (77%) is below 80% but its interval (64%-86%) reaches above it.
    slightly_below = tuple(criterion(f"C{i:02d}", 46, 60) for i in range(1, 6))

    proposal = propose(strengths=20, weaknesses=5, criteria=slightly_below + GOOD_CRITERIA[:5])

    assert proposal.grade == "requires_improvement"
    assert "the share of assessed criteria below their threshold: 50% (at least 50%)" in proposal.reasons[-1]


def test_strong_evidence_and_every_criterion_met_is_outstanding():
    proposal = propose(strengths=18, weaknesses=2)

    assert proposal.grade == "outstanding"
    assert (
        "criteria met in a smaller proportion of files than their threshold: 0 (exactly 0)"
        in (proposal.reasons[-1])
    )


def test_one_criterion_below_threshold_keeps_strong_evidence_at_good():
    criteria = (criterion("C01", 46, 60), *GOOD_CRITERIA[1:])

    proposal = propose(strengths=18, weaknesses=2, criteria=criteria)

    assert proposal.grade == "good"
    assert proposal.reasons[-1] == (
        "Proposed good: the conditions for inadequate, requires improvement and outstanding did not hold."
    )


def test_too_few_strengths_for_outstanding_is_good():
    assert propose(strengths=9, weaknesses=1).grade == "good"


def test_without_any_evidence_the_proposal_is_good_and_says_there_was_nothing_to_count():
    proposal = propose(strengths=0, weaknesses=0, criteria=())

    assert proposal.grade == "good"
    assert "File review: no criteria mapped to this question have files to assess." in proposal.reasons


def test_the_reasons_state_the_evidence_balance_and_the_file_review():
    proposal = propose(strengths=6, weaknesses=4, flagged=2)

    assert proposal.reasons[0] == (
        "Evidence notes: 6 strengths and 4 weaknesses (60% strengths); 2 proposed as areas for improvement."
    )
    assert (
        proposal.reasons[1]
        == "File review: 10 criteria assessed, 0 below their threshold (0 clearly, with the whole 95% "
        "interval below)."
    )


def test_the_reasons_count_one_strength_one_weakness_and_one_criterion_in_the_singular():
    proposal = propose(strengths=1, weaknesses=1, criteria=GOOD_CRITERIA[:1])

    assert proposal.reasons[0].startswith("Evidence notes: 1 strength and 1 weakness (50% strengths);")
    assert proposal.reasons[1].startswith("File review: 1 criterion assessed, 0 below their threshold")


def test_the_overall_proposal_is_the_median_core_grade_using_approved_grades_first():
    cores = [
        CoreGrade("1", "good", approved=True),
        CoreGrade("2", "good", approved=False),
        CoreGrade("3", "requires_improvement", approved=True),
        CoreGrade("4", "good", approved=True),
    ]

    proposal = overall_propose(rules=DEFAULT_RULES, core_grades=cores)

    assert proposal.grade == "good"
    assert proposal.reasons[0] == (
        "Core questions: 1 good (approved); 2 good (proposed); 3 requires improvement (approved); "
        "4 good (approved)."
    )


def test_an_even_split_takes_the_lower_of_the_middle_grades():
    cores = [
        CoreGrade(str(i), g, False)
        for i, g in enumerate(["good", "good", "requires_improvement", "inadequate"])
    ]

    assert overall_propose(rules=DEFAULT_RULES, core_grades=cores).grade == "requires_improvement"


def test_an_inadequate_core_question_caps_the_overall_proposal():
    cores = [
        CoreGrade(str(i), g, False)
        for i, g in enumerate(["outstanding", "outstanding", "good", "inadequate"])
    ]

    proposal = overall_propose(rules=DEFAULT_RULES, core_grades=cores)

    assert proposal.grade == "requires_improvement"
    assert proposal.reasons[-1] == "Capped at requires improvement because a core question is inadequate."


def test_the_default_rules_are_a_valid_rule_set():
    assert rules_problems(DEFAULT_RULES) == []


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (lambda r: r.update(version=0), "version: must be a whole number from 1"),
        (lambda r: r["bands"][0].update(grade="brilliant"), "bands[1].grade: must be one of"),
        (lambda r: r["bands"][1].update(when="most"), "bands[2].when: must be 'any' or 'all'"),
        (lambda r: r["bands"][0]["conditions"][0].update(measure="vibes"), "bands[1].conditions[1].measure"),
        (lambda r: r["bands"][0]["conditions"][0].update(op="~"), "bands[1].conditions[1].op"),
        (lambda r: r["bands"][0]["conditions"][0].update(value="low"), "bands[1].conditions[1].value"),
        (
            lambda r: r["bands"][-1]["conditions"].append(r["bands"][0]["conditions"][0]),
            "bands[4]: the last band",
        ),
        (lambda r: r["overall"].update(method="mode"), "overall.method"),
        (lambda r: r.update(bands=[]), "bands: must be a non-empty list"),
    ],
)
def test_a_broken_rule_set_is_refused_naming_the_key_at_fault(change, problem):
    rules = copy.deepcopy(DEFAULT_RULES)
    change(rules)

    with pytest.raises(GradingRulesError) as refused:
        rules_check(rules)

    assert problem in str(refused.value)
