"""The grading rule set: proposed grades for core questions and the overall question, with reasons.

The rules are data, stored with the programme (``Programme.grading_rules``) so that each programme's
grades are proposed by the rules it was inspected under; ``docs/grading.md`` explains them. A rule set
lists grade bands in the order they are tried; the first band whose conditions hold is proposed, and
the last band (no conditions) is the fallback. The compile proposes; the lead decides.

Grades are the levels of the programme's scale (``Programme.grade_scale``): four for PEEL 2016, five
since 2021. Bands name a graded level's code; the overall rule works on the ordered scale of any length.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from peel.models import GradeScale
from reports.statistics import whole_count
from reports.wording import counted, join_words, number_in_words, percent

DEFAULT_RULES: dict = {
    "version": 1,
    "name": "peel default grading rules",
    "bands": [
        {
            "grade": "inadequate",
            "when": "any",
            "conditions": [
                {"measure": "strength_share", "op": "lt", "value": 0.25},
                {"measure": "share_of_criteria_clearly_below", "op": "gte", "value": 0.5},
            ],
        },
        {
            "grade": "requires_improvement",
            "when": "any",
            "conditions": [
                {"measure": "strength_share", "op": "lt", "value": 0.5},
                {"measure": "share_of_criteria_clearly_below", "op": "gte", "value": 0.2},
                {"measure": "share_of_criteria_below", "op": "gte", "value": 0.5},
                {"measure": "proposed_afi_notes", "op": "gte", "value": 5},
            ],
        },
        {
            "grade": "outstanding",
            "when": "all",
            "conditions": [
                {"measure": "strength_share", "op": "gte", "value": 0.85},
                {"measure": "strengths", "op": "gte", "value": 10},
                {"measure": "criteria_below", "op": "eq", "value": 0},
            ],
        },
        {"grade": "good", "when": "all", "conditions": []},
    ],
    "overall": {"method": "median_of_core_questions", "any_inadequate_caps_at": "requires_improvement"},
}

# For the five-level scale of PEEL since 2021: adequate takes the milder shortfalls that proposed
# requires improvement on four levels; requires improvement keeps the clear ones.
DEFAULT_RULES_FIVE_LEVELS: dict = {
    "version": 1,
    "name": "peel default grading rules, five levels",
    "bands": [
        DEFAULT_RULES["bands"][0],
        {
            "grade": "requires_improvement",
            "when": "any",
            "conditions": [
                {"measure": "strength_share", "op": "lt", "value": 0.4},
                {"measure": "share_of_criteria_clearly_below", "op": "gte", "value": 0.2},
                {"measure": "proposed_afi_notes", "op": "gte", "value": 5},
            ],
        },
        {
            "grade": "adequate",
            "when": "any",
            "conditions": [
                {"measure": "strength_share", "op": "lt", "value": 0.6},
                {"measure": "share_of_criteria_below", "op": "gte", "value": 0.5},
                {"measure": "proposed_afi_notes", "op": "gte", "value": 3},
            ],
        },
        DEFAULT_RULES["bands"][2],
        DEFAULT_RULES["bands"][3],
    ],
    "overall": {"method": "median_of_core_questions", "any_inadequate_caps_at": "requires_improvement"},
}

DEFAULT_RULES_BY_SCALE = {
    ("outstanding", "good", "requires_improvement", "inadequate"): DEFAULT_RULES,
    ("outstanding", "good", "adequate", "requires_improvement", "inadequate"): DEFAULT_RULES_FIVE_LEVELS,
}

MEASURES: dict[str, tuple[str, bool]] = {
    # name: (words, is a proportion)
    "strengths": ("evidence notes recording a strength", False),
    "weaknesses": ("evidence notes recording a weakness", False),
    "strength_share": ("the share of strengths among notes recording a strength or a weakness", True),
    "proposed_afi_notes": ("evidence notes proposed as areas for improvement", False),
    "criteria_assessed": ("file-review criteria with files to assess", False),
    "criteria_below": ("criteria met in a smaller proportion of files than their threshold", False),
    "criteria_clearly_below": ("criteria whose whole 95% interval lies below their threshold", False),
    "share_of_criteria_below": ("the share of assessed criteria below their threshold", True),
    "share_of_criteria_clearly_below": (
        "the share of assessed criteria whose whole 95% interval lies below their threshold",
        True,
    ),
}

OPERATORS: dict[str, tuple[str, object]] = {
    "lt": ("below", lambda a, b: a < b),
    "lte": ("at most", lambda a, b: a <= b),
    "gt": ("above", lambda a, b: a > b),
    "gte": ("at least", lambda a, b: a >= b),
    "eq": ("exactly", lambda a, b: a == b),
}


class GradingRulesError(ValueError):
    """The programme's rule set cannot be used; the message names every problem."""


def default_rules_for(scale: GradeScale) -> dict:
    """The documented default rules for a scale peel ships (four or five PEEL levels); another scale
    has no defaults: its programme must be given rules."""
    rules = DEFAULT_RULES_BY_SCALE.get(tuple(level.code for level in scale.graded))
    if rules is None:
        raise GradingRulesError(
            "The programme has no grading rules and its grade scale is not one peel has default rules for: "
            "set its grading rules in the admin site."
        )
    return rules


def rules_problems(rules: object, *, scale: GradeScale) -> list[str]:
    """Everything wrong with a rule set on the programme's scale, each naming the key at fault (empty when
    it is usable)."""
    graded = [level.code for level in scale.graded]
    if not isinstance(rules, dict):
        return ["the rule set must be a JSON object"]
    problems = []
    version = rules.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        problems.append("version: must be a whole number from 1")
    bands = rules.get("bands")
    if not isinstance(bands, list) or not bands:
        problems.append("bands: must be a non-empty list")
        bands = []
    for index, band in enumerate(bands, start=1):
        where = f"bands[{index}]"
        if not isinstance(band, dict):
            problems.append(f"{where}: must be an object")
            continue
        if band.get("grade") not in graded:
            problems.append(f"{where}.grade: must be one of {', '.join(graded)}")
        if band.get("when") not in ("any", "all"):
            problems.append(f"{where}.when: must be 'any' or 'all'")
        conditions = band.get("conditions")
        if not isinstance(conditions, list):
            problems.append(f"{where}.conditions: must be a list")
            continue
        if index == len(bands) and conditions:
            problems.append(f"{where}: the last band is the fallback and must have no conditions")
        if index < len(bands) and not conditions:
            problems.append(f"{where}: only the last band may have no conditions")
        for number, condition in enumerate(conditions, start=1):
            at = f"{where}.conditions[{number}]"
            if not isinstance(condition, dict):
                problems.append(f"{at}: must be an object")
                continue
            if condition.get("measure") not in MEASURES:
                problems.append(f"{at}.measure: must be one of {', '.join(MEASURES)}")
            if condition.get("op") not in OPERATORS:
                problems.append(f"{at}.op: must be one of {', '.join(OPERATORS)}")
            value = condition.get("value")
            if not isinstance(value, int | float) or isinstance(value, bool):
                problems.append(f"{at}.value: must be a number")
    overall = rules.get("overall")
    if not isinstance(overall, dict) or overall.get("method") != "median_of_core_questions":
        problems.append("overall.method: must be 'median_of_core_questions'")
    elif overall.get("any_inadequate_caps_at", "") not in ("", *graded):
        problems.append(f"overall.any_inadequate_caps_at: must be empty or one of {', '.join(graded)}")
    return problems


def rules_check(rules: object, *, scale: GradeScale) -> dict:
    problems = rules_problems(rules, scale=scale)
    if problems:
        raise GradingRulesError("The programme's grading rules cannot be used: " + "; ".join(problems) + ".")
    return rules  # type: ignore[return-value]


@dataclass(frozen=True)
class CriterionOutcome:
    """What grading needs of one criterion's overall result."""

    code: str
    text: str
    met: int
    n: int
    threshold: Decimal
    proportion: float | None
    interval: tuple[float, float] | None

    def __post_init__(self) -> None:
        whole_count("met", self.met)
        if self.met > whole_count("n", self.n):
            raise ValueError(f"met must be at most n ({self.n}), not {self.met}")

    @property
    def is_below(self) -> bool:
        # Exact: met < threshold × n, not a rounded proportion against the threshold.
        return self.n > 0 and Decimal(self.met) < self.threshold * self.n

    @property
    def is_clearly_below(self) -> bool:
        return self.interval is not None and self.interval[1] < self.threshold

    def in_words(self) -> str:
        low, high = self.interval or (None, None)
        return (
            f"{self.code} {self.text} – {self.met} of {self.n} files ({percent(self.proportion)}, "
            f"95% interval {percent(low)} to {percent(high)}) against a threshold of "
            f"{percent(self.threshold)}"
        )


@dataclass(frozen=True)
class QuestionMeasures:
    strengths: int
    weaknesses: int
    proposed_afi_notes: int
    criteria: tuple[CriterionOutcome, ...] = ()

    def values(self) -> dict[str, float | int | None]:
        directed = self.strengths + self.weaknesses
        assessed = [c for c in self.criteria if c.n > 0]
        below = sum(1 for c in assessed if c.is_below)
        clearly_below = sum(1 for c in assessed if c.is_clearly_below)
        return {
            "strengths": self.strengths,
            "weaknesses": self.weaknesses,
            "strength_share": self.strengths / directed if directed else None,
            "proposed_afi_notes": self.proposed_afi_notes,
            "criteria_assessed": len(assessed),
            "criteria_below": below,
            "criteria_clearly_below": clearly_below,
            "share_of_criteria_below": below / len(assessed) if assessed else None,
            "share_of_criteria_clearly_below": clearly_below / len(assessed) if assessed else None,
        }


@dataclass(frozen=True)
class GradeProposal:
    grade: str
    reasons: list[str] = field(default_factory=list)


def _value_in_words(measure: str, value: float | int | None) -> str:
    if value is None:
        return "not known (nothing to count)"
    return percent(value) if MEASURES[measure][1] else f"{value:g}"


def _condition_in_words(condition: dict, value: float | int | None) -> str:
    words, is_share = MEASURES[condition["measure"]]
    op_words = OPERATORS[condition["op"]][0]
    limit = percent(condition["value"]) if is_share else f"{condition['value']:g}"
    return f"{words}: {_value_in_words(condition['measure'], value)} ({op_words} {limit})"


def _holds(condition: dict, values: dict) -> bool:
    value = values[condition["measure"]]
    return value is not None and OPERATORS[condition["op"]][1](value, condition["value"])


def grade_propose(*, rules: dict, measures: QuestionMeasures, scale: GradeScale) -> GradeProposal:
    """The first band whose conditions hold, with the facts and the conditions that decided it."""
    values = measures.values()
    reasons = [
        f"Evidence notes: {counted(measures.strengths, 'strength', 'strengths')} and "
        f"{counted(measures.weaknesses, 'weakness', 'weaknesses')} ({percent(values['strength_share'])} "
        f"strengths); {measures.proposed_afi_notes} proposed as areas for improvement.",
    ]
    assessed = [c for c in measures.criteria if c.n > 0]
    if assessed:
        below = [c for c in assessed if c.is_below]
        reasons.append(
            f"File review: {counted(len(assessed), 'criterion', 'criteria')} assessed, {len(below)} below "
            "their threshold"
            f" ({values['criteria_clearly_below']} clearly, with the whole 95% interval below)."
        )
        reasons.extend(f"Below threshold: {c.in_words()}." for c in below)
    else:
        reasons.append("File review: no criteria mapped to this question have files to assess.")

    bands = rules["bands"]
    for index, band in enumerate(bands):
        conditions = band["conditions"]
        held = [c for c in conditions if _holds(c, values)]
        matched = (
            not conditions
            or (band["when"] == "any" and held)
            or (band["when"] == "all" and len(held) == len(conditions))
        )
        if not matched:
            continue
        grade = band["grade"]
        if conditions:
            decisive = held if band["when"] == "any" else conditions
            said = join_words([_condition_in_words(c, values[c["measure"]]) for c in decisive])
            reasons.append(f"Proposed {scale.label(grade).lower()} because {said}.")
        else:
            tried = join_words([scale.label(b["grade"]).lower() for b in bands[:index]])
            reasons.append(
                f"Proposed {scale.label(grade).lower()}: "
                f"the conditions for {tried or 'no other grade'} did not hold."
            )
        return GradeProposal(grade=grade, reasons=reasons)
    raise GradingRulesError("bands: no band matched; the last band must have no conditions.")


@dataclass(frozen=True)
class CoreGrade:
    code: str
    grade: str
    approved: bool


OVERALL_RULE = (
    "the middle grade of the graded core questions, ordered from {worst} to {best}; with an even number of "
    "them, the grade halfway between the two middle grades, and where halfway falls between two grades, "
    "the worse of the two; ungraded core questions take no part"
)


def middle_rank(ranks: list[int]) -> int:
    """The middle of the ordered ranks; for an even number, halfway between the two middle ranks, rounded
    down (toward the worse grade). Never outside the ranks given, never skipping a step between the two
    middle ones: 1, 1, 3, 3 gives 2, where the lower median would give 1."""
    if not ranks:
        raise ValueError("a middle grade needs at least one grade")
    ordered = sorted(ranks)
    half = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[half]
    return (ordered[half - 1] + ordered[half]) // 2


def overall_propose(*, rules: dict, core_grades: list[CoreGrade], scale: GradeScale) -> GradeProposal | None:
    """The middle grade of the graded core questions (``middle_rank``) on the programme's scale, capped
    when any core question has the scale's worst grade. Uses the lead's approved grade where there is one,
    else the proposal. The reasons state the rule on the programme's scale and how it applied."""
    graded = [c for c in core_grades if scale.rank(c.grade) is not None]
    if not graded:
        return None
    listed = "; ".join(
        f"{c.code} {scale.label(c.grade).lower()} ({'approved' if c.approved else 'proposed'})"
        for c in graded
    )
    ranks = sorted(scale.rank(c.grade) for c in graded)
    grade = scale.by_rank(middle_rank(ranks)).code
    words = [level.label.lower() for level in reversed(scale.graded)]
    rule = OVERALL_RULE.format(worst=words[0], best=words[-1])
    reasons = [
        f"Core questions: {listed}.",
        f"Rule (on the scale of {number_in_words(len(words))} grades {', '.join(words)}): {rule}.",
        f"Proposed {scale.label(grade).lower()}: {_middle_in_words(ranks, scale)}.",
    ]
    cap = rules["overall"].get("any_inadequate_caps_at", "")
    worst = scale.worst
    if cap and any(c.grade == worst.code for c in graded) and scale.rank(grade) > scale.rank(cap):
        grade = cap
        reasons.append(
            f"Capped at {scale.label(cap).lower()} because a core question is {worst.label.lower()}."
        )
    return GradeProposal(grade=grade, reasons=reasons)


def _middle_in_words(ranks: list[int], scale: GradeScale) -> str:
    def label(rank: int) -> str:
        return scale.by_rank(rank).label.lower()

    if len(ranks) == 1:
        return f"the only graded core question is {label(ranks[0])}"
    ordered = (
        f"ordered, the {number_in_words(len(ranks))} graded core questions are "
        f"{join_words([label(rank) for rank in ranks])}"
    )
    half = len(ranks) // 2
    if len(ranks) % 2:
        return f"{ordered}; the middle grade is {label(ranks[half])}"
    low, high = ranks[half - 1], ranks[half]
    if low == high:
        return f"{ordered}; both middle grades are {label(low)}"
    pair = f"{ordered}; the two middle grades are {label(low)} and {label(high)}"
    if high - low == 1:
        return f"{pair}, next to each other, so the worse of them, {label(low)}"
    if (low + high) % 2 == 0:
        return f"{pair}; halfway between them is {label((low + high) // 2)}"
    lower = (low + high) // 2
    return (
        f"{pair}; halfway between them falls between {label(lower)} and {label(lower + 1)}, "
        f"so the worse of those, {label(lower)}"
    )
