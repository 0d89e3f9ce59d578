"""The audit estimate (reports/estimates.py): the stratum-weighted proportion and its intervals, checked
against an independent survey library (samplics' Taylor-linearisation estimator, which the
implementation does not use) and against the properties the formula must have."""

import math
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from statsmodels.stats.proportion import proportion_confint

from reports.estimates import (
    NoEstimate,
    StratumTally,
    korn_graubard_interval,
    stratified_proportion,
    stratum_weights,
)

with warnings.catch_warnings():
    warnings.simplefilter("ignore", FutureWarning)  # samplics announces it is archived
    from samplics.estimation import TaylorEstimator
    from samplics.utils.types import PopParam

# What these tests check is the arithmetic, not its speed (a busy machine makes scipy's calls slow).
NO_DEADLINE = settings(deadline=None)


def samplics_estimate(tallies: list[StratumTally]) -> tuple[float, float]:
    """The same estimate from the files themselves: one 0/1 row per file, design weight N_h/n_h,
    stratum, and samplics' finite population correction 1 − n_h/N_h per stratum."""
    decisions, weights, strata, fpc = [], [], [], {}
    for tally in tallies:
        decisions += [1] * tally.yes + [0] * (tally.files - tally.yes)
        weights += [tally.frame_size / tally.files] * tally.files
        strata += [tally.label] * tally.files
        fpc[tally.label] = 1 - tally.files / tally.frame_size
    estimator = TaylorEstimator(PopParam.prop)
    estimator.estimate(
        y=np.array(decisions), samp_weight=np.array(weights), stratum=np.array(strata), fpc=fpc
    )
    # samplics estimates each category's share; with every file one way it has only that category.
    point = estimator.point_est.get(1, 1 - estimator.point_est.get(0, 1.0))
    return point, next(iter(estimator.stderror.values()))


@st.composite
def tallies(draw, *, min_files: int = 2):
    """Strata of a frame, each sampled at its own rate, with decided files."""
    count = draw(st.integers(min_value=1, max_value=6))
    result = []
    for index in range(count):
        frame_size = draw(st.integers(min_value=min_files, max_value=5000))
        files = draw(st.integers(min_value=min_files, max_value=min(frame_size, 200)))
        yes = draw(st.integers(min_value=0, max_value=files))
        result.append(StratumTally(label=f"stratum {index}", frame_size=frame_size, files=files, yes=yes))
    return result


@settings(max_examples=60, deadline=None)
@given(tallies())
def test_the_estimate_and_its_standard_error_agree_with_samplics(strata):
    point, standard_error = samplics_estimate(strata)

    estimate = stratified_proportion(strata)

    assert estimate.proportion == pytest.approx(point, abs=1e-12)
    assert estimate.standard_error == pytest.approx(standard_error, abs=1e-12)


def test_a_force_with_strata_sampled_at_different_rates_gets_the_weighted_rate_not_the_raw_share():
    strata = [
        StratumTally("Violence", frame_size=6000, files=60, yes=51),  # 1% sampled, 85% correct
        StratumTally("Sexual offences", frame_size=400, files=40, yes=38),  # 10% sampled, 95% correct
    ]

    estimate = stratified_proportion(strata)

    weighted = (6000 * 51 / 60 + 400 * 38 / 40) / 6400
    assert estimate.proportion == pytest.approx(weighted)  # 0.8562..., not the raw 89/100
    variance = (6000 / 6400) ** 2 * (1 - 60 / 6000) * 0.85 * 0.15 / 59 + (400 / 6400) ** 2 * (
        1 - 40 / 400
    ) * 0.95 * 0.05 / 39
    assert estimate.standard_error == pytest.approx(math.sqrt(variance))
    assert estimate.margin == pytest.approx(1.959963984540054 * math.sqrt(variance))
    assert (estimate.files, estimate.frame_size) == (100, 6400)


@NO_DEADLINE
@given(tallies(min_files=1))
def test_the_stratum_weights_sum_to_one(strata):
    assert sum(stratum_weights(strata)) == pytest.approx(1.0)


@NO_DEADLINE
@given(tallies(), st.integers(min_value=1, max_value=20))
def test_with_every_stratum_sampled_at_the_same_rate_it_is_the_unweighted_proportion(strata, times):
    same_rate = [StratumTally(s.label, times * s.files, s.files, s.yes) for s in strata]

    estimate = stratified_proportion(same_rate)

    assert estimate.proportion == pytest.approx(sum(s.yes for s in strata) / sum(s.files for s in strata))


@NO_DEADLINE
@given(tallies(min_files=2))
def test_strata_reviewed_in_full_add_no_variance(strata):
    censused = [StratumTally(s.label, s.files, s.files, s.yes) for s in strata]

    estimate = stratified_proportion(censused)

    assert estimate.standard_error == 0
    assert estimate.margin == 0


def test_a_stratum_with_one_file_is_given_the_largest_variance_a_proportion_can_have_and_is_named():
    strata = [StratumTally("Burglary", 500, 30, 27), StratumTally("Arson", 20, 1, 1)]

    estimate = stratified_proportion(strata)

    weight = 20 / 520
    expected = (500 / 520) ** 2 * (1 - 30 / 500) * 0.9 * 0.1 / 29 + weight**2 * (1 - 1 / 20) * 0.25
    assert estimate.standard_error == pytest.approx(math.sqrt(expected))
    assert estimate.single_file_strata == ("Arson",)


def test_every_file_yes_gives_a_stated_interval_below_100_percent_though_the_margin_is_zero():
    estimate = stratified_proportion(
        [StratumTally("Violence", 3000, 40, 40), StratumTally("Robbery", 200, 20, 20)]
    )

    assert estimate.proportion == 1
    assert estimate.margin == 0
    assert estimate.interval_high == 1
    # Clopper–Pearson with all 60 files "yes": (α/2)^(1/60).
    assert estimate.interval_low == pytest.approx(0.025 ** (1 / 60))


def test_a_stratum_of_the_frame_without_a_decided_file_gives_no_estimate_and_is_named():
    result = stratified_proportion(
        [StratumTally("Violence", 3000, 40, 30), StratumTally("Robbery", 200, 0, 0)]
    )

    assert result == NoEstimate(missing_strata=("Robbery",))


def test_a_stratum_with_no_crimes_in_the_frame_has_no_weight():
    with_empty = stratified_proportion(
        [StratumTally("Violence", 3000, 40, 30), StratumTally("Arson", 0, 0, 0)]
    )

    assert with_empty.proportion == pytest.approx(0.75)
    assert [share.label for share in with_empty.strata] == ["Violence"]


def test_impossible_tallies_are_refused_naming_the_stratum():
    with pytest.raises(ValueError, match="Robbery: 5 'yes' decisions out of 4 files"):
        StratumTally("Robbery", 10, 4, 5)
    with pytest.raises(ValueError, match="Robbery: 12 files from a frame of 10"):
        StratumTally("Robbery", 10, 12, 5)
    with pytest.raises(TypeError):
        StratumTally("Robbery", 10.5, 4, 2)


@NO_DEADLINE
@given(
    proportion=st.floats(min_value=0.01, max_value=0.99),
    variance=st.floats(min_value=1e-5, max_value=0.01),
    files=st.integers(min_value=10, max_value=1000),
)
def test_the_korn_graubard_interval_is_clopper_pearson_at_the_effective_sample_size(
    proportion, variance, files
):
    effective = min(files, proportion * (1 - proportion) / variance)

    low, high, used = korn_graubard_interval(proportion, variance, files)

    expected = proportion_confint(effective * proportion, effective, alpha=0.05, method="beta")
    assert used == pytest.approx(effective)
    assert (low, high) == pytest.approx(expected, abs=1e-10)


@NO_DEADLINE
@given(tallies())
def test_the_stated_interval_lies_within_0_and_1_and_contains_the_estimate(strata):
    estimate = stratified_proportion(strata)

    assert 0 <= estimate.interval_low <= estimate.proportion <= estimate.interval_high <= 1
    assert estimate.interval_low < estimate.interval_high
