"""Agreement between first and blind second reviews: observed agreement and Cohen's kappa."""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

# Landis & Koch (1977), "The measurement of observer agreement for categorical data".
# Upper bounds of each band; below 0 is "poor".
_BANDS = (
    (0.20, "slight"),
    (0.40, "fair"),
    (0.60, "moderate"),
    (0.80, "substantial"),
    (1.0, "almost perfect"),
)


@dataclass(frozen=True)
class Agreement:
    pairs: int
    agreed: int
    kappa: float | None  # None when chance agreement is total (both reviewers used one single answer)

    @property
    def observed(self) -> float | None:
        return self.agreed / self.pairs if self.pairs else None

    @property
    def band(self) -> str:
        """Plain English for the kappa, after Landis & Koch."""
        if self.kappa is None:
            return "not defined (every answer was the same)" if self.pairs else "no double-reviewed files yet"
        if self.kappa < 0:
            return "poor (worse than chance)"
        for upper, label in _BANDS:
            if self.kappa <= upper:
                return f"{label} agreement"
        return "almost perfect agreement"


def cohens_kappa(pairs: Iterable[tuple[str, str]]) -> Agreement:
    """Cohen's kappa for two raters: (p_o − p_e) / (1 − p_e), with p_e from each rater's own marginals."""
    pairs = list(pairs)
    n = len(pairs)
    if n == 0:
        return Agreement(pairs=0, agreed=0, kappa=None)
    agreed = sum(1 for first, second in pairs if first == second)
    first_counts = Counter(first for first, _ in pairs)
    second_counts = Counter(second for _, second in pairs)
    chance = sum(first_counts[value] * second_counts[value] for value in first_counts) / (n * n)
    observed = agreed / n
    if chance == 1:
        return Agreement(pairs=n, agreed=agreed, kappa=None)
    return Agreement(pairs=n, agreed=agreed, kappa=(observed - chance) / (1 - chance))
