"""How the report words a grade from its level: after "judged the force to", and the change since the
previous inspection, on the same scale and across scales."""

import pytest

from reports.wording import change_since_previous, grade_after_to
from tests.factories.scales import FIVE_LEVELS, FOUR_LEVELS


@pytest.mark.parametrize(
    ("code", "words"),
    [
        ("outstanding", "be outstanding"),
        ("good", "be good"),
        ("adequate", "be adequate"),
        ("requires_improvement", "require improvement"),
        ("inadequate", "be inadequate"),
    ],
)
def test_a_grade_follows_judged_the_force_to_in_its_report_wording(code, words):
    assert grade_after_to(FIVE_LEVELS.level(code)) == words


@pytest.mark.parametrize(
    ("current", "previous", "change"),
    [
        ("good", "adequate", "an improvement on last year, when we judged the force to be adequate"),
        ("adequate", "good", "a decline from last year, when we judged the force to be good"),
        ("adequate", "adequate", "the same as last year, when we also judged the force to be adequate"),
    ],
)
def test_the_change_since_last_year_is_worded_on_five_levels(current, previous, change):
    sentence = change_since_previous(
        current=current, previous=previous, scale=FIVE_LEVELS, previous_scale=FIVE_LEVELS
    )

    assert sentence == f"Our overall judgment this year is {change} in respect of its overall effectiveness."


def test_after_a_programme_with_another_scale_last_years_grade_is_said_but_not_compared():
    sentence = change_since_previous(
        current="adequate", previous="requires_improvement", scale=FIVE_LEVELS, previous_scale=FOUR_LEVELS
    )

    assert sentence == (
        "In our previous inspection, which graded on a different scale, we judged the force to require "
        "improvement in respect of its overall effectiveness."
    )


def test_no_sentence_without_two_grades_to_compare():
    assert (
        change_since_previous(current="", previous="good", scale=FOUR_LEVELS, previous_scale=FOUR_LEVELS)
        == ""
    )
    assert (
        change_since_previous(
            current="good", previous="ungraded", scale=FOUR_LEVELS, previous_scale=FOUR_LEVELS
        )
        == ""
    )
