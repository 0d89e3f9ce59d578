"""Agreement between first and blind second reviews: Cohen's kappa with its standard error, and
Krippendorff's alpha for ordinal answers or more than two reviewers.

Only *ratings* are compared: yes, partly and no. A missing answer, *not applicable* or *not known* is not
a rating of the file against the criterion, so a file counts for a criterion only where both reviewers
rated it (two blank answers do not "agree"); the files left out are counted and shown beside the result.
Kappa is reported per criterion only: pooled over criteria it can be high although every criterion's own
kappa is 0 (the criteria's different answer rates masquerade as agreement).
"""

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from statistics import NormalDist

import krippendorff
import numpy as np

RATINGS = ("no", "partly", "yes")
"""The answers that rate a file, in ascending order (the order Krippendorff's ordinal alpha uses)."""

MIN_FILES_FOR_BAND = 20
"""Below this many rated files no plain-English band is given: the 95% interval of kappa is then wider
than ±0.3, spanning three of Landis and Koch's bands (each 0.2 wide)."""

VARIANCE_ROUNDING = 1e-15

KAPPA_Z = NormalDist().inv_cdf(0.975)
"""The two-sided 95% normal quantile, 1.95996…, for the interval of kappa."""

# Landis & Koch (1977), "The measurement of observer agreement for categorical data".
# Upper bounds of each band; below 0 is "poor".
_BANDS = (
    (0.20, "slight"),
    (0.40, "fair"),
    (0.60, "moderate"),
    (0.80, "substantial"),
    (1.0, "almost perfect"),
)


def is_rating(value: str) -> bool:
    return value in RATINGS


@dataclass(frozen=True)
class Agreement:
    """Agreement of two reviewers on one criterion, over the files both of them rated."""

    pairs: int  # files where both reviewers rated the file (yes, partly or no)
    agreed: int
    kappa: float | None  # None when chance agreement is total (both reviewers used one single answer)
    standard_error: float | None = None  # asymptotic, Fleiss, Cohen & Everitt (1969)
    left_out: int = 0  # files where at least one reviewer gave no rating
    alpha: float | None = None  # Krippendorff's alpha, ordinal (no < partly < yes)

    @property
    def observed(self) -> float | None:
        return self.agreed / self.pairs if self.pairs else None

    @property
    def interval(self) -> tuple[float, float] | None:
        """The 95% interval κ ± 1.96·SE (the Wald interval statsmodels gives), within [−1, 1]. None where
        the standard error is 0 — every file agreed, or one reviewer gave a single answer — since a
        zero-width interval would claim a certainty a handful of files cannot give."""
        if self.kappa is None or not self.standard_error:
            return None
        half_width = KAPPA_Z * self.standard_error
        return max(-1.0, self.kappa - half_width), min(1.0, self.kappa + half_width)

    @property
    def in_words(self) -> str:
        """E.g. "kappa 0.62 (95% interval 0.31 to 0.93) over 14 files where both reviewers answered"."""
        files = f"{self.pairs} file{'' if self.pairs == 1 else 's'} where both reviewers answered"
        if self.kappa is None:
            return f"no kappa over {files}"
        if self.interval is None:
            return f"kappa {self.kappa:.2f} (no interval: its standard error is 0) over {files}"
        low, high = self.interval
        return f"kappa {self.kappa:.2f} (95% interval {low:.2f} to {high:.2f}) over {files}"

    @property
    def band(self) -> str:
        """Plain English for the kappa, after Landis & Koch, given only from MIN_FILES_FOR_BAND files."""
        if not self.pairs:
            return "no files that both reviewers rated yet"
        if self.kappa is None:
            return "not defined (both reviewers gave one single answer)"
        if self.pairs < MIN_FILES_FOR_BAND:
            return f"too few files to say (a label needs at least {MIN_FILES_FOR_BAND})"
        if self.kappa < 0:
            return "poor (worse than chance)"
        for upper, label in _BANDS:
            if self.kappa <= upper:
                return f"{label} agreement"
        return "almost perfect agreement"


def cohens_kappa(pairs: Iterable[tuple[str, str]]) -> Agreement:
    """Cohen's kappa for two reviewers over the pairs in which both gave a rating.

    κ = (p_o − p_e) / (1 − p_e), p_e = Σ p_i. p_.i from each reviewer's own marginals. Its standard error
    is the large-sample one of Fleiss, Cohen & Everitt (1969), "Large sample standard errors of kappa and
    weighted kappa", Psychological Bulletin 72:323–327:

        Var(κ) = [A + B − C] / (n (1 − p_e)²)
        A = Σ_i p_ii (1 − (p_i. + p_.i)(1 − κ))²
        B = (1 − κ)² Σ_{i≠j} p_ij (p_.i + p_j.)²
        C = (κ − p_e (1 − κ))²
    """
    pairs = list(pairs)
    rated = [(first, second) for first, second in pairs if is_rating(first) and is_rating(second)]
    left_out = len(pairs) - len(rated)
    n = len(rated)
    if n == 0:
        return Agreement(pairs=0, agreed=0, kappa=None, left_out=left_out)
    cells = Counter(rated)
    agreed = sum(count for (first, second), count in cells.items() if first == second)
    rows = Counter(first for first, _ in rated)
    columns = Counter(second for _, second in rated)
    chance = sum(rows[value] * columns[value] for value in RATINGS) / (n * n)
    alpha = krippendorff_alpha([[first, second] for first, second in rated], ordinal=True)
    if chance == 1:
        return Agreement(pairs=n, agreed=agreed, kappa=None, left_out=left_out, alpha=alpha)
    kappa = (agreed / n - chance) / (1 - chance)
    row_share = {value: rows[value] / n for value in RATINGS}
    column_share = {value: columns[value] / n for value in RATINGS}
    on_diagonal = sum(
        cells[value, value] / n * (1 - (row_share[value] + column_share[value]) * (1 - kappa)) ** 2
        for value in RATINGS
    )
    off_diagonal = (1 - kappa) ** 2 * sum(
        count / n * (column_share[first] + row_share[second]) ** 2
        for (first, second), count in cells.items()
        if first != second
    )
    correction = (kappa - chance * (1 - kappa)) ** 2
    variance = (on_diagonal + off_diagonal - correction) / (n * (1 - chance) ** 2)
    return Agreement(
        pairs=n,
        agreed=agreed,
        kappa=kappa,
        # Rounding leaves a variance that is exactly 0 a hair either side of it.
        standard_error=math.sqrt(variance) if variance > VARIANCE_ROUNDING else 0.0,
        left_out=left_out,
        alpha=alpha,
    )


def krippendorff_alpha(units: Sequence[Sequence[str]], *, ordinal: bool = True) -> float | None:
    """Krippendorff's alpha over files (units), each with the answers of any number of reviewers.

    Answers that are not ratings count as missing; a file with fewer than two ratings takes no part.
    ``ordinal`` treats no < partly < yes (partly is nearer yes than no is); otherwise the answers are
    nominal categories. None when fewer than two different ratings occur (alpha is then undefined).
    Computed by the ``krippendorff`` package (Castro, after Krippendorff 2011, "Computing Krippendorff's
    alpha-reliability").
    """
    reviewers = max((len(unit) for unit in units), default=0)
    matrix = np.full((reviewers, len(units)), np.nan)
    for column, unit in enumerate(units):
        for row, value in enumerate(unit):
            if is_rating(value):
                matrix[row, column] = RATINGS.index(value)
    pairable = matrix[:, np.sum(~np.isnan(matrix), axis=0) >= 2]
    if len(np.unique(pairable[~np.isnan(pairable)])) < 2:
        return None
    return float(
        krippendorff.alpha(
            reliability_data=pairable,
            value_domain=list(range(len(RATINGS))),
            level_of_measurement="ordinal" if ordinal else "nominal",
        )
    )
