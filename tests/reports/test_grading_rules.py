"""The default grading rules, band by band, the overall proposal and the checking of a rule set."""

import copy
import math
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reports.services.grading import (
    DEFAULT_RULES,
    CoreGrade,
    CriterionOutcome,
    GradingRulesError,
    QuestionMeasures,
    grade_propose,
    middle_rank,
    overall_propose,
    rules_check,
    rules_problems,
)
from reports.statistics import wilson_interval
from reports.wording import number_in_words
from tests.factories.scales import FOUR_LEVELS


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
    return grade_propose(rules=DEFAULT_RULES, measures=measures, scale=FOUR_LEVELS)


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

    proposal = overall_propose(rules=DEFAULT_RULES, scale=FOUR_LEVELS, core_grades=cores)

    assert proposal.grade == "good"
    assert proposal.reasons[0] == (
        "Core questions: 1 good (approved); 2 good (proposed); 3 requires improvement (approved); "
        "4 good (approved)."
    )


def cores_of(*grades: str) -> list[CoreGrade]:
    return [CoreGrade(str(number), grade, False) for number, grade in enumerate(grades, start=1)]


@pytest.mark.parametrize(
    ("grades", "expected"),
    [
        # Even count, middle grades two steps apart: halfway between, never skipping a step.
        (("good", "inadequate", "inadequate", "good"), "requires_improvement"),
        # Even count, middle grades next to each other: the worse of them.
        (("good", "good", "requires_improvement", "inadequate"), "requires_improvement"),
        (("outstanding", "good"), "good"),
        # Even count, middle grades three steps apart: halfway falls between two grades, take the worse.
        (("outstanding", "inadequate"), "requires_improvement"),
        (("outstanding", "outstanding", "inadequate", "inadequate"), "requires_improvement"),
        # Ties and odd counts: the middle grade.
        (("good", "good", "good", "good"), "good"),
        (("outstanding", "requires_improvement", "good"), "good"),
        (("requires_improvement",), "requires_improvement"),
    ],
)
def test_the_overall_proposal_is_the_middle_grade_without_skipping_a_step(grades, expected):
    assert (
        overall_propose(rules=DEFAULT_RULES, scale=FOUR_LEVELS, core_grades=cores_of(*grades)).grade
        == expected
    )


def test_the_proposal_states_the_rule_on_the_scale_and_how_it_applied():
    proposal = overall_propose(
        rules=DEFAULT_RULES,
        scale=FOUR_LEVELS,
        core_grades=cores_of("good", "inadequate", "inadequate", "good"),
    )

    assert proposal.reasons[1] == (
        "Rule (on the scale of four grades inadequate, requires improvement, good, outstanding): the "
        "middle grade of the graded core questions, ordered from inadequate to outstanding; with an even "
        "number of them, the grade halfway between the two middle grades, and where halfway falls between "
        "two grades, the worse of the two; ungraded core questions take no part."
    )
    assert proposal.reasons[2] == (
        "Proposed requires improvement: ordered, the four graded core questions are inadequate, "
        "inadequate, good and good; the two middle grades are inadequate and good; halfway between them "
        "is requires improvement."
    )


def test_the_proposal_says_when_halfway_falls_between_two_grades():
    proposal = overall_propose(
        rules=DEFAULT_RULES, scale=FOUR_LEVELS, core_grades=cores_of("outstanding", "inadequate")
    )

    assert proposal.reasons[2].endswith(
        "halfway between them falls between requires improvement and good, so the worse of those, "
        "requires improvement."
    )


def test_ungraded_core_questions_take_no_part_in_the_overall_proposal():
    proposal = overall_propose(
        rules=DEFAULT_RULES,
        scale=FOUR_LEVELS,
        core_grades=cores_of("good", "", "requires_improvement", "", "good"),
    )

    assert proposal.grade == "good"
    assert "the three graded core questions are requires improvement, good and good" in proposal.reasons[2]
    assert overall_propose(rules=DEFAULT_RULES, scale=FOUR_LEVELS, core_grades=cores_of("", "")) is None


@given(st.lists(st.integers(min_value=1, max_value=5), min_size=1, max_size=9))
def test_the_middle_grade_lies_within_the_grades_and_between_the_two_middle_ones(ranks):
    ordered = sorted(ranks)
    middle = middle_rank(ranks)

    assert ordered[(len(ordered) - 1) // 2] <= middle <= ordered[len(ordered) // 2]
    if len(ordered) % 2 == 0:
        assert middle == math.floor((ordered[len(ordered) // 2 - 1] + ordered[len(ordered) // 2]) / 2)


def test_an_inadequate_core_question_caps_the_overall_proposal():
    cores = [
        CoreGrade(str(i), g, False)
        for i, g in enumerate(["outstanding", "outstanding", "good", "inadequate"])
    ]

    proposal = overall_propose(rules=DEFAULT_RULES, scale=FOUR_LEVELS, core_grades=cores)

    assert proposal.grade == "requires_improvement"
    assert proposal.reasons[-1] == "Capped at requires improvement because a core question is inadequate."


def test_the_default_rules_are_a_valid_rule_set():
    assert rules_problems(DEFAULT_RULES, scale=FOUR_LEVELS) == []


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
        rules_check(rules, scale=FOUR_LEVELS)

    assert problem in str(refused.value)


@pytest.mark.parametrize("count", [2.5, -1, True])
def test_a_count_in_words_that_is_not_a_whole_number_is_refused(count):
    with pytest.raises((TypeError, ValueError), match="must be"):
        number_in_words(count)


@pytest.mark.parametrize(("met", "n"), [(2.5, 5), (2, 5.0), (6, 5)])
def test_a_criterion_outcome_of_counts_that_are_not_whole_or_possible_is_refused(met, n):
    with pytest.raises((TypeError, ValueError), match="must be"):
        CriterionOutcome(
            code="C01", text="?", met=met, n=n, threshold=Decimal("0.8"), proportion=None, interval=None
        )
