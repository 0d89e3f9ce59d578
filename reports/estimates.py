"""An audit's result: the stratum-weighted proportion of files decided "yes", with its 95% interval.

An audit samples each stratum h at its own rate: n_h files from a frame of N_h crimes. The share of the
frame's crimes that would be decided "yes" is estimated by weighting each stratum's sample proportion
by the stratum's share of the frame (Cochran, *Sampling Techniques*, 3rd ed., 1977, §5.7; Lohr,
*Sampling: Design and Analysis*, 2nd ed., 2010, §3.2):

    p̂ = Σ W_h p̂_h,   W_h = N_h / N,   p̂_h = y_h / n_h

    v(p̂) = Σ W_h² (1 − f_h) p̂_h (1 − p̂_h) / (n_h − 1),   f_h = n_h / N_h

(1 − f_h) is the finite population correction: a stratum reviewed in full (n_h = N_h) adds no variance.

The 95% interval. The inspectorate's reports give a margin, "87.8% (± 1.7 percentage points)": that is
the normal interval p̂ ± z·√v(p̂), z = 1.96, kept as ``margin``. Near 0% or 100%, and with few files, the
normal interval is too narrow and can cross 0 or 1, so the interval the results and the report state is
Korn and Graubard's (1998, *Survey Methodology* 24(2)): a Clopper–Pearson interval at the effective
sample size n* = p̂(1 − p̂) / v(p̂) (capped at the number of files n; the number of files itself where
v(p̂) = 0), i.e. the beta quantiles at x* = n* p̂ successes of n* trials. It always lies in [0, 1], is
never a single point, and where the normal interval is sound the two agree closely. (R's ``survey``
calls it ``svyciprop(method = "beta")``; its degrees-of-freedom adjustment is not applied here.)

Edge cases:

- a stratum with no frame (N_h = 0) has no weight and is left out; a stratum of the frame with no
  decided files cannot be estimated, so no estimate is given (``missing_strata`` names them) rather
  than silently re-weighting the others;
- a stratum with one file (n_h = 1) has no within-stratum variance estimate: its variance term is taken
  as the largest a proportion can have, W_h² (1 − f_h) · ¼ (conservative), and the stratum is named in
  ``single_file_strata``; where n_h = N_h = 1 the term is zero (reviewed in full);
- p̂_h of 0 or 1 gives a zero variance term, which is what the formula says: the Korn–Graubard
  interval, not the normal margin, keeps the stated interval honest then.
"""

import math
from dataclasses import dataclass

from scipy.stats import beta

from reports.statistics import whole_count, z_for

CONFIDENCE = 0.95
METHOD = "stratified-proportion-fpc-korn-graubard-v1"


@dataclass(frozen=True)
class StratumTally:
    """One stratum: its frame size N_h, files decided n_h and files decided "yes" y_h."""

    label: str
    frame_size: int
    files: int
    yes: int

    def __post_init__(self):
        whole_count("frame_size", self.frame_size)
        whole_count("files", self.files)
        whole_count("yes", self.yes)
        if self.yes > self.files:
            raise ValueError(f"{self.label}: {self.yes} 'yes' decisions out of {self.files} files")
        if self.files > self.frame_size:
            raise ValueError(f"{self.label}: {self.files} files from a frame of {self.frame_size}")


@dataclass(frozen=True)
class StratumShare:
    label: str
    frame_size: int
    files: int
    yes: int
    weight: float
    proportion: float
    sampling_rate: float


@dataclass(frozen=True)
class StratifiedEstimate:
    proportion: float
    standard_error: float
    margin: float  # z × standard error: the "± x percentage points" of the inspectorate's reports
    interval_low: float  # Korn–Graubard
    interval_high: float
    effective_files: float
    files: int
    frame_size: int
    strata: tuple[StratumShare, ...]
    single_file_strata: tuple[str, ...]


@dataclass(frozen=True)
class NoEstimate:
    """Why there is no estimate yet: strata of the frame without a decided file."""

    missing_strata: tuple[str, ...]


def stratum_weights(tallies: list[StratumTally]) -> list[float]:
    """W_h = N_h / N for each stratum (0 for an empty frame)."""
    total = sum(t.frame_size for t in tallies)
    return [t.frame_size / total if total else 0.0 for t in tallies]


def _variance_term(weight: float, tally: StratumTally) -> float:
    rate = tally.files / tally.frame_size
    if tally.files == 1:
        return weight**2 * (1 - rate) * 0.25
    share = tally.yes / tally.files
    return weight**2 * (1 - rate) * share * (1 - share) / (tally.files - 1)


def korn_graubard_interval(
    proportion: float, variance: float, files: int, confidence: float = CONFIDENCE
) -> tuple[float, float, float]:
    """(low, high, effective sample size): Clopper–Pearson at n* = p(1 − p)/v, capped at ``files``."""
    effective = min(files, proportion * (1 - proportion) / variance) if variance > 0 else float(files)
    successes = effective * proportion
    alpha = 1 - confidence
    low = 0.0 if successes <= 0 else float(beta.ppf(alpha / 2, successes, effective - successes + 1))
    high = (
        1.0
        if successes >= effective
        else float(beta.ppf(1 - alpha / 2, successes + 1, effective - successes))
    )
    return low, high, effective


def stratified_proportion(
    tallies: list[StratumTally], confidence: float = CONFIDENCE
) -> StratifiedEstimate | NoEstimate:
    """The stratum-weighted proportion and its intervals (see the module's docstring)."""
    framed = [t for t in tallies if t.frame_size > 0]
    missing = tuple(t.label for t in framed if t.files == 0)
    if missing or not framed:
        return NoEstimate(missing_strata=missing)
    weights = stratum_weights(framed)
    proportion = sum(w * t.yes / t.files for w, t in zip(weights, framed, strict=True))
    variance = sum(_variance_term(w, t) for w, t in zip(weights, framed, strict=True))
    proportion = min(1.0, max(0.0, proportion))  # a sum of shares can round a hair past 1
    files = sum(t.files for t in framed)
    low, high, effective = korn_graubard_interval(proportion, variance, files, confidence)
    standard_error = math.sqrt(variance)
    return StratifiedEstimate(
        proportion=proportion,
        standard_error=standard_error,
        margin=z_for(confidence) * standard_error,
        interval_low=low,
        interval_high=high,
        effective_files=effective,
        files=files,
        frame_size=sum(t.frame_size for t in framed),
        strata=tuple(
            StratumShare(
                label=t.label,
                frame_size=t.frame_size,
                files=t.files,
                yes=t.yes,
                weight=w,
                proportion=t.yes / t.files,
                sampling_rate=t.files / t.frame_size,
            )
            for w, t in zip(weights, framed, strict=True)
        ),
        single_file_strata=tuple(t.label for t in framed if t.files == 1 and t.frame_size > 1),
    )
