"""How the report and the compile put numbers, dates and grades into words, the way HMIC writes them."""

import datetime

from django.utils.translation import ngettext

from peel.models import Grade
from reports.statistics import whole_count

_SMALL_NUMBERS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]

GRADE_RANK = {
    Grade.INADEQUATE: 1,
    Grade.REQUIRES_IMPROVEMENT: 2,
    Grade.GOOD: 3,
    Grade.OUTSTANDING: 4,
}

# "... when we judged the force to require improvement"; "... the force is good".
_GRADE_AFTER_TO = {
    Grade.OUTSTANDING: "be outstanding",
    Grade.GOOD: "be good",
    Grade.REQUIRES_IMPROVEMENT: "require improvement",
    Grade.INADEQUATE: "be inadequate",
}


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


def addressed_in_words(addressed: int, total: int, singular: str, plural: str) -> str:
    """How many of the previous findings were addressed, as the report words it: 'seven of the nine
    areas for improvement have been addressed', 'both causes of concern have been addressed', 'the
    area for improvement has not been addressed', 'none of the three ... have been addressed'."""
    whole_count("addressed", addressed)
    whole_count("total", total)
    if total == 1:
        return f"the {singular} has {'' if addressed else 'not '}been addressed"
    if addressed == 0:
        return f"none of the {number_in_words(total)} {plural} have been addressed"
    if addressed == total:
        every = "both" if total == 2 else f"all {number_in_words(total)}"
        return f"{every} {plural} have been addressed"
    verb = "has" if addressed == 1 else "have"
    return f"{number_in_words(addressed)} of the {number_in_words(total)} {plural} {verb} been addressed"


def previous_progress_in_words(
    *, afis_addressed: int, afis_total: int, causes_addressed: int, causes_total: int
) -> str:
    """The report's sentence on the previous inspection's findings, without its lead-in ('Since then,
    '): causes of concern first, as the report puts them, then areas for improvement."""
    parts = []
    if causes_total:
        parts.append(
            addressed_in_words(causes_addressed, causes_total, "cause of concern", "causes of concern")
        )
    if afis_total:
        parts.append(
            addressed_in_words(afis_addressed, afis_total, "area for improvement", "areas for improvement")
        )
    return "; ".join(parts)


def date_in_words(value: datetime.date) -> str:
    """1 January 2016 (no leading zero, which strftime cannot portably drop)."""
    return f"{value.day} {value:%B %Y}"


def join_words(items: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    items = [item for item in items if item]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def grade_label(grade: str) -> str:
    return Grade(grade).label if grade else "Not graded"


def grade_after_to(grade: str) -> str:
    """The grade as it follows 'judged the force to': 'be good', 'require improvement'."""
    return _GRADE_AFTER_TO[Grade(grade)]


def change_since_previous(current: str, previous: str) -> str:
    """The report's sentence on the overall judgment against last year's, e.g. 'Our overall judgment
    this year is an improvement on last year, when we judged the force to require improvement in respect
    of its overall effectiveness.'"""
    if current not in GRADE_RANK or previous not in GRADE_RANK:
        return ""
    if GRADE_RANK[current] > GRADE_RANK[previous]:
        change = "an improvement on last year, when we judged"
    elif GRADE_RANK[current] < GRADE_RANK[previous]:
        change = "a decline from last year, when we judged"
    else:
        change = "the same as last year, when we also judged"
    return (
        f"Our overall judgment this year is {change} the force to {grade_after_to(previous)} "
        "in respect of its overall effectiveness."
    )
