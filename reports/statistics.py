"""Proportions with their uncertainty, for file-review results.

A file-review result is a count of files that met a criterion out of the files it applied to. With
samples of a few dozen files a bare percentage overstates what is known, so every result carries a
Wilson score interval (Wilson, 1927; recommended by Newcombe, 1998, and by Brown, Cai and DasGupta,
2001, over the textbook normal approximation, which fails near 0% and 100% and for small n).
"""

import math
from dataclasses import dataclass
from statistics import NormalDist

SMALL_SAMPLE_N = 10
"""Results from fewer files than this carry a warning mark: the interval is too wide to say much."""


def whole_count(name: str, value: object, *, minimum: int = 0) -> int:
    """``value`` if it is a whole number of at least ``minimum``; otherwise a TypeError or ValueError
    naming the argument. 2.5 files, True files or "5" files are refused, never rounded or coerced."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be a whole number, not {value!r}")
    if value < minimum:
        raise ValueError(f"{name} must be at least {minimum}, not {value}")
    return value


def z_for(confidence: float) -> float:
    """The two-sided standard normal quantile, e.g. 1.95996... for 95%."""
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must be between 0 and 1, not {confidence!r}")
    return NormalDist().inv_cdf(0.5 + confidence / 2)


def wilson_interval(successes: int, trials: int, confidence: float = 0.95) -> tuple[float, float]:
    """The Wilson score interval for ``successes`` out of ``trials``.

    ``(p + z²/2n ± z·sqrt(p(1−p)/n + z²/4n²)) / (1 + z²/n)``; it always lies within [0, 1] and is not
    degenerate at 0 or n successes.
    """
    whole_count("successes", successes)
    if whole_count("trials", trials) <= 0:
        raise ValueError("a proportion needs at least one trial")
    if not 0 <= successes <= trials:
        raise ValueError(f"successes must be between 0 and {trials}, not {successes}")
    z = z_for(confidence)
    p = successes / trials
    z2_n = z * z / trials
    centre = (p + z2_n / 2) / (1 + z2_n)
    half_width = z * math.sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials)) / (1 + z2_n)
    # At 0 or n successes one limit is exactly 0 or 1; floating point would leave it a hair off.
    low = 0.0 if successes == 0 else max(0.0, centre - half_width)
    high = 1.0 if successes == trials else min(1.0, centre + half_width)
    return low, high


@dataclass(frozen=True)
class Proportion:
    """``met`` of ``n`` with its 95% Wilson interval; ``estimate`` and the limits are None when n is 0."""

    met: int
    n: int

    def __post_init__(self) -> None:
        whole_count("met", self.met)
        whole_count("n", self.n)
        if self.met > self.n:
            raise ValueError(f"met must be at most n ({self.n}), not {self.met}")

    @property
    def estimate(self) -> float | None:
        return self.met / self.n if self.n else None

    @property
    def interval(self) -> tuple[float, float] | None:
        return wilson_interval(self.met, self.n) if self.n else None

    @property
    def is_small_sample(self) -> bool:
        return self.n < SMALL_SAMPLE_N
