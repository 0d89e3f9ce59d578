"""Grade scales without the database, for the grading rules' and the wording's tests."""

from peel.models import GradeLevel, GradeScale
from peel.services.scales import PEEL_2016_LEVELS, PEEL_2021_LEVELS


def scale_of(levels: list[dict]) -> GradeScale:
    """A scale from levels given best first, as ``grade_scale_set`` takes them."""
    return GradeScale.of(GradeLevel(order=order, **spec) for order, spec in enumerate(levels, start=1))


FOUR_LEVELS = scale_of(PEEL_2016_LEVELS)
FIVE_LEVELS = scale_of(PEEL_2021_LEVELS)
