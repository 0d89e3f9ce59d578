"""The grading rules on the five-level scale of PEEL since 2021 (outstanding, good, adequate, requires
improvement, inadequate): bands, the overall rule's edge cases and its proposals in words."""

import copy
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reports.services.grading import (
    DEFAULT_RULES,
    DEFAULT_RULES_FIVE_LEVELS,
    CoreGrade,
    CriterionOutcome,
    GradingRulesError,
    QuestionMeasures,
    default_rules_for,
    grade_propose,
    overall_propose,
    rules_problems,
)
from reports.statistics import wilson_interval
from tests.factories.scales import FIVE_LEVELS, FOUR_LEVELS, scale_of

GOOD_CRITERIA = tuple(
    CriterionOutcome(
        code=f"C{i:02d}", text="?", met=55, n=60, threshold=Decimal("0.8"), proportion=55 / 60,
        interval=wilson_interval(55, 60),
    )
    for i in range(1, 11)
)  # fmt: skip
NO_CAP = {**DEFAULT_RULES_FIVE_LEVELS, "overall": {"method": "median_of_core_questions"}}


def propose(strengths: int, weaknesses: int, flagged: int = 0):
    measures = QuestionMeasures(
        strengths=strengths, weaknesses=weaknesses, proposed_afi_notes=flagged, criteria=GOOD_CRITERIA
    )
    return grade_propose(rules=DEFAULT_RULES_FIVE_LEVELS, measures=measures, scale=FIVE_LEVELS)


def cores_of(*grades: str) -> list[CoreGrade]:
    return [CoreGrade(str(number), grade, False) for number, grade in enumerate(grades, start=1)]


def overall(*grades: str, rules=DEFAULT_RULES_FIVE_LEVELS):
    return overall_propose(rules=rules, core_grades=cores_of(*grades), scale=FIVE_LEVELS)


def test_the_five_level_defaults_are_the_ones_a_five_level_programme_gets():
    assert default_rules_for(FIVE_LEVELS) is DEFAULT_RULES_FIVE_LEVELS
    assert default_rules_for(FOUR_LEVELS) is DEFAULT_RULES
    assert rules_problems(DEFAULT_RULES_FIVE_LEVELS, scale=FIVE_LEVELS) == []


def test_a_scale_peel_has_no_defaults_for_must_be_given_rules():
    three = scale_of(
        [
            {"code": "high", "label": "High", "report_wording": "high", "colour": "#1d6b2f"},
            {"code": "middle", "label": "Middle", "report_wording": "middle", "colour": "#f2c94c"},
            {"code": "low", "label": "Low", "report_wording": "low", "colour": "#a4262c"},
        ]
    )

    with pytest.raises(GradingRulesError, match="set its grading rules in the admin site"):
        default_rules_for(three)


def test_rules_naming_adequate_are_refused_on_the_four_level_scale():
    problems = rules_problems(DEFAULT_RULES_FIVE_LEVELS, scale=FOUR_LEVELS)

    assert problems == ["bands[3].grade: must be one of outstanding, good, requires_improvement, inadequate"]


@pytest.mark.parametrize(
    ("strengths", "weaknesses", "flagged", "expected", "because"),
    [
        (2, 8, 0, "inadequate", "20% (below 25%)"),
        (35, 65, 0, "requires_improvement", "35% (below 40%)"),
        (55, 45, 0, "adequate", "55% (below 60%)"),
        (70, 30, 3, "adequate", "evidence notes proposed as areas for improvement: 3 (at least 3)"),
        (
            70,
            30,
            5,
            "requires_improvement",
            "evidence notes proposed as areas for improvement: 5 (at least 5)",
        ),
        (90, 10, 0, "outstanding", "90% (at least 85%)"),
    ],
)
def test_each_five_level_band_is_proposed_and_explained(strengths, weaknesses, flagged, expected, because):
    proposal = propose(strengths, weaknesses, flagged)

    assert proposal.grade == expected
    assert proposal.reasons[-1].startswith(f"Proposed {FIVE_LEVELS.label(expected).lower()} because")
    assert because in proposal.reasons[-1]


def test_the_fallback_on_five_levels_names_every_grade_tried():
    proposal = propose(70, 30)

    assert proposal.grade == "good"
    assert proposal.reasons[-1] == (
        "Proposed good: the conditions for inadequate, requires improvement, adequate and outstanding "
        "did not hold."
    )


@pytest.mark.parametrize(
    ("grades", "expected"),
    [
        # Middle grades three steps apart (inadequate, good): halfway falls between requires improvement
        # and adequate; the worse is taken.
        (("good", "inadequate", "inadequate", "good"), "requires_improvement"),
        # Two steps apart: halfway is a grade.
        (("good", "requires_improvement"), "adequate"),
        (("outstanding", "adequate"), "good"),
        # Next to each other: the worse of them.
        (("adequate", "good"), "adequate"),
        (("good", "good", "adequate", "adequate"), "adequate"),
        # Three steps apart, no inadequate: halfway falls between adequate and good; the worse.
        (("outstanding", "requires_improvement", "requires_improvement", "outstanding"), "adequate"),
        # Four steps apart: halfway is adequate, then the cap (an inadequate core question).
        (("outstanding", "inadequate"), "requires_improvement"),
        # Odd counts: the middle grade.
        (("outstanding", "adequate", "good"), "good"),
        (("adequate",), "adequate"),
        (("inadequate", "adequate", "outstanding"), "requires_improvement"),  # middle adequate, capped
    ],
)
def test_the_overall_proposal_on_five_levels_never_skips_a_step(grades, expected):
    assert overall(*grades).grade == expected


def test_the_overall_proposal_on_five_levels_states_its_rule_in_words():
    proposal = overall("good", "inadequate", "inadequate", "good")

    assert proposal.reasons[1] == (
        "Rule (on the scale of five grades inadequate, requires improvement, adequate, good, outstanding): "
        "the middle grade of the graded core questions, ordered from inadequate to outstanding; with an "
        "even number of them, the grade halfway between the two middle grades, and where halfway falls "
        "between two grades, the worse of the two; ungraded core questions take no part."
    )
    assert proposal.reasons[2] == (
        "Proposed requires improvement: ordered, the four graded core questions are inadequate, "
        "inadequate, good and good; the two middle grades are inadequate and good; halfway between them "
        "falls between requires improvement and adequate, so the worse of those, requires improvement."
    )


def test_halfway_on_five_levels_can_be_adequate_and_says_so():
    proposal = overall("good", "requires_improvement")

    assert proposal.reasons[2].endswith(
        "the two middle grades are requires improvement and good; halfway between them is adequate."
    )


def test_an_inadequate_core_question_caps_the_five_level_overall_proposal_and_says_why():
    proposal = overall("outstanding", "outstanding", "inadequate", "inadequate")

    assert proposal.grade == "requires_improvement"
    assert "halfway between them is adequate" in proposal.reasons[2]
    assert proposal.reasons[-1] == "Capped at requires improvement because a core question is inadequate."


def test_without_a_cap_the_same_grades_give_adequate():
    assert overall("outstanding", "outstanding", "inadequate", "inadequate", rules=NO_CAP).grade == "adequate"


def test_ungraded_and_unknown_codes_take_no_part_on_five_levels():
    proposal = overall("adequate", "ungraded", "", "good", "good")

    assert proposal.grade == "good"
    assert "the three graded core questions are adequate, good and good" in proposal.reasons[2]


@given(st.lists(st.sampled_from([level.code for level in FIVE_LEVELS.graded]), min_size=1, max_size=9))
def test_the_five_level_proposal_lies_between_the_two_middle_grades(grades):
    ranks = sorted(FIVE_LEVELS.rank(grade) for grade in grades)
    proposal = overall(*grades, rules=NO_CAP)

    assert ranks[(len(ranks) - 1) // 2] <= FIVE_LEVELS.rank(proposal.grade) <= ranks[len(ranks) // 2]


def test_a_cap_must_be_a_level_of_the_scale():
    rules = copy.deepcopy(DEFAULT_RULES_FIVE_LEVELS)
    rules["overall"]["any_inadequate_caps_at"] = "satisfactory"

    assert rules_problems(rules, scale=FIVE_LEVELS) == [
        "overall.any_inadequate_caps_at: must be empty or one of outstanding, good, adequate, "
        "requires_improvement, inadequate"
    ]
