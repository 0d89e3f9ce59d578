"""The Wilson score interval, checked against published worked examples and an independent library."""

import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy import stats as scipy_stats
from statsmodels.stats.proportion import proportion_confint

from reports.statistics import Proportion, wilson_interval, z_for

# Newcombe RG (1998), "Two-sided confidence intervals for the single proportion: comparison of seven
# methods", Statistics in Medicine 17:857-872, table I, method 3 (score interval, no continuity correction).
NEWCOMBE_1998 = [
    (81, 263, 0.2553, 0.3662),
    (15, 148, 0.0624, 0.1605),
    (0, 20, 0.0000, 0.1611),
    (1, 29, 0.0061, 0.1718),
]


@pytest.mark.parametrize(("met", "n", "low", "high"), NEWCOMBE_1998)
def test_the_interval_reproduces_newcombes_published_examples(met, n, low, high):
    computed_low, computed_high = wilson_interval(met, n)

    assert computed_low == pytest.approx(low, abs=5e-5)
    assert computed_high == pytest.approx(high, abs=5e-5)


@given(n=st.integers(min_value=1, max_value=2000), data=st.data())
def test_the_interval_agrees_with_statsmodels_for_any_count(n, data):
    met = data.draw(st.integers(min_value=0, max_value=n))

    expected = proportion_confint(met, n, alpha=0.05, method="wilson")

    assert wilson_interval(met, n) == pytest.approx(expected, abs=1e-13)


@pytest.mark.parametrize("confidence", [0.8, 0.9, 0.95, 0.99, 0.998])
def test_other_confidence_levels_agree_with_statsmodels(confidence):
    expected = proportion_confint(17, 60, alpha=1 - confidence, method="wilson")

    assert wilson_interval(17, 60, confidence) == pytest.approx(expected, abs=1e-13)


def test_the_z_value_is_the_normal_quantile_scipy_gives():
    assert z_for(0.95) == pytest.approx(scipy_stats.norm.ppf(0.975), abs=1e-13)
    assert z_for(0.998) == pytest.approx(scipy_stats.norm.ppf(0.999), abs=1e-13)


@given(n=st.integers(min_value=1, max_value=500), data=st.data())
def test_the_interval_lies_in_0_1_and_contains_the_estimate(n, data):
    met = data.draw(st.integers(min_value=0, max_value=n))

    low, high = wilson_interval(met, n)

    assert 0.0 <= low <= met / n <= high <= 1.0


def test_all_files_met_still_gives_an_upper_limit_of_one_and_a_lower_limit_below_it():
    low, high = wilson_interval(60, 60)

    assert high == 1.0
    assert low == pytest.approx(0.9398, abs=5e-5)


@pytest.mark.parametrize(("met", "n"), [(0, 0), (-1, 5), (6, 5)])
def test_impossible_counts_are_refused(met, n):
    with pytest.raises(ValueError):
        wilson_interval(met, n)


def test_a_proportion_of_no_files_has_no_estimate_and_is_a_small_sample():
    empty = Proportion(met=0, n=0)

    assert empty.estimate is None
    assert empty.interval is None
    assert empty.is_small_sample


def test_a_proportion_warns_below_ten_files_only():
    assert Proportion(met=5, n=9).is_small_sample
    assert not Proportion(met=5, n=10).is_small_sample
    assert Proportion(met=45, n=60).estimate == 0.75


@pytest.mark.parametrize(
    ("met", "n", "named"), [(2.5, 5, "successes"), (2, 5.0, "trials"), (True, 5, "successes")]
)
def test_a_count_that_is_not_a_whole_number_is_refused_naming_it(met, n, named):
    with pytest.raises(TypeError, match=f"{named} must be a whole number"):
        wilson_interval(met, n)


@pytest.mark.parametrize(("met", "n"), [(2.5, 5), (2, 5.5), (6, 5), (-1, 5)])
def test_a_proportion_of_impossible_counts_is_refused(met, n):
    with pytest.raises((TypeError, ValueError)):
        Proportion(met=met, n=n)
