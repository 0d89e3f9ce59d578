"""Agreement between first and blind second reviews: observed agreement, Cohen's kappa, plain English."""

import pytest
from statsmodels.stats.inter_rater import cohens_kappa as statsmodels_kappa
from statsmodels.stats.inter_rater import to_table

from reviews.agreement import Agreement, cohens_kappa

# Ten files. First reviewer: 5 yes, 3 no, 2 partly; second: 5 yes, 4 no, 1 partly; they agree on 7.
FIRST = ["yes"] * 5 + ["no"] * 3 + ["partly"] * 2
SECOND = ["yes"] * 4 + ["no"] * 3 + ["yes", "partly", "no"]


def test_kappa_matches_the_hand_computed_value():
    # p_o = 7/10 = 0.70; p_e = (5×5 + 3×4 + 2×1) / 100 = 0.39; kappa = (0.70 − 0.39) / (1 − 0.39) = 0.5082
    agreement = cohens_kappa(zip(FIRST, SECOND, strict=True))

    assert agreement.pairs == 10
    assert agreement.agreed == 7
    assert agreement.observed == pytest.approx(0.70)
    assert agreement.kappa == pytest.approx(0.31 / 0.61)
    assert agreement.band == "moderate agreement"


def test_kappa_matches_statsmodels():
    codes = {"yes": 0, "no": 1, "partly": 2}
    table, _ = to_table([[codes[a], codes[b]] for a, b in zip(FIRST, SECOND, strict=True)])

    assert cohens_kappa(zip(FIRST, SECOND, strict=True)).kappa == pytest.approx(
        statsmodels_kappa(table).kappa
    )


def test_perfect_agreement_is_almost_perfect_and_systematic_disagreement_is_poor():
    assert cohens_kappa([("yes", "yes"), ("no", "no")]).kappa == pytest.approx(1.0)
    assert cohens_kappa([("yes", "yes"), ("no", "no")]).band == "almost perfect agreement"
    assert cohens_kappa([("yes", "no"), ("no", "yes")]).band == "poor (worse than chance)"


def test_kappa_is_not_defined_when_both_reviewers_gave_one_single_answer():
    agreement = cohens_kappa([("yes", "yes")] * 6)

    assert agreement.kappa is None
    assert agreement.observed == 1.0
    assert agreement.band == "not defined (every answer was the same)"


def test_no_pairs_means_no_figures():
    agreement = cohens_kappa([])

    assert (agreement.pairs, agreement.observed, agreement.kappa) == (0, None, None)
    assert agreement.band == "no double-reviewed files yet"


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
    assert Agreement(pairs=10, agreed=5, kappa=kappa).band == band
