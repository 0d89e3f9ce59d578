"""How the report and the compile put numbers, dates and grades into words, the way HMIC writes them."""

import datetime

from django.utils.translation import ngettext

from peel.models import GradeScale, ShownLevel
from reports.statistics import whole_count

_SMALL_NUMBERS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]


def percent(proportion: float | None, places: int = 0) -> str:
    """0.5234 → '52%'; None → '–' (no files)."""
    if proportion is None:
        return "–"
    return f"{proportion * 100:.{places}f}%"


def number_in_words(value: int) -> str:
    """Whole numbers up to ten in words, larger ones in figures (house style: 'seven of the nine').
    A count that is not a whole number, or is negative, is refused."""
    whole_count("value", value)
    return _SMALL_NUMBERS[value] if 0 <= value <= 10 else f"{value:,}"


def counted(count: int, singular: str, plural: str) -> str:
    """'1 strength', '2 strengths': a count with its noun agreeing (Django's ngettext)."""
    return f"{count:,} {ngettext(singular, plural, count)}"


def date_in_words(value: datetime.date) -> str:
    """1 January 2016 (no leading zero, which strftime cannot portably drop)."""
    return f"{value.day} {value:%B %Y}"


def join_words(items: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    items = [item for item in items if item]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def grade_after_to(level: ShownLevel) -> str:
    """A level's report wording as it follows 'judged the force to': 'be good', 'be adequate'; a wording
    that is a verb phrase ('requires improvement') takes the infinitive ('require improvement')."""
    first, _, rest = level.report_wording.partition(" ")
    if first == "requires" and rest:
        return f"require {rest}"
    return f"be {level.report_wording}"


def change_since_previous(
    *, current: str, previous: str, scale: GradeScale, previous_scale: GradeScale
) -> str:
    """The report's sentence on the overall judgment against last year's, e.g. 'Our overall judgment
    this year is an improvement on last year, when we judged the force to require improvement in respect
    of its overall effectiveness.' Grades are compared only on the same scale: after a programme with a
    different scale (four levels then, five now) the sentence says what last year's was, not better or
    worse."""
    previous_level = previous_scale.level(previous)
    if scale.rank(current) is None or previous_level is None or previous_level.is_ungraded:
        return ""
    judged = f"the force to {grade_after_to(previous_level)} in respect of its overall effectiveness."
    if [level.code for level in scale.graded] != [level.code for level in previous_scale.graded]:
        return f"In our previous inspection, which graded on a different scale, we judged {judged}"
    current_rank, previous_rank = scale.rank(current), scale.rank(previous)
    if current_rank > previous_rank:
        change = "an improvement on last year, when we judged"
    elif current_rank < previous_rank:
        change = "a decline from last year, when we judged"
    else:
        change = "the same as last year, when we also judged"
    return f"Our overall judgment this year is {change} {judged}"
