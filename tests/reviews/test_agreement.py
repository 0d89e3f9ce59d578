"""Agreement between first and blind second reviews: Cohen's kappa over the files both reviewers rated,
its standard error, Krippendorff's alpha, and plain English only where there are files enough."""

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from sklearn.metrics import cohen_kappa_score
from statsmodels.stats.inter_rater import cohens_kappa as statsmodels_kappa
from statsmodels.stats.inter_rater import to_table

from reviews.agreement import MIN_FILES_FOR_BAND, RATINGS, Agreement, cohens_kappa, krippendorff_alpha

# Ten files. First reviewer: 5 yes, 3 no, 2 partly; second: 5 yes, 4 no, 1 partly; they agree on 7.
FIRST = ["yes"] * 5 + ["no"] * 3 + ["partly"] * 2
SECOND = ["yes"] * 4 + ["no"] * 3 + ["yes", "partly", "no"]

# Six files rated by both (3 yes/yes, 2 no/no, 1 yes/no) and four that neither rated.
RATED_AND_BLANK = [("yes", "yes")] * 3 + [("no", "no")] * 2 + [("yes", "no")] + [("", "")] * 4


def statsmodels_result(pairs):
    codes = {value: index for index, value in enumerate(RATINGS)}
    table, _ = to_table(np.array([[codes[a], codes[b]] for a, b in pairs]), bins=np.arange(4) - 0.5)
    return statsmodels_kappa(table)


def test_kappa_matches_the_hand_computed_value():
    # p_o = 7/10 = 0.70; p_e = (5×5 + 3×4 + 2×1) / 100 = 0.39; kappa = (0.70 − 0.39) / (1 − 0.39) = 0.5082
    agreement = cohens_kappa(zip(FIRST, SECOND, strict=True))

    assert agreement.pairs == 10
    assert agreement.agreed == 7
    assert agreement.observed == pytest.approx(0.70, abs=1e-12)
    assert agreement.kappa == pytest.approx(0.31 / 0.61, abs=1e-12)


def test_two_blank_answers_do_not_agree_and_the_files_left_out_are_counted():
    # Counting a blank as a category: p_o = 9/10, p_e = (4×3 + 2×3 + 4×4)/100 = 0.34, kappa 0.848.
    # Over the six rated files: p_o = 5/6, p_e = (4×3 + 2×3)/36 = 1/2, kappa = (5/6 − 1/2)/(1/2) = 2/3.
    agreement = cohens_kappa(RATED_AND_BLANK)

    assert (agreement.pairs, agreement.agreed, agreement.left_out) == (6, 5, 4)
    assert agreement.kappa == pytest.approx(2 / 3, abs=1e-12)
    assert agreement.in_words.endswith("over 6 files where both reviewers answered")


@pytest.mark.parametrize("unrated", ["", "not_applicable", "not_known"])
def test_a_file_that_only_one_reviewer_rated_is_left_out(unrated):
    agreement = cohens_kappa([("yes", "yes"), ("no", "no"), ("yes", unrated), (unrated, "no")])

    assert (agreement.pairs, agreement.agreed, agreement.left_out) == (2, 2, 2)
    assert agreement.kappa == pytest.approx(1.0, abs=1e-12)


def test_the_standard_error_matches_fleiss_cohen_and_everitt_worked_by_hand():
    # n = 6, κ = 2/3, p_e = 1/2; p(yes,yes) = 1/2, p(no,no) = 1/3, p(yes,no) = 1/6;
    # rows yes 4/6, no 2/6; columns yes 3/6, no 3/6.
    # A = 1/2 (1 − 7/6 · 1/3)² + 1/3 (1 − 5/6 · 1/3)² = 363/1944 + 338/1944 = 701/1944;
    # B = (1/3)² · 1/6 · (3/6 + 2/6)² = 25/1944; C = (2/3 − 1/2 · 1/3)² = 1/4 = 486/1944;
    # Var = (A + B − C) / (6 · 1/4) = (240/1944) / (3/2) = 20/243.
    agreement = cohens_kappa(RATED_AND_BLANK)

    assert agreement.standard_error == pytest.approx(math.sqrt(20 / 243), abs=1e-12)
    z = 1.959963984540054
    low, high = agreement.interval
    assert low == pytest.approx(2 / 3 - z * math.sqrt(20 / 243), abs=1e-12)
    assert high == 1.0  # clipped: kappa cannot exceed 1


def test_kappa_its_standard_error_and_interval_match_statsmodels():
    pairs = list(zip(FIRST, SECOND, strict=True))
    expected = statsmodels_result(pairs)
    agreement = cohens_kappa(pairs)

    assert agreement.kappa == pytest.approx(expected.kappa, abs=1e-12)
    assert agreement.standard_error == pytest.approx(expected.std_kappa, abs=1e-12)
    assert agreement.interval == pytest.approx((expected.kappa_low, expected.kappa_upp), abs=1e-12)


@given(st.lists(st.tuples(st.sampled_from(RATINGS), st.sampled_from(RATINGS)), min_size=2, max_size=80))
def test_kappa_and_its_standard_error_agree_with_statsmodels_and_sklearn_for_any_ratings(pairs):
    agreement = cohens_kappa(pairs)
    if agreement.kappa is None:
        assert len({a for a, _ in pairs} | {b for _, b in pairs}) == 1
        return
    expected = statsmodels_result(pairs)

    assert agreement.kappa == pytest.approx(expected.kappa, abs=1e-12)
    assert agreement.kappa == pytest.approx(
        cohen_kappa_score([a for a, _ in pairs], [b for _, b in pairs]), abs=1e-12
    )
    # statsmodels takes the square root of a variance that rounding can leave a hair below 0 (where the
    # true variance is 0), so compare variances.
    assert agreement.standard_error**2 == pytest.approx(expected.var_kappa, abs=1e-12)


def test_perfect_agreement_is_almost_perfect_and_systematic_disagreement_is_poor():
    many = MIN_FILES_FOR_BAND // 2
    assert cohens_kappa([("yes", "yes"), ("no", "no")] * many).kappa == pytest.approx(1.0)
    assert cohens_kappa([("yes", "yes"), ("no", "no")] * many).band == "almost perfect agreement"
    assert cohens_kappa([("yes", "no"), ("no", "yes")] * many).band == "poor (worse than chance)"


@pytest.mark.parametrize(
    "pairs",
    [
        [("yes", "yes"), ("no", "no")] * 3,  # every file agreed: κ = 1
        [("yes", "yes")] * 5 + [("yes", "no")],  # the first reviewer said yes throughout: κ = 0
    ],
    ids=["every file agreed", "one reviewer gave one single answer"],
)
def test_no_interval_is_claimed_where_the_standard_error_is_zero(pairs):
    agreement = cohens_kappa(pairs)

    assert agreement.kappa is not None
    assert agreement.standard_error == 0.0
    assert agreement.interval is None
    assert "(no interval: its standard error is 0) over 6 files where both reviewers answered" in (
        agreement.in_words
    )


def test_below_the_minimum_number_of_files_no_band_is_given():
    few = cohens_kappa([("yes", "yes"), ("no", "no")] * ((MIN_FILES_FOR_BAND - 1) // 2))

    assert few.kappa == pytest.approx(1.0)
    assert few.band == f"too few files to say (a label needs at least {MIN_FILES_FOR_BAND})"


def test_kappa_is_not_defined_when_both_reviewers_gave_one_single_answer():
    agreement = cohens_kappa([("yes", "yes")] * 6)

    assert agreement.kappa is None
    assert agreement.interval is None
    assert agreement.observed == 1.0
    assert agreement.band == "not defined (both reviewers gave one single answer)"


def test_no_pairs_means_no_figures():
    agreement = cohens_kappa([("", ""), ("not_applicable", "yes")])

    assert (agreement.pairs, agreement.observed, agreement.kappa, agreement.left_out) == (0, None, None, 2)
    assert agreement.band == "no files that both reviewers rated yet"


@pytest.mark.parametrize(
    ("kappa", "band"),
    [
        (0.0, "slight agreement"),
        (0.20, "slight agreement"),
        (0.21, "fair agreement"),
        (0.40, "fair agreement"),
        (0.41, "moderate agreement"),
        (0.60, "moderate agreement"),
        (0.61, "substantial agreement"),
        (0.80, "substantial agreement"),
        (0.81, "almost perfect agreement"),
        (1.0, "almost perfect agreement"),
    ],
)
def test_the_landis_and_koch_bands(kappa, band):
    assert Agreement(pairs=MIN_FILES_FOR_BAND, agreed=5, kappa=kappa).band == band


def test_alpha_for_two_reviewers_and_two_answers_matches_the_hand_computed_value():
    # Coincidences: o(yes,yes) = 6, o(no,no) = 4, o(yes,no) = o(no,yes) = 1; n_yes = 7, n_no = 5, n = 12.
    # α = 1 − (n − 1) Σ_{c≠k} o_ck / Σ_{c≠k} n_c n_k = 1 − 11 · 2 / 70 = 24/35 (ordinal = nominal here).
    units = [[first, second] for first, second in RATED_AND_BLANK]

    assert krippendorff_alpha(units, ordinal=False) == pytest.approx(24 / 35, abs=1e-12)
    assert krippendorff_alpha(units, ordinal=True) == pytest.approx(24 / 35, abs=1e-12)
    assert cohens_kappa(RATED_AND_BLANK).alpha == pytest.approx(24 / 35, abs=1e-12)


def test_alpha_for_three_reviewers_with_missing_answers_matches_the_hand_computed_values():
    # no = 0, partly = 1, yes = 2. File 4 has one rating and takes no part.
    # Coincidences: file 1 (2, 2, 1; weight 1/2) o22 += 1, o21 += 1, o12 += 1; file 2 (0, 0) o00 += 2;
    # file 3 (1, 2) o12 += 1, o21 += 1. So o00 = 2, o12 = o21 = 2, o22 = 1; n0 = 2, n1 = 2, n2 = 3, n = 7.
    # Ordinal δ²: (0,1) = (4/2)² = 4; (1,2) = (5/2)² = 6.25; (0,2) = (7 − 5/2)² = 20.25.
    # D_o = (2·6.25 + 2·6.25)/7 = 25/7; D_e = 2(4·4 + 6·6.25 + 6·20.25)/42 = 25/3; α = 1 − 3/7 = 4/7.
    # Nominal: D_o = 4/7, D_e = 2(4 + 6 + 6)/42 = 16/21; α = 1 − 3/4 = 1/4.
    units = [
        ["yes", "yes", "partly"],
        ["no", "no", ""],
        ["partly", "yes", "not_applicable"],
        ["yes", "not_known", ""],
    ]

    assert krippendorff_alpha(units, ordinal=True) == pytest.approx(4 / 7, abs=1e-12)
    assert krippendorff_alpha(units, ordinal=False) == pytest.approx(1 / 4, abs=1e-12)


def test_alpha_is_not_defined_when_every_rating_is_the_same():
    assert krippendorff_alpha([["yes", "yes"], ["yes", "yes", "yes"]]) is None
    assert krippendorff_alpha([]) is None
