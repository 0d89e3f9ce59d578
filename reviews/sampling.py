"""The sampling algorithm, as pure functions: quotas, shortfall reallocation and each stratum's random order.

Reproducibility is the point: the same frame and the same seed give the same files on any machine and
any Python version. Each stratum has its own stream ``random.Random(f"{seed}:{stratum_label}")`` (string
seeds are hashed with SHA-512, a documented, stable seeding; the double-review choice uses the stream
``"{seed}:double-review"``), and only ``Random.random()`` is used,
whose sequence Python guarantees not to change; the shuffle is our own Fisher–Yates over the frame's
references sorted by code point, so neither database order nor ``random.shuffle``'s implementation
matters. Changing any of this changes ``ALGORITHM_VERSION``.
"""

import hashlib
import random
from collections.abc import Iterable, Sequence

ALGORITHM_VERSION = "stratified-srs-fisher-yates-v1"


def even_quotas(total: int, strata: int) -> list[int]:
    """The total split as evenly as possible, the remainder going one each to the strata listed first."""
    if strata <= 0:
        return []
    base, remainder = divmod(total, strata)
    return [base + (1 if index < remainder else 0) for index in range(strata)]


def allocate_with_shortfall(quotas: Sequence[int], frame_sizes: Sequence[int]) -> list[int]:
    """How many files to draw from each stratum.

    A stratum whose frame is smaller than its quota gives all it has; the shortfall goes to the other
    strata in proportion to what they have left beyond their own quotas. Rounding rule: each stratum
    first gets the whole part of its proportional share; the units still to give go one each to the
    strata with the largest fractional parts, ties to the stratum listed first. No stratum is given more
    than it has left, and if the strata together have less than the total, everything is taken.
    """
    drawn = [min(quota, size) for quota, size in zip(quotas, frame_sizes, strict=True)]
    shortfall = sum(quotas) - sum(drawn)
    left = [size - quota if size > quota else 0 for quota, size in zip(quotas, frame_sizes, strict=True)]
    total_left = sum(left)
    if shortfall <= 0 or total_left == 0:
        return drawn
    if shortfall >= total_left:
        return [d + spare for d, spare in zip(drawn, left, strict=True)]
    # Integer arithmetic: share_i = shortfall * left_i / total_left, exactly.
    whole = [shortfall * spare // total_left for spare in left]
    fractions = [shortfall * spare % total_left for spare in left]
    still_to_give = shortfall - sum(whole)
    by_largest_fraction = sorted(
        (index for index in range(len(left)) if whole[index] < left[index]),
        key=lambda index: (-fractions[index], index),
    )
    for index in by_largest_fraction[:still_to_give]:
        whole[index] += 1
    return [d + extra for d, extra in zip(drawn, whole, strict=True)]


def random_order(references: Iterable[str], *, seed: int, stream: str) -> list[str]:
    """References in a random order; for a stratum (stream = its label) the first ``n`` are the sample
    and the rest its reserves, in the order they are brought in."""
    order = sorted(references)
    rng = random.Random(f"{seed}:{stream}")
    for i in range(len(order) - 1, 0, -1):
        j = int(rng.random() * (i + 1))
        order[i], order[j] = order[j], order[i]
    return order


def frame_digest(lines: Iterable[tuple[str, str]]) -> str:
    """SHA-256 of the frame as (stratum label, crime reference) pairs in code-point order."""
    digest = hashlib.sha256()
    for stratum_label, reference in sorted(lines):
        digest.update(f"{stratum_label}\t{reference}\n".encode())
    return digest.hexdigest()
