"""The comparison words of annex A: "one of the highest", "one of the lowest" or "broadly in line with
England and Wales".

Annex A: "This is calculated by ranking the usage of outcomes and then highlighting the top and bottom 25
percent of forces. All other forces will be broadly in line with England and Wales."

Decisions where the annex is silent (docs/force-figures.md):
- A force's rank from the top is 1 + the number of forces with a strictly higher value (and likewise from
  the bottom), so tied forces share a rank and always get the same words.
- A force is in the top 25 percent when its rank from the top is at most a quarter of the forces ranked
  (rank ≤ n/4): 10 of 43 forces, 1 of 4. A tie that straddles the boundary is in, so the group can be
  larger than a quarter.
- A force that would be both in the top and in the bottom quarter (every value equal) is broadly in line.
- With fewer than four forces ranked no force can be in a quarter, and "broadly in line" would claim a
  comparison that was not made: the force is *not ranked*.
"""

from collections.abc import Sequence
from decimal import Decimal

from django.db import models

MINIMUM_FORCES_TO_RANK = 4


class Comparison(models.TextChoices):
    HIGHEST = "highest", "one of the highest"
    LOWEST = "lowest", "one of the lowest"
    IN_LINE = "in_line", "broadly in line with England and Wales"
    NOT_RANKED = "not_ranked", "not ranked"


def compare_with_forces(value: Decimal, ranked_values: Sequence[Decimal]) -> Comparison:
    """Where ``value`` stands among ``ranked_values``: every ranked force's value, this force's included."""
    count = len(ranked_values)
    if count < MINIMUM_FORCES_TO_RANK:
        return Comparison.NOT_RANKED
    rank_from_top = 1 + sum(1 for other in ranked_values if other > value)
    rank_from_bottom = 1 + sum(1 for other in ranked_values if other < value)
    in_top_quarter = 4 * rank_from_top <= count
    in_bottom_quarter = 4 * rank_from_bottom <= count
    if in_top_quarter and not in_bottom_quarter:
        return Comparison.HIGHEST
    if in_bottom_quarter and not in_top_quarter:
        return Comparison.LOWEST
    return Comparison.IN_LINE
